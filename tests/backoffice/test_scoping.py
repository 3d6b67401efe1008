"""An agent of service A gets nothing of service B: not in the queue, the search, the case page,
the actions, the bulk actions, the exports."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from procedures.constants import CaseStatus
from procedures.models import CaseEvent
from tests.procedures.factories import CaseFactory

from .conftest import QUEUE, case_url, listed


@pytest.fixture
def case_a(service_a):
    return CaseFactory(submitted=True, service=service_a)


@pytest.fixture
def case_b(service_b):
    return CaseFactory(submitted=True, service=service_b)


def test_the_queue_lists_only_the_services_cases(login, agent_a, case_a, case_b):
    assert listed(login(agent_a).get(QUEUE)) == {case_a.reference}


def test_search_finds_nothing_of_another_service(login, agent_a, case_a, case_b):
    client = login(agent_a)
    assert listed(client.get(QUEUE, {"q": case_b.reference})) == set()
    assert listed(client.get(QUEUE, {"q": case_b.applicant.email})) == set()
    assert listed(client.get(QUEUE, {"q": case_a.reference})) == {case_a.reference}


def test_another_services_case_page_answers_404(login, agent_a, case_b):
    client = login(agent_a)
    assert client.get(case_url(case_b)).status_code == 404
    assert client.get(reverse("admin:procedures_case_history", args=[case_b.pk])).status_code == 404
    assert client.get(reverse("admin:procedures_case_change", args=["999999"])).status_code == 404
    assert client.get(reverse("admin:procedures_case_change", args=["nope"])).status_code == 404


@pytest.mark.parametrize("post", [
    {"operation": "transition", "transition": "start_review", "start_review-version": "1"},
    {"operation": "take", "take-version": "1"},
    {"operation": "reply", "reply-body": "Bonjour"},
])
def test_actions_on_another_services_case_answer_404(login, agent_a, case_b, post):
    response = login(agent_a).post(case_url(case_b), post)
    assert response.status_code == 404
    assert not CaseEvent.objects.filter(case=case_b).exists()
    case_b.refresh_from_db()
    assert case_b.status == CaseStatus.SUBMITTED and case_b.assigned_to is None


def test_bulk_actions_skip_another_services_cases(login, agent_a, case_a, case_b):
    login(agent_a).post(QUEUE, {"action": "start_review", "index": "0",
                                ACTION_CHECKBOX_NAME: [case_a.pk, case_b.pk]})
    case_a.refresh_from_db()
    case_b.refresh_from_db()
    assert case_a.status == CaseStatus.IN_REVIEW
    assert case_b.status == CaseStatus.SUBMITTED


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_hold_only_the_services_cases(login, agent_a, case_a, case_b, fmt):
    response = login(agent_a).get(reverse("admin:procedures_case_export", args=[fmt]),
                                  {"status": "all"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "xlsx":
        from io import BytesIO

        from openpyxl import load_workbook
        sheet = load_workbook(BytesIO(content), read_only=True).active
        content = "\n".join(str(row) for row in sheet.iter_rows(values_only=True)).encode()
    assert case_a.reference.encode() in content
    assert case_b.reference.encode() not in content


def test_a_superuser_sees_every_service(login, case_a, case_b, django_user_model):
    admin = django_user_model.objects.create_superuser("chef@example.org", "x")
    client = login(admin)
    assert listed(client.get(QUEUE)) == {case_a.reference, case_b.reference}
    assert client.get(case_url(case_b)).status_code == 200


def test_drafts_are_never_shown(login, agent_a, service_a):
    draft = CaseFactory(service=service_a)
    client = login(agent_a)
    assert client.get(case_url(draft)).status_code == 404
    assert listed(client.get(QUEUE, {"status": "all"})) == set()


def test_staff_without_a_service_has_no_queue(login, django_user_model, case_a):
    clerk = django_user_model.objects.create_user("clerk@example.org", "x", is_staff=True)
    client = login(clerk)
    assert client.get(QUEUE).status_code == 403
    assert client.get(case_url(case_a)).status_code in (403, 404)
    assert client.get(reverse("admin:procedures_case_export", args=["csv"])).status_code == 403


def test_a_citizen_cannot_enter_the_back_office(login, case_a):
    response = login(case_a.applicant).get(case_url(case_a))
    assert response.status_code == 302 and "/login/" in response["Location"]
