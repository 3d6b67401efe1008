"""The crisis aid through the real pipeline (PostgreSQL, Redis, a real worker): clean cases
granted by the system, and proposals confirmed in bulk, each with its decision, its document
and its notification, none twice."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count
from stdnum import luhn

from accounts.models import Company, CompanyClaim, Service
from procedures import proposals, workflow
from procedures.constants import CaseStatus, DocumentKind
from procedures.crisis_aid.models import AidScheme
from procedures.models import Case, CaseEvent, Channel, Document, Notification, Proposal
from tests.crisis_aid.conftest import answers, shipped_data
from tests.factories import AgentFactory, UserFactory

from .live import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
CASES = 500


def siret(number):
    siren = f"{number:08d}"
    siren += luhn.calc_check_digit(siren)
    return siren + "0001" + luhn.calc_check_digit(siren + "0001")


def file_requests(number, *, holder=None):
    """`number` companies of one representative, each filing the March 2020 aid (`holder`: the
    bank account's holder, when not the company)."""
    shipped_data()
    scheme = AidScheme.objects.get(name="Fonds de solidarité — mars 2020")
    representative = UserFactory()
    start = Company.objects.count()
    companies = Company.objects.bulk_create(
        [Company(siret=siret(20_000_000 + start + i), name=f"Boulangerie {start + i}")
         for i in range(number)])
    CompanyClaim.objects.bulk_create(
        [CompanyClaim(user=representative, company=company, siret=company.siret,
                      name=company.name, status="accepted") for company in companies])
    desk = Service.objects.get(code="guichet-aides")
    drafts = Case.objects.bulk_create([Case(
        procedure="crisis_aid", applicant=representative, company=company, service=desk,
        answers=answers(scheme, company={"siret": company.siret, "name": company.name,
                                         "legal_form": "sarl", "naf_code": "10.71C",
                                         "employees": 3},
                        bank={"iban": "FR76 3000 6000 0112 3456 7890 189", "bank": "CIC",
                              "holder": holder or company.name}))
        for company in companies])
    for draft in drafts:
        workflow.submit(draft.pk, representative)  # its tasks enqueued on commit
    connection.close()
    return Case.objects.filter(pk__in=[draft.pk for draft in drafts])


def assert_each_once(cases, event_kind):
    """Each case: one receipt, one decision event, one decision document, one e-mail of each."""
    ids = list(cases.values_list("pk", flat=True))
    decisions = CaseEvent.objects.filter(case__in=ids, kind=event_kind)
    assert decisions.count() == len(ids)
    for kind in (DocumentKind.RECEIPT, DocumentKind.DECISION):
        per_case = Document.objects.filter(case__in=ids, kind=kind).values("case").annotate(
            n=Count("pk"))
        assert sorted(row["n"] for row in per_case) == [1] * len(ids)
    mails = Notification.objects.filter(case__in=ids, channel=Channel.EMAIL)
    assert mails.filter(event__kind=event_kind, sent_at__isnull=False).count() == len(ids)
    assert mails.filter(event__kind="submit", sent_at__isnull=False).count() == len(ids)
    assert mails.filter(event__kind__in=("submit", event_kind)).count() == 2 * len(ids)


def wait_until_mailed(cases, event_kind, timeout):
    wait_for(lambda: Notification.objects.filter(
        case__in=cases, event__kind=event_kind, channel=Channel.EMAIL,
        sent_at__isnull=False).count() >= CASES, timeout=timeout,
        message=f"{CASES} e-mails of {event_kind}")
    wait_for(lambda: Notification.objects.filter(
        case__in=cases, event__kind="submit", sent_at__isnull=False).count() >= CASES,
        timeout=timeout, message=f"{CASES} receipts mailed")


def test_clean_cases_are_granted_by_the_system(live_worker):
    cases = file_requests(CASES)
    wait_until_mailed(cases, "grant_at_once", timeout=600)
    assert set(cases.values_list("status", flat=True)) == {CaseStatus.ACCEPTED}
    assert_each_once(cases, "grant_at_once")


def test_proposals_confirmed_in_bulk_each_get_their_decision(live_worker):
    cases = file_requests(CASES, holder="Karim Benali")  # eligible, but not the company's account
    wait_for(lambda: Proposal.objects.filter(case__in=cases).count() >= CASES, timeout=600,
             message=f"{CASES} proposals")
    assert set(cases.values_list("status", flat=True)) == {CaseStatus.SUBMITTED}
    assert set(Proposal.objects.filter(case__in=cases).values_list("transition", "amount")) \
        == {("grant", Decimal("1500.00"))}

    agent = AgentFactory(service=Service.objects.get(code="guichet-aides"))
    batch, without_proposal = proposals.confirm(cases, agent)
    assert without_proposal == 0
    wait_until_mailed(cases, "grant", timeout=600)
    assert set(cases.values_list("status", flat=True)) == {CaseStatus.ACCEPTED}
    assert_each_once(cases, "grant")
    assert proposals.progress(batch.pk)["done"] == CASES
