"""Customs with a real worker on PostgreSQL: the red journey through the pages and the admin,
and a green declaration released by the system, its release note ready within 5 s."""

import pytest
from django.urls import reverse

from procedures.constants import DocumentKind
from procedures.customs.models import RandomRate
from procedures.models import Channel, Document, Notification
from tests.customs.conftest import OVEN, SHIRTS, WINE
from tests.customs.journey import (
    admin_act,
    assert_no_secret,
    file_declaration,
    inspection,
    wine_rule,
)
from tests.factories import AgentFactory, CompanyFactory, ServiceFactory, UserFactory
from tests.second_factor import log_in

from .helpers import pdf_text, read
from .live import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def people(transactional_db):
    office = ServiceFactory(code="douane-villebourg", name="Bureau de douane de Villebourg",
                            kind="customs")
    importer = UserFactory(first_name="Karim", last_name="Benali")
    company = CompanyFactory(represented_by=importer)
    RandomRate.objects.update(rate=0)  # the lanes are the rules'
    return {"importer": importer, "company": company,
            "officer": AgentFactory(service=office)}


def decision(case):
    return Document.objects.filter(case=case, kind=DocumentKind.DECISION).first()


def test_a_red_declaration_controlled_re_liquidated_and_released(live_worker, people, client):
    wine_rule()
    log_in(client, people["importer"])
    case = file_declaration(client, people["company"], [OVEN, WINE, SHIRTS])
    wait_for(lambda: case.events.filter(kind="start_control").exists(), message="the lane")
    case.refresh_from_db()
    assert case.status == "under_control" and case.clearance.lane == "red"
    receipt = wait_for(lambda: case.documents.filter(kind=DocumentKind.RECEIPT).first(),
                       message="the receipt")
    assert "2 916,80" in pdf_text(read(receipt)).replace("\u202f", " ").replace("\xa0", " ")

    log_in(client, people["officer"])
    assert admin_act(client, case, "record_control", inspection(case, {
        2: {"customs_value": "1500.00", "conform": "no", "note": "Facture sous-évaluée."}}
    )).status_code == 302
    case.refresh_from_db()
    assert case.computed["liquidation"]["total"] == "3118.40"
    assert admin_act(client, case, "release", {"payment": "paid",
                                                "payment_reference": "QUIT-7"}).status_code == 302
    note = wait_for(lambda: decision(case), message="the release note")
    assert "BON À ENLEVER" in pdf_text(read(note))
    link = reverse("procedures:document", args=[note.public_id])
    mail = wait_for(lambda: [m for m in live_worker.emails() if link in str(m)],
                    message="the release e-mail")[0]
    assert mail["To"] == people["importer"].email
    assert_no_secret(str(mail), "the release e-mail")
    log_in(client, people["importer"])
    space = client.get(reverse("procedures:case", args=[case.public_id])).content.decode()
    assert link in space and "Mainlevée accordée" in space
    assert case.reference in client.get(reverse("procedures:my_space")).content.decode()


def test_a_green_declaration_is_released_with_its_note_within_5_s(live_worker, people,
                                                                  client):
    log_in(client, people["importer"])
    case = file_declaration(client, people["company"], [SHIRTS], guarantee="GAR-2026-7")
    note = wait_for(lambda: decision(case), timeout=15, message="the release note")
    mailed = wait_for(lambda: Notification.objects.filter(
        case=case, event__kind="release_at_once", channel=Channel.EMAIL,
        sent_at__isnull=False).first(), timeout=15, message="the release e-mail")
    case.refresh_from_db()
    assert case.status == "released"
    link = reverse("procedures:document", args=[note.public_id])
    assert [m for m in live_worker.emails() if link in str(m)]
    # the worker's time: from the submission to the release note's e-mail sent
    elapsed = (mailed.sent_at - case.submitted_at).total_seconds()
    assert elapsed < 5, f"released with its note and e-mail in {elapsed:.1f} s"
