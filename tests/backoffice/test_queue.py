"""The queue: columns, filters, search, order; and its cost does not grow with the table."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procedures.admin.paginator import CappedPaginator
from procedures.constants import CaseStatus
from procedures.models import Case
from tests.factories import CompanyFactory, UserFactory

from .conftest import QUEUE, listed, make_cases


def queries_for_the_queue(client):
    client.get(QUEUE)  # warm: sessions, content types, translations
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(queries)


def test_the_queue_runs_the_same_queries_for_10_and_1000_cases(login, agent_a, colleague_a,
                                                              service_a):
    company = CompanyFactory()
    client = login(agent_a)

    def fill(count):
        make_cases(count // 2, service_a, company=company, assigned_to=colleague_a)
        make_cases(count - count // 2, service_a, applicant=UserFactory())

    fill(10)
    ten = queries_for_the_queue(client)
    fill(990)
    thousand = queries_for_the_queue(client)
    print(f"queue queries: {ten} for 10 cases, {thousand} for 1000")
    assert ten == thousand
    assert ten <= 8


def test_the_columns(login, agent_a, service_a):
    company = CompanyFactory()
    overdue, = make_cases(1, service_a, company=company, assigned_to=agent_a,
                          status=CaseStatus.IN_REVIEW)
    Case.objects.filter(pk=overdue.pk).update(due_at=timezone.localdate() - datetime.timedelta(1))
    text = login(agent_a).get(QUEUE).text
    assert overdue.reference in text
    assert company.name in text  # the company rather than the person
    assert "Demo request" in text
    assert 'class="case-status case-status--in_review">In review<' in text
    assert "case-overdue" in text and "1 day overdue" in text
    assert "Alice Agent" in text


def test_the_queue_counts_the_days_left(login, agent_a, service_a):
    soon, today, done = make_cases(3, service_a, status=CaseStatus.IN_REVIEW)
    Case.objects.filter(pk=soon.pk).update(due_at=timezone.localdate() + datetime.timedelta(4))
    Case.objects.filter(pk=today.pk).update(due_at=timezone.localdate())
    Case.objects.filter(pk=done.pk).update(status=CaseStatus.ACCEPTED, status_kind="accepted",
                                           decided_at=timezone.now(),
                                           due_at=timezone.localdate() - datetime.timedelta(9))
    text = login(agent_a).get(QUEUE + "?status=all").text
    assert "4 days left" in text and "due today" in text
    assert "9 days overdue" not in text  # decided: neither late nor counting


def test_default_order_is_by_due_date_and_shows_open_cases(login, agent_a, service_a):
    later, sooner = make_cases(2, service_a)
    Case.objects.filter(pk=later.pk).update(due_at=timezone.localdate() + datetime.timedelta(9))
    Case.objects.filter(pk=sooner.pk).update(due_at=timezone.localdate() + datetime.timedelta(2))
    decided, = make_cases(1, service_a, status=CaseStatus.ACCEPTED)
    response = login(agent_a).get(QUEUE)
    assert [c.reference for c in response.context["cl"].result_list] == [
        sooner.reference, later.reference]
    assert decided.reference in listed(login(agent_a).get(QUEUE, {"status": "all"}))


@pytest.mark.parametrize(("params", "expected"), [
    ({"status": "in_review"}, {"mine", "late"}),
    ({"status": "awaiting_info"}, {"waiting"}),
    ({"overdue": "yes"}, {"late"}),
    ({"assigned": "me"}, {"mine"}),
    ({"assigned": "none"}, {"new", "late", "waiting", "other service"}),
    ({"procedure": "demo-controlled"}, {"waiting"}),
    ({"service": "SERVICE_B"}, {"other service"}),
])
def test_filters(login, django_user_model, agent_a, service_a, service_b, controlled, params,
                 expected):
    admin = django_user_model.objects.create_superuser("chef@example.org", "x")
    make_cases(1, service_a, reference="new")
    make_cases(1, service_a, status=CaseStatus.IN_REVIEW, assigned_to=admin, reference="mine")
    make_cases(1, service_a, status=CaseStatus.IN_REVIEW, reference="late")
    make_cases(1, service_a, status=CaseStatus.AWAITING_INFO, procedure=controlled.slug,
               reference="waiting")
    make_cases(1, service_b, reference="other service")
    Case.objects.filter(reference="late").update(due_at=datetime.date(2020, 1, 1))
    params = {k: str(service_b.pk) if v == "SERVICE_B" else v for k, v in params.items()}
    assert listed(login(admin).get(QUEUE, params)) == expected


@pytest.mark.parametrize("query", ["Camille Dupont", "dupont", "camille.dupont@example",
                                   "732829320", "DM-2026-77"])
def test_search(login, agent_a, service_a, query):
    applicant = UserFactory(first_name="Camille", last_name="Dupont",
                            email="camille.dupont@example.org")
    make_cases(1, service_a, applicant=applicant, company=CompanyFactory(), reference="DM-2026-77")
    make_cases(3, service_a, applicant=UserFactory(first_name="Dominique", last_name="Petit"))
    assert listed(login(agent_a).get(QUEUE, {"q": query})) == {"DM-2026-77"}


def test_the_count_stops_at_a_cap(login, agent_a, service_a, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 60)
    make_cases(70, service_a)
    client = login(agent_a)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert "More than 60 cases" in response.text
    count = next(q["sql"] for q in queries if "COUNT(" in q["sql"].upper())
    assert "LIMIT 61" in count and "ORDER BY" not in count
    assert len(response.context["cl"].result_list) == 50


def test_the_case_is_read_only(login, agent_a, service_a):
    client = login(agent_a)
    response = client.get(QUEUE.replace("case/", "case/add/"))
    assert response.status_code == 403
    case, = make_cases(1, service_a)
    delete = QUEUE + f"{case.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Case.objects.filter(pk=case.pk).exists()
