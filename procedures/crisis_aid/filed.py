"""The requests a company has already filed (for the one-request-per-scheme rule and the
prefill of its next request)."""

from django.db import transaction

from accounts.models import Company

from ..models import Case

SLUG = "crisis_aid"
NOT_COUNTED = ("draft", "discarded", "withdrawn")  # as the unique index of migration 0003


def filed_requests(**filters):
    return Case.objects.filter(procedure=SLUG, **filters).exclude(status__in=NOT_COUNTED)


def earlier_request(siret, scheme_id):
    """The company's filed request for this scheme, if any. Inside a transaction (a
    submission) the company's row is locked first, so that two submissions of the same company
    are checked one after the other: the second sees the first. The unique index holds it
    anyway."""
    if transaction.get_connection().in_atomic_block:
        list(Company.objects.select_for_update().filter(siret=siret).values_list("pk"))
    return (filed_requests(company__siret=siret, computed__scheme=int(scheme_id))
            .only("reference", "public_id").first())


def last_request(company):
    """The company's latest filed request, whatever the scheme (its answers prefill the next)."""
    if company is None:
        return None
    return filed_requests(company=company).order_by("-submitted_at").only("answers").first()
