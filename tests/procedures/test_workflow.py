import pytest

from procedures import workflow
from procedures.constants import CaseStatus
from procedures.errors import (
    IncompleteCase,
    NotPermitted,
    StaleCase,
    TransitionNotAllowed,
    WorkflowError,
)
from procedures.models import Case, CaseEvent
from procedures.models.event import AppendOnlyError
from tests.factories import UserFactory
from tests.procedures.factories import CaseFactory

pytestmark = pytest.mark.django_db

CALLS = {
    "submit": lambda case, actor: workflow.submit(case.pk, actor),
    "discard": lambda case, actor: workflow.discard(case.pk, actor),
    "withdraw": lambda case, actor: workflow.withdraw(case.pk, actor),
    "start_review": lambda case, actor: workflow.start_review(case.pk, actor),
    "request_info": lambda case, actor: workflow.request_info(case.pk, actor, text="Pièce ?"),
    "answer": lambda case, actor: workflow.answer(case.pk, actor, text="Voici."),
    "accept": lambda case, actor: workflow.accept(case.pk, actor),
    "reject": lambda case, actor: workflow.reject(case.pk, actor, text="Hors délai."),
    "close": lambda case, actor: workflow.close(case.pk, actor, text="Sans objet."),
    "accept_by_silence": lambda case, actor: workflow.perform(case.pk, "accept_by_silence",
                                                              actor, text="Par silence."),
    "reject_by_silence": lambda case, actor: workflow.perform(case.pk, "reject_by_silence",
                                                              actor, text="Par silence."),
}
ILLEGAL = [
    (name, status)
    for name, transition in workflow.TRANSITIONS.items()
    for status in CaseStatus.values
    if status not in transition.sources
    and not (name == "submit" and status != CaseStatus.DRAFT)  # submit is idempotent, below
]
LEGAL = [(name, source) for name, t in workflow.TRANSITIONS.items() for source in t.sources]


def _actor(case, transition, agent):
    if transition.actor == "system":
        return None
    return case.applicant if transition.actor == "citizen" else agent


def _case_in(status):
    filed = status not in (CaseStatus.DRAFT, CaseStatus.DISCARDED)
    decided = status in (CaseStatus.ACCEPTED, CaseStatus.REJECTED, CaseStatus.CLOSED)
    from django.utils import timezone
    return CaseFactory(status=status, filed=filed, decided_at=timezone.now() if decided else None)


def test_the_table_matches_the_design():
    assert CALLS.keys() == workflow.TRANSITIONS.keys()


@pytest.mark.parametrize(("name", "status"), ILLEGAL)
def test_every_illegal_transition_is_refused(name, status, agent):
    case = _case_in(status)
    with pytest.raises(TransitionNotAllowed):
        CALLS[name](case, _actor(case, workflow.TRANSITIONS[name], agent))
    case.refresh_from_db()
    assert case.status == status and case.version == 1
    assert not CaseEvent.objects.exists()


@pytest.mark.parametrize(("name", "status"), LEGAL)
def test_every_legal_transition_changes_the_case_and_writes_its_event(name, status, agent):
    case = _case_in(status)
    actor = _actor(case, workflow.TRANSITIONS[name], agent)
    CALLS[name](case, actor)
    case.refresh_from_db()
    assert case.status == workflow.TRANSITIONS[name].target
    assert case.version == 2
    event = CaseEvent.objects.get()
    assert (event.kind, event.actor, event.from_status, event.to_status, event.case_version) == (
        name, actor, status, case.status, 2)


@pytest.mark.parametrize("name", [n for n, t in workflow.TRANSITIONS.items() if t.actor == "agent"])
def test_agents_of_another_service_and_citizens_may_not_act(name, other_agent):
    case = _case_in(workflow.TRANSITIONS[name].sources[0])
    for intruder in (other_agent, case.applicant, UserFactory(is_staff=True)):
        with pytest.raises(NotPermitted):
            CALLS[name](case, intruder)


def test_another_citizen_may_not_submit_or_withdraw():
    draft, submitted = CaseFactory(), CaseFactory(submitted=True)
    stranger = UserFactory()
    with pytest.raises(NotPermitted):
        workflow.submit(draft.pk, stranger)
    with pytest.raises(NotPermitted):
        workflow.withdraw(submitted.pk, stranger)


def test_submit_stamps_reference_due_date_and_computed_values(demo_service):
    case = CaseFactory()
    workflow.submit(case.pk, case.applicant)
    case.refresh_from_db()
    assert case.reference.startswith("DM-") and case.due_at and case.submitted_at
    assert case.computed == {"details_length": len(case.answers["request"]["details"])}


def test_submit_twice_is_one_submission():
    case = CaseFactory()
    workflow.submit(case.pk, case.applicant)
    workflow.submit(case.pk, case.applicant)
    assert CaseEvent.objects.filter(kind="submit").count() == 1


def test_submit_refuses_incomplete_answers():
    case = CaseFactory(answers={"identity": {"first_name": "A"}})
    with pytest.raises(IncompleteCase) as refused:
        workflow.submit(case.pk, case.applicant)
    assert set(refused.value.errors) == {"identity", "request"}
    case.refresh_from_db()
    assert case.is_draft and case.reference is None


def test_a_failing_procedure_rolls_back_the_submission():
    case = CaseFactory(procedure="demo-broken")
    with pytest.raises(RuntimeError):
        workflow.submit(case.pk, case.applicant)
    case.refresh_from_db()
    assert case.is_draft and not CaseEvent.objects.exists()


def test_reject_needs_a_motivation(agent):
    case = CaseFactory(in_review=True)
    with pytest.raises(WorkflowError, match="motivation"):
        workflow.reject(case.pk, agent, text="  ")
    assert Case.objects.get().status == CaseStatus.IN_REVIEW


def test_a_stale_version_is_refused(agent):
    case = CaseFactory(in_review=True)
    workflow.accept(case.pk, agent, expected_version=case.version)
    with pytest.raises(StaleCase):
        workflow.reject(case.pk, agent, text="Non.", expected_version=case.version)
    assert CaseEvent.objects.count() == 1


def test_start_review_assigns_a_free_case(agent):
    case = CaseFactory(submitted=True)
    workflow.start_review(case.pk, agent)
    assert Case.objects.get().assigned_to == agent


def test_a_citizen_message_answers_a_request_for_information(agent):
    case = CaseFactory(awaiting_info=True)
    workflow.post_message(case.pk, case.applicant, "citizen", body="Voici la pièce.")
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    assert CaseEvent.objects.get().kind == "answer"


def test_events_are_append_only(agent):
    case = CaseFactory(submitted=True)
    workflow.start_review(case.pk, agent)
    event = CaseEvent.objects.get()
    event.text = "réécrit"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_submission_errors_name_their_field_and_stale_answers_are_dropped():
    case = CaseFactory(answers={"identity": {"first_name": "A", "last_name": "B"},
                                "request": {"topic": "park", "details": "x", "stale": "old"}})
    with pytest.raises(IncompleteCase) as refused:
        workflow.submit(case.pk, case.applicant)
    assert refused.value.errors == {"identity": ["Indiquez « Date de naissance »."]}
    case.answers["identity"]["birth_date"] = "1990-01-01"
    case.save()
    workflow.submit(case.pk, case.applicant)
    case.refresh_from_db()
    assert "stale" not in case.answers["request"]


def test_taking_a_case_of_a_colleague_or_a_decided_case_is_refused(demo_service, agent):
    from tests.factories import AgentFactory

    colleague = AgentFactory(service=demo_service)
    supervisor = AgentFactory(service=demo_service, service__role="supervisor")
    case = CaseFactory(in_review=True, assigned_to=colleague)
    with pytest.raises(NotPermitted):
        workflow.assign(case.pk, agent, agent)
    workflow.assign(case.pk, supervisor, agent)
    assert Case.objects.get(pk=case.pk).assigned_to == agent
    with pytest.raises(TransitionNotAllowed):
        workflow.assign(CaseFactory(accepted=True).pk, agent, agent)


def test_upload_hint_follows_the_reader_language():
    from django.utils import translation

    from procedures.uploads import DocumentField

    field = DocumentField()
    with translation.override("en"):
        assert str(field.help_text).endswith("at most.")
    with translation.override("fr"):
        assert str(field.help_text).endswith("au maximum.")
