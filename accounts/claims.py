"""Company claims: a person files their statement and its proof; an agent with the
`accounts.review_companyclaim` permission accepts or refuses it; the claimant is told by e-mail
in their language. Filing answers the same whether the SIRET is unknown to the guichet, claimed
by others or represented already: only the claimant's own claims are ever named."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from procedures.language import language_of

from . import outbox
from .constants import AccountEmailKind, ClaimStatus
from .models import Company, CompanyClaim

REVIEW_PERMISSION = "accounts.review_companyclaim"


class ClaimError(Exception):
    """The claimant's own earlier claim stands in the way (never another person's)."""


def may_review(user):
    return user.is_active and user.is_staff and user.has_perm(REVIEW_PERMISSION)


def live_claim(user, siret):
    """The claimant's own pending or accepted claim on this SIRET, if any."""
    return CompanyClaim.objects.filter(
        user=user, siret=siret, status__in=[ClaimStatus.PENDING, ClaimStatus.ACCEPTED]).first()


def file_claim(user, *, siret, name, address, postal_code, city, role, proof):
    """A pending claim with its proof (an upload already checked by procedures.uploads)."""
    claim = CompanyClaim(user=user, siret=siret, name=name, address=address,
                         postal_code=postal_code, city=city, role=role,
                         proof_name=proof.name, proof_type=proof.detected_type)
    claim.proof.save(proof.name, proof, save=False)
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError:  # the same person filed twice at once: one claim
        claim.proof.delete(save=False)
        raise ClaimError from None
    return claim


def _decided(claim_id, reviewer):
    claim = (CompanyClaim.objects.select_for_update().select_related("user")
             .get(pk=claim_id))
    if claim.status != ClaimStatus.PENDING or claim.user_id == reviewer.pk:  # nobody their own
        raise ClaimError
    claim.reviewed_by, claim.reviewed_at = reviewer, timezone.now()
    return claim


def _tell(claim, kind):
    outbox.queue(claim.user, kind, language=language_of(claim.user),
                 siret=claim.siret, name=claim.name, reason=claim.reason)


@transaction.atomic
def accept(claim_id, reviewer):
    """The claimant may file for the company from now on (its row made from the claim when
    the guichet had none; an existing row keeps its data)."""
    claim = _decided(claim_id, reviewer)
    claim.company, _ = Company.objects.get_or_create(
        siret=claim.siret, defaults={"name": claim.name, "address": claim.address,
                                     "postal_code": claim.postal_code, "city": claim.city})
    claim.status = ClaimStatus.ACCEPTED
    claim.save()
    _tell(claim, AccountEmailKind.CLAIM_ACCEPTED)
    return claim


@transaction.atomic
def refuse(claim_id, reviewer, reason):
    claim = _decided(claim_id, reviewer)
    claim.status, claim.reason = ClaimStatus.REFUSED, reason
    claim.save()
    _tell(claim, AccountEmailKind.CLAIM_REFUSED)
    return claim
