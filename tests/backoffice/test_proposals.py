"""Proposals and their bulk confirmation in the background (procedures/proposals.py), with the
demo procedure procedures/demo/outcomes.py. The same with a real worker killed in the middle:
tests/pipeline/test_live_bulk.py."""

from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from procedures import proposals, tasks, workflow
from procedures.constants import StateKind
from procedures.errors import TransitionNotAllowed
from procedures.models import BatchItem, Case, CaseEvent, Notification, Proposal, ProposalBatch

from .conftest import QUEUE, case_url, make_cases
from .test_case_page import messages_of

SLUG = "demo-outcomes"


def with_proposals(cases, transition="grant", amount=Decimal("150.00")):
    Proposal.objects.bulk_create([Proposal(case=c, transition=transition, amount=amount,
                                           motivation="Dossier complet.") for c in cases])
    return cases


def select(client, cases, **extra):
    return client.post(f"{QUEUE}?status=all", {"action": "confirm_proposals", "index": "0",
                               ACTION_CHECKBOX_NAME: [c.pk for c in cases], **extra})


def test_a_proposal_is_a_decision_recorded_in_the_history(agent_a, service_a):
    case, = make_cases(1, service_a, procedure=SLUG)
    with pytest.raises(TransitionNotAllowed):
        workflow.propose(case, transition="start_review")
    workflow.propose(case, transition="reject", motivation="Hors délai.")
    workflow.propose(case, transition="grant", amount=Decimal("80.5"), actor=agent_a)
    proposal = Proposal.objects.get(case=case)
    assert (proposal.transition, proposal.amount, proposal.proposed_by) == (
        "grant", Decimal("80.50"), agent_a)
    assert list(case.events.values_list("kind", "data")) == [
        ("proposed", {"transition": "reject", "amount": None}),
        ("proposed", {"transition": "grant", "amount": "80.5"})]


def test_the_case_page_shows_the_proposal(login, agent_a, service_a):
    case, = with_proposals(make_cases(1, service_a, procedure=SLUG))
    page = login(agent_a).get(case_url(case)).text
    assert "Grant as proposed" in page and "€150" in page and "Dossier complet." in page


def test_the_queue_shows_each_cases_proposal_without_a_query_per_case(login, agent_a,
                                                                     service_a):
    with_proposals(make_cases(2, service_a, procedure=SLUG))
    make_cases(1, service_a, procedure=SLUG)
    client = login(agent_a)
    client.get(QUEUE)  # warm
    with CaptureQueriesContext(connection) as few:
        page = client.get(QUEUE).text
    assert "Proposed decision" in page and page.count("Grant as proposed — €150") == 2
    with_proposals(make_cases(20, service_a, procedure=SLUG))
    with CaptureQueriesContext(connection) as more:
        assert client.get(QUEUE).text.count("Grant as proposed — €150") == 22
    assert len(more) == len(few)


def test_confirming_applies_each_cases_own_proposal_in_the_background(
        login, agent_a, service_a, django_capture_on_commit_callbacks):
    granted = with_proposals(make_cases(3, service_a, procedure=SLUG))
    rejected = with_proposals(make_cases(2, service_a, procedure=SLUG, status="in_review"),
                              "reject", None)
    already = with_proposals(make_cases(1, service_a, procedure=SLUG, status="released"))
    bare = make_cases(1, service_a, procedure=SLUG)
    chosen = [*granted, *rejected, *already, *bare]
    client = login(agent_a)

    page = select(client, chosen)
    assert page.status_code == 200
    assert page.context["summary"] == [("Grant as proposed", 4), ("Reject", 2)]
    assert "7 cases selected" in page.text
    assert not ProposalBatch.objects.exists()  # nothing before the confirmation

    with django_capture_on_commit_callbacks(execute=True):
        response = select(client, chosen, apply="1")
    batch = ProposalBatch.objects.get()
    assert response["Location"] == reverse("admin:procedures_proposalbatch_change",
                                           args=[batch.pk])
    progress = client.get(response["Location"])
    assert "1 selected case has no proposal" in messages_of(progress)
    assert proposals.progress(batch.pk) == {"total": 6, "pending": 0, "done": 5, "refused": 1}
    assert batch.items.get(case=already[0]).reason == (
        "This action is not possible in the current state of the case.")
    assert "5 done, 1 refused, 0 pending, of 6." in progress.text
    assert already[0].reference in progress.text

    for case in granted:
        case.refresh_from_db()
        assert (case.status, case.status_kind) == ("released", StateKind.ACCEPTED)
        event = case.events.get(kind="grant")
        assert (event.actor, event.text, event.data["amount"]) == (
            agent_a, "Dossier complet.", "150.00")
    assert Case.objects.filter(pk__in=[c.pk for c in rejected], status="rejected").count() == 2
    assert Case.objects.get(pk=bare[0].pk).status == "submitted"
    decided = [c.pk for c in [*granted, *rejected]]
    assert Notification.objects.filter(case__in=decided, channel="email").count() == 5

    # Run again (a task delivered twice, the sweep, a second confirmation): nothing repeats.
    tasks.apply_batch(batch.pk)
    with django_capture_on_commit_callbacks(execute=True):
        select(client, granted, apply="1")
    second = ProposalBatch.objects.latest("pk")
    assert proposals.progress(second.pk) == {"total": 3, "pending": 0, "done": 0, "refused": 3}
    assert CaseEvent.objects.filter(kind__in=["grant", "reject"]).count() == 5


def test_a_stalled_batch_is_resumed_by_the_sweep(agent_a, service_a):
    cases = with_proposals(make_cases(3, service_a, procedure=SLUG))
    batch, _ = proposals.confirm(Case.objects.filter(pk__in=[c.pk for c in cases]), agent_a)
    # Its task was lost (the on-commit enqueue never ran in this test's transaction).
    assert proposals.progress(batch.pk)["pending"] == 3
    tasks.sweep(grace_seconds=0)
    assert proposals.progress(batch.pk)["done"] == 3
    batch.refresh_from_db()
    assert batch.finished_at is not None


def test_batches_are_seen_by_their_author_only(login, agent_a, agent_b, service_a):
    cases = with_proposals(make_cases(1, service_a, procedure=SLUG))
    batch, _ = proposals.confirm(Case.objects.filter(pk=cases[0].pk), agent_a)
    url = reverse("admin:procedures_proposalbatch_change", args=[batch.pk])
    assert login(agent_a).get(url).status_code == 200
    assert login(agent_b).get(url).status_code == 404


def test_procedures_without_bulk_decisions_are_refused(login, agent_a, agent_b, service_a):
    assert 'value="confirm_proposals"' not in login(agent_b).get(QUEUE).text  # none in B
    demo = with_proposals(make_cases(1, service_a), "accept")
    outcomes = make_cases(1, service_a, procedure=SLUG)
    client = login(agent_a)
    assert 'value="confirm_proposals"' in client.get(QUEUE).text
    response = select(client, [*demo, *outcomes])
    assert "Bulk decisions are not allowed for Demo request" in messages_of(
        client.get(response["Location"]))
    assert not BatchItem.objects.exists()


def test_the_queue_filters_the_cases_with_a_proposal(login, agent_a, service_a):
    proposed = with_proposals(make_cases(2, service_a, procedure=SLUG))
    make_cases(1, service_a, procedure=SLUG)
    response = login(agent_a).get(QUEUE, {"proposal": "yes"})
    assert {c.reference for c in response.context["cl"].result_list} == {
        c.reference for c in proposed}
