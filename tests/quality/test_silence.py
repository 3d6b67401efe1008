"""Decisions by silence at the due date, and the delay suspended while awaiting information."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from procedures import workflow
from procedures.constants import CaseStatus, DocumentKind, Silence
from procedures.demo.procedure import DemoProcedure
from procedures.models import CaseEvent, Document
from quality import silence, tasks
from tests.procedures.factories import CaseFactory


class AcceptedBySilence(DemoProcedure):
    slug = "demo-silence"
    title = "Silent demo"
    reference_prefix = "SV"
    silence = Silence.ACCEPTANCE
    awaiting_info_suspends_delay = True


class RejectedBySilence(AcceptedBySilence):
    slug = "demo-silence-rejects"
    reference_prefix = "SR"
    silence = Silence.REJECTION
    awaiting_info_suspends_delay = False


@pytest.fixture
def silent(registered, demo_service):
    registered(AcceptedBySilence, RejectedBySilence)


def today():
    return timezone.localdate()


def days(count):
    return today() + datetime.timedelta(days=count)


def test_accepted_on_its_due_date_exactly_once(silent, django_capture_on_commit_callbacks):
    case = CaseFactory(in_review=True, procedure="demo-silence", due_at=today())
    with django_capture_on_commit_callbacks(execute=True):
        tasks.decide_by_silence.delay()
        tasks.decide_by_silence.delay()  # the beat's second run, or a redelivery
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.decided_at is not None
    [event] = CaseEvent.objects.filter(case=case, to_status=CaseStatus.ACCEPTED)
    assert (event.kind, event.actor, event.actor_role) == ("accept_by_silence", None, "system")
    assert event.data == {"due_at": today().isoformat()}

    decision = Document.objects.get(case=case, kind=DocumentKind.DECISION)
    with decision.file.open("rb") as pdf:
        text = re.sub(r"\s+", " ", " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(pdf.read())).pages))
    assert "Votre demande est acceptée." in text
    assert f"Acceptée par silence le {today().day}" in text


def test_what_the_task_leaves_alone(silent):
    decided_yesterday = CaseFactory(accepted=True, procedure="demo-silence", due_at=today(),
                                    decided_at=timezone.now() - datetime.timedelta(days=1))
    not_due_yet = CaseFactory(in_review=True, procedure="demo-silence", due_at=days(1))
    silence_means_nothing = CaseFactory(in_review=True, procedure="demo", due_at=days(-3))
    suspended = CaseFactory(awaiting_info=True, procedure="demo-silence", due_at=days(-1))
    tasks.decide_by_silence.delay()
    assert not silence.decide(suspended.pk)
    for case in (decided_yesterday, not_due_yet, silence_means_nothing, suspended):
        version = case.version
        case.refresh_from_db()
        assert case.version == version
    assert not CaseEvent.objects.exists()


def test_rejected_by_silence_when_past_due(silent):
    # awaiting the applicant, but this procedure's delay is not suspended meanwhile
    case = CaseFactory(awaiting_info=True, procedure="demo-silence-rejects", due_at=days(-2))
    tasks.decide_by_silence.delay()
    case.refresh_from_db()
    assert case.status == CaseStatus.REJECTED
    event = case.events.get()
    assert event.kind == "reject_by_silence" and "Rejetée par silence" in event.text


def test_awaiting_information_suspends_the_delay(silent, agent):
    case = CaseFactory(in_review=True, procedure="demo-silence", due_at=days(5))
    workflow.request_info(case.pk, agent, text="Votre justificatif, s’il vous plaît.")
    CaseEvent.objects.filter(case=case).update(
        created_at=timezone.now() - datetime.timedelta(days=4))
    workflow.answer(case.pk, case.applicant, text="Le voici.")
    case.refresh_from_db()
    assert case.due_at == days(9)
    moved = case.events.get(kind="delay_suspended")
    assert moved.data == {"from": days(5).isoformat(), "to": days(9).isoformat(), "days": 4}


def test_without_suspension_the_due_date_stays(agent, demo_service):
    case = CaseFactory(in_review=True, procedure="demo", due_at=days(5))
    workflow.request_info(case.pk, agent, text="Votre justificatif.")
    CaseEvent.objects.filter(case=case).update(
        created_at=timezone.now() - datetime.timedelta(days=4))
    workflow.answer(case.pk, case.applicant, text="Le voici.")
    case.refresh_from_db()
    assert case.due_at == days(5) and not case.events.filter(kind="delay_suspended").exists()
