"""The automatic step after a submission (Procedure.after_submission), with the demo double
procedures/demo/outcomes.py: a parking permit is released by the system at once."""

from decimal import Decimal

import pytest
from django.urls import reverse

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
