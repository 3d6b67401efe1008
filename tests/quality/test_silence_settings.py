"""What silence means and whether awaiting the applicant suspends the delay: declared by the
procedure, changed in its settings in the admin; the receipt and the silence task read the
change. Which cases silence decides: the engine's open states, not a procedure's own."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from procedures.constants import CaseStatus, Silence
from procedures.demo.outcomes import OutcomesDemoProcedure
from procedures.documents import render_receipt_pdf
from procedures.models import ProcedureSettings
from quality import silence
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

from .test_silence import AcceptedBySilence


class SilentOutcomes(OutcomesDemoProcedure):
    slug = "demo-outcomes-silent"
    reference_prefix = "DQ"
    silence = Silence.ACCEPTANCE


@pytest.fixture
def admin_client(client, django_user_model):
    log_in(client, django_user_model.objects.create_superuser("chef@example.org", "x"))
    return client


def yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


def receipt_text(case):
    pdf = render_receipt_pdf(case, "ABCDE12345")
    return re.sub(r"\s+", " ", " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def change(admin_client, slug, **fields):
    row = ProcedureSettings.objects.get(procedure=slug)
    url = reverse("admin:procedures_proceduresettings_change", args=[row.pk])
    assert admin_client.post(url, {"is_open": "on", "delay": row.delay,
                                   "delay_unit": row.delay_unit, "silence": "",
                                   "awaiting_info_suspends_delay": "",
                                   **fields}).status_code == 302


def test_the_admin_offers_the_procedures_declaration_first(admin_client):
    row = ProcedureSettings.objects.get(procedure="demo")
    page = admin_client.get(reverse("admin:procedures_proceduresettings_change",
                                    args=[row.pk])).text
    assert '<option value="" selected>Comme la démarche le déclare : pas de décision ' \
           'implicite</option>' in page
    assert '<option value="" selected>Comme la démarche le déclare : Non</option>' in page
    listed = admin_client.get(reverse("admin:procedures_proceduresettings_changelist")).text
    assert '<td class="field-silence_rule">pas de décision implicite</td>' in listed


def test_silence_changed_in_the_admin_changes_the_receipt_and_the_task(admin_client,
                                                                       demo_service):
    case = CaseFactory(in_review=True, procedure="demo", service=demo_service,
                       submitted_at=timezone.now(), due_at=yesterday())
    assert "ne vaut pas décision" in receipt_text(case)
    assert silence.due_cases() == []

    change(admin_client, "demo", silence=Silence.ACCEPTANCE)
    assert "votre demande est réputée acceptée à cette date" in receipt_text(case)
    assert silence.due_cases() == [case.pk]
    assert silence.decide(case.pk)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED

    change(admin_client, "demo")  # back to the procedure's declaration: nothing
    other = CaseFactory(in_review=True, procedure="demo", due_at=yesterday())
    assert silence.due_cases() == [] and not silence.decide(other.pk)


def test_the_suspension_changed_in_the_admin(admin_client, registered, demo_service):
    registered(AcceptedBySilence)  # declared: awaiting the applicant suspends the delay
    ProcedureSettings.ensure_rows()
    waiting = CaseFactory(awaiting_info=True, procedure="demo-silence", service=demo_service,
                          submitted_at=timezone.now(), due_at=yesterday())
    assert "le délai s’arrête jusqu’à votre réponse" in receipt_text(waiting)
    assert silence.due_cases() == []

    change(admin_client, "demo-silence", awaiting_info_suspends_delay="False")
    assert "le délai s’arrête jusqu’à votre réponse" not in receipt_text(waiting)
    assert silence.due_cases() == [waiting.pk]
    assert silence.decide(waiting.pk)


def test_a_procedures_own_open_state_is_not_decided_by_silence(registered, db):
    registered(SilentOutcomes)
    being_checked = CaseFactory(in_review=True, procedure="demo-outcomes-silent",
                                due_at=yesterday())
    being_checked.status = "checking"  # its own open state: a check under way
    being_checked.save()
    in_review = CaseFactory(in_review=True, procedure="demo-outcomes-silent",
                            due_at=yesterday())
    assert silence.due_cases() == [in_review.pk]
    assert not silence.decide(being_checked.pk)
    being_checked.refresh_from_db()
    assert being_checked.status == "checking"
    assert silence.decide(in_review.pk)
