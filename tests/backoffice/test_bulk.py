"""Bulk actions: each selected case goes through the workflow and gets its own event."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from procedures.constants import CaseStatus
from procedures.models import Case, CaseEvent

from .conftest import QUEUE, make_cases


def bulk(client, action, cases, url=QUEUE, **extra):
    return client.post(url, {"action": action, "index": "0",
                               ACTION_CHECKBOX_NAME: [c.pk for c in cases], **extra})


def confirm(client, action, cases, **fields):
    return client.post(QUEUE, {"action": action, "apply": "1", "select_across": "0",
                               ACTION_CHECKBOX_NAME: [c.pk for c in cases], **fields})


def test_bulk_start_review_of_100_cases_writes_100_events(login, agent_a, service_a):
    cases = make_cases(100, service_a)
    response = bulk(login(agent_a), "start_review", cases)
    assert response.status_code == 302
    assert Case.objects.filter(status=CaseStatus.IN_REVIEW, assigned_to=agent_a).count() == 100
    events = CaseEvent.objects.filter(kind="start_review", actor=agent_a)
    assert events.count() == 100
    assert events.values("case").distinct().count() == 100


def test_select_across_the_filtered_queue(login, agent_a, service_a):
    make_cases(3, service_a)
    make_cases(2, service_a, status=CaseStatus.IN_REVIEW)
    client = login(agent_a)
    one = Case.objects.filter(status=CaseStatus.SUBMITTED).first()
    client.post(f"{QUEUE}?status=submitted", {"action": "take", "index": "0",
                                              "select_across": "1", ACTION_CHECKBOX_NAME: [one.pk]})
    assert Case.objects.filter(assigned_to=agent_a).count() == 3


def test_refused_cases_are_reported_and_the_others_done(login, agent_a, service_a):
    submitted = make_cases(2, service_a)
    decided = make_cases(1, service_a, status=CaseStatus.ACCEPTED)
    client = login(agent_a)
    response = bulk(client, "start_review", [*submitted, *decided], f"{QUEUE}?status=all")
    shown = " ".join(str(m) for m in client.get(response["Location"]).context["messages"])
    assert "2 cases done" in shown
    assert f"1 case not changed ({decided[0].reference})" in shown
    assert CaseEvent.objects.count() == 2


def test_bulk_take_leaves_a_colleagues_cases(login, agent_a, colleague_a, service_a):
    free = make_cases(2, service_a)
    taken = make_cases(1, service_a, assigned_to=colleague_a)
    bulk(login(agent_a), "take", [*free, *taken])
    assert set(Case.objects.filter(assigned_to=agent_a)) == set(free)
    assert CaseEvent.objects.filter(kind="assigned").count() == 2


def test_bulk_assign_asks_the_agent_then_assigns(login, supervisor_a, agent_a, service_a):
    cases = make_cases(3, service_a)
    client = login(supervisor_a)
    page = bulk(client, "assign", cases)
    assert page.status_code == 200 and "Assign the selected cases" in page.text
    assert cases[0].reference in page.text
    confirm(client, "assign", cases, agent=agent_a.pk)
    assert Case.objects.filter(assigned_to=agent_a).count() == 3
    assert CaseEvent.objects.filter(kind="assigned", actor=supervisor_a).count() == 3


def test_only_supervisors_have_bulk_assign(login, agent_a, service_a):
    make_cases(1, service_a)
    assert 'value="assign"' not in login(agent_a).get(QUEUE).text
