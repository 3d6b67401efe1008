"""A procedure's own states and actions (procedures/demo/outcomes.py): an action with its own
form, a supervisor's action, outcome states that count as decided everywhere."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from procedures import workflow
from procedures.constants import CaseStatus, DocumentKind, StateKind
from procedures.errors import NotPermitted
from procedures.models import Case, Notification

from .conftest import QUEUE, case_url, listed
from .test_case_page import messages_of, transition

SLUG = "demo-outcomes"


def check(version, amount, note=""):
    return {**transition("check", version), "check-data-amount": amount,
            "check-data-note": note}


@pytest.fixture
def in_review(service_a):
    from tests.procedures.factories import CaseFactory

    return CaseFactory(in_review=True, service=service_a, procedure=SLUG,
                       computed={"amount": "10.00"})


def test_an_action_form_shows_its_fields_with_the_values_to_correct(login, agent_a, in_review):
    page = login(agent_a).get(case_url(in_review)).text
    assert 'name="check-data-amount"' in page and 'value="10.00"' in page
    assert "Amount found (€)" in page


def test_an_invalid_value_shows_its_error_and_keeps_what_was_typed(login, agent_a, in_review):
    response = login(agent_a).post(case_url(in_review),
                                   check(in_review.version, "-3", "Carton ouvert"))
    assert response.status_code == 400
    assert "Nothing was done" in messages_of(response)
    form = next(f for f in response.context["transition_forms"] if f.transition.name == "check")
    assert form.action_form.errors["amount"] == [
        "Ensure this value is greater than or equal to 0."]
    assert 'value="-3"' in response.text and 'value="Carton ouvert"' in response.text
    assert 'aria-invalid="true"' in response.text
    in_review.refresh_from_db()
    assert (in_review.status, in_review.computed) == (CaseStatus.IN_REVIEW, {"amount": "10.00"})
    assert not in_review.events.exists()


def test_a_valid_action_form_changes_the_case_and_is_kept_in_the_event(login, agent_a,
                                                                       in_review):
    response = login(agent_a).post(case_url(in_review), check(in_review.version, "12.5", "Vu"))
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == "checking" and in_review.status_kind == StateKind.OPEN
    assert in_review.computed == {"amount": "12.5"}  # apply() ran under the lock
    event = in_review.events.get()
    assert (event.kind, event.data) == ("check", {"amount": "12.5", "note": "Vu"})


def test_a_supervisors_action_is_neither_offered_nor_allowed_to_an_agent(
        login, agent_a, supervisor_a, in_review):
    workflow.perform(in_review.pk, "check", agent_a, data={"amount": 0, "note": ""})
    in_review.refresh_from_db()
    client = login(agent_a)
    page = client.get(case_url(in_review)).text
    assert "/decide/release/" in page and "/decide/seize/" not in page  # decisions: own pages

    response = client.post(case_url(in_review), transition("seize", in_review.version, "Fraude"))
    assert response.status_code == 400
    assert "Only a supervisor of the service may do this." in messages_of(response)
    with pytest.raises(NotPermitted):
        workflow.perform(in_review.pk, "seize", agent_a, text="Fraude")
    in_review.refresh_from_db()
    assert in_review.status == "checking"

    client = login(supervisor_a)
    assert "/decide/seize/" in client.get(case_url(in_review)).text
    client.post(case_url(in_review), transition("seize", in_review.version, "Fraude"))
    in_review.refresh_from_db()
    assert (in_review.status, in_review.status_kind) == ("seized", StateKind.REJECTED)


def test_an_outcome_state_counts_as_decided_everywhere(
        login, agent_a, in_review, django_capture_on_commit_callbacks):
    Case.objects.filter(pk=in_review.pk).update(
        due_at=timezone.localdate() - datetime.timedelta(days=3))
    workflow.perform(in_review.pk, "check", agent_a, data={"amount": 1, "note": ""})
    client = login(agent_a)
    home = client.get(reverse("admin:index")).context["overview"]["services"][0][1]
    assert (home["in_review"], home["overdue"]) == (1, 1)  # "checking" is open, and late

    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(in_review.pk, "release", agent_a)
    case = Case.objects.get(pk=in_review.pk)
    assert (case.status, case.status_kind) == ("released", StateKind.ACCEPTED)
    assert case.decided_at is not None and not case.is_overdue
    assert case.status_label == "Released"
    assert case.reference not in listed(client.get(QUEUE))  # not "to process"
    assert case.reference not in listed(client.get(QUEUE, {"overdue": "yes"}))
    assert case.reference in listed(client.get(QUEUE, {"status": "released"}))
    home = client.get(reverse("admin:index")).context["overview"]["services"][0][1]
    assert {key: home[key] for key in ("new", "in_review", "awaiting", "overdue")} == {
        "new": 0, "in_review": 0, "awaiting": 0, "overdue": 0}
    assert home["oldest"] is None  # nothing waits any more
    assert case.documents.filter(kind=DocumentKind.DECISION).count() == 1
    assert {n.kind for n in Notification.objects.filter(case=case)} == {"accepted"}
    assert 'value="take"' not in client.get(case_url(case)).text  # nothing left to do
    export = client.get(reverse("admin:procedures_case_export", args=["csv"]),
                        {"status": "released"})
    row = next(line for line in b"".join(export.streaming_content).decode().splitlines()
               if case.reference in line)
    assert ";Released;" in row and ";No;" in row  # not overdue


def test_the_database_refuses_a_decided_case_without_decided_at(in_review):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=in_review.pk).update(status="released",
                                                    status_kind=StateKind.ACCEPTED)
    with pytest.raises(IntegrityError), transaction.atomic():  # an engine state, the wrong kind
        Case.objects.filter(pk=in_review.pk).update(status=CaseStatus.SUBMITTED,
                                                    status_kind=StateKind.DRAFT)
