"""The automatic step after a submission (Procedure.after_submission), with the demo double
procedures/demo/outcomes.py: a parking permit is released by the system at once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from procedures import tasks
from procedures.constants import ActorRole, StateKind
from procedures.models import CaseEvent
from tests.second_factor import log_in

from .factories import VALID_ANSWERS, CaseFactory


def answers(topic):
    return {**VALID_ANSWERS, "request": {**VALID_ANSWERS["request"], "topic": topic}}


@pytest.fixture
def submit(client, demo_service, django_capture_on_commit_callbacks):
    """Submit through the review page; the tasks it enqueues run in-process."""
    def submit(topic):
        case = CaseFactory(procedure="demo-outcomes", answers=answers(topic))
        log_in(client, case.applicant)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("procedures:review", args=[case.public_id]))
        assert response.status_code == 302
        case.refresh_from_db()
        return case
    return submit


def test_the_system_releases_at_once_when_an_answer_says_so_and_only_once(submit):
    case = submit("park")
    assert (case.status, case.status_kind) == ("released", StateKind.ACCEPTED)
    assert case.decided_at is not None
    tasks.after_submission(case.pk)  # the task delivered a second time
    tasks.after_submission.delay(case.pk)
    events = list(CaseEvent.objects.filter(case=case).values_list(
        "kind", "actor_role", "actor", "to_status", "text"))
    assert events == [
        ("submit", ActorRole.CITIZEN, case.applicant.pk, "submitted", ""),
        ("release_at_once", ActorRole.SYSTEM, None, "released",
         "Accordé immédiatement : rien à contrôler."),  # in the default language
    ]
    assert case.documents.filter(kind="decision").count() == 1


def test_otherwise_the_system_proposes_a_decision_once(submit):
    case = submit("noise")
    tasks.after_submission(case.pk)
    case.refresh_from_db()
    assert case.status == "submitted"
    assert list(case.events.values_list("kind", "actor_role")) == [
        ("submit", ActorRole.CITIZEN), ("proposed", ActorRole.SYSTEM)]
    assert (case.proposal.transition, case.proposal.amount) == ("grant", Decimal("150.00"))


def test_a_procedure_without_an_automatic_step_enqueues_nothing(demo_service,
                                                                 django_capture_on_commit_callbacks):
    from procedures import workflow

    case = CaseFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        workflow.submit(case.pk, case.applicant)
    assert len(callbacks) == 1  # handle_event only


@pytest.fixture
def submitted_offline(demo_service, django_capture_on_commit_callbacks):
    """Submitted while the broker was down: after_submission was never enqueued."""
    from procedures import workflow

    def submitted_offline(topic):
        case = CaseFactory(procedure="demo-outcomes", answers=answers(topic))
        with django_capture_on_commit_callbacks(execute=False):
            workflow.submit(case.pk, case.applicant)
        return case
    return submitted_offline


@pytest.mark.postgres
def test_the_sweep_runs_a_lost_proposal_once(submitted_offline):
    case = submitted_offline("noise")
    tasks.sweep(grace_seconds=300)  # too recent: it may still be in the queue
    assert not case.events.filter(kind="proposed").exists()
    tasks.sweep(grace_seconds=0)
    tasks.sweep(grace_seconds=0)
    tasks.after_submission(case.pk)
    tasks.after_submission(case.pk)
    case.refresh_from_db()
    assert case.status == "submitted" and case.automatic_step_done_at is not None
    assert list(case.events.values_list("kind", "actor_role")) == [
        ("submit", ActorRole.CITIZEN), ("proposed", ActorRole.SYSTEM)]
    assert case.proposal.transition == "grant"


@pytest.mark.postgres
def test_the_sweep_runs_a_lost_release_once(submitted_offline):
    case = submitted_offline("park")
    tasks.sweep(grace_seconds=0)
    tasks.sweep(grace_seconds=0)
    tasks.after_submission(case.pk)
    tasks.after_submission(case.pk)
    case.refresh_from_db()
    assert case.status == "released"
    assert list(case.events.values_list("kind", flat=True)) == ["submit", "release_at_once"]
    assert case.documents.filter(kind="decision").count() == 1


@pytest.mark.postgres
def test_the_sweep_leaves_a_step_that_ran_and_a_case_that_moved_on(submit, submitted_offline,
                                                                    agent):
    from procedures import workflow

    submit("noise")  # its step ran
    moved_on = submitted_offline("noise")
    workflow.start_review(moved_on.pk, agent)
    now = timezone.now()
    assert workflow.automatic_steps_missing(now - timedelta(days=1), now, 500) == []
    tasks.sweep(grace_seconds=0)
    assert CaseEvent.objects.filter(kind="proposed").count() == 1
