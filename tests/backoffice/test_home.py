"""The admin home of an agent, and the history of the back office's configuration."""

import datetime

from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Service
from procedures.constants import CaseStatus
from procedures.models import Case

from .conftest import make_cases

HOME = reverse("admin:index")


def test_the_home_counts_each_services_cases(login, supervisor_a, service_a, service_b,
                                             agent_b):
    make_cases(3, service_a)
    make_cases(2, service_a, status=CaseStatus.IN_REVIEW, assigned_to=supervisor_a)
    make_cases(1, service_a, status=CaseStatus.AWAITING_INFO)
    make_cases(4, service_a, status=CaseStatus.ACCEPTED)
    late, = make_cases(1, service_a, status=CaseStatus.IN_REVIEW)
    Case.objects.filter(pk=late.pk).update(due_at=timezone.localdate() - datetime.timedelta(3),
                                           submitted_at=timezone.now() - datetime.timedelta(10))
    waiting_on_the_applicant, = make_cases(1, service_a, status=CaseStatus.AWAITING_INFO)
    Case.objects.filter(pk=waiting_on_the_applicant.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(30))
    make_cases(5, service_b)
    Service.objects.create(code="empty", name="Service vide")  # not the agent's

    overview = login(supervisor_a).get(HOME).context["overview"]

    [(service, counts)] = overview["services"]
    assert service == service_a
    oldest = Case.objects.get(pk=late.pk).submitted_at
    assert counts == {"new": 3, "in_review": 3, "awaiting": 2, "overdue": 1,
                      "oldest": oldest, "oldest_days": 10}
    assert len(overview["my_cases"]) == 2
    assert "(10 days)" in login(supervisor_a).get(HOME).text


def test_the_home_links_to_the_filtered_queue(login, agent_a, service_a):
    mine, = make_cases(1, service_a, status=CaseStatus.IN_REVIEW, assigned_to=agent_a)
    text = login(agent_a).get(HOME).text
    assert f"?service={service_a.pk}&amp;status=submitted" in text
    assert reverse("admin:procedures_case_change", args=[mine.pk]) in text


def test_a_superuser_sees_every_service(login, django_user_model, service_a, service_b):
    admin = django_user_model.objects.create_superuser("chef@example.org", "x")
    services = [s for s, _ in login(admin).get(HOME).context["overview"]["services"]]
    assert set(services) == set(Service.objects.all())  # the aid desk's data migration too


def test_service_and_membership_changes_are_kept_in_history(login, django_user_model,
                                                             service_a, agent_a):
    admin = django_user_model.objects.create_superuser("chef@example.org", "x")
    client = login(admin)
    membership = Membership.objects.get(user=agent_a)
    response = client.post(reverse("admin:accounts_service_change", args=[service_a.pk]), {
        "code": service_a.code, "name": "Mairie de Lyon", "kind": service_a.kind,
        "email": "", "phone": "", "address": "",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": membership.pk, "memberships-0-service": service_a.pk,
        "memberships-0-user": agent_a.pk, "memberships-0-role": "supervisor",
    })
    assert response.status_code == 302, response.context["errors"]
    record = service_a.history.latest()
    assert (record.name, record.history_user) == ("Mairie de Lyon", admin)
    assert membership.history.latest().role == "supervisor"
    assert membership.history.latest().history_user == admin
    page = client.get(reverse("admin:accounts_service_history", args=[service_a.pk]))
    assert page.status_code == 200 and "Mairie de Lyon" in page.text
    page = client.get(reverse("admin:accounts_membership_history", args=[membership.pk]))
    assert page.status_code == 200 and "chef@example.org" in page.text
