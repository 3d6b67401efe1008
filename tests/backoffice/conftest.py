import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.constants import MembershipRole
from procedures.constants import ActorRole, CaseStatus
from procedures.demo.procedure import DemoProcedure
from procedures.models import Case
from procedures.registry import State, Transition, registry
from procedures.transitions import state_of
from tests.factories import AgentFactory, ServiceFactory, UserFactory
from tests.procedures.factories import VALID_ANSWERS
from tests.second_factor import log_in

QUEUE = reverse("admin:procedures_case_changelist")
_numbers = itertools.count(1)


def case_url(case):
    return reverse("admin:procedures_case_change", args=[case.pk])


@pytest.fixture
def service_a(db):
    return ServiceFactory(code="demo-service", name="Mairie A")


@pytest.fixture
def service_b(db):
    return ServiceFactory(code="service-b", name="Douane B")


@pytest.fixture
def agent_a(service_a):
    return AgentFactory(service=service_a, first_name="Alice", last_name="Agent")


@pytest.fixture
def colleague_a(service_a):
    return AgentFactory(service=service_a, first_name="Claude", last_name="Collègue")


@pytest.fixture
def supervisor_a(service_a):
    return AgentFactory(service=service_a, service__role=MembershipRole.SUPERVISOR,
                        first_name="Sam", last_name="Superviseur")


@pytest.fixture
def agent_b(service_b):
    return AgentFactory(service=service_b, first_name="Bob", last_name="Douanier")


@pytest.fixture
def english(client):
    """Messages asserted in English; the admin speaks French by default (see test_home)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def login(english):
    def login(user):
        log_in(english, user)
        return english
    return login


def make_cases(count, service, *, status=CaseStatus.SUBMITTED, applicant=None, procedure="demo",
               **fields):
    """Filed cases, fast (bulk_create): due dates spread over the coming month."""
    applicant = applicant or UserFactory()
    now, today = timezone.now(), timezone.localdate()
    state = state_of(registry.get(procedure), status)
    cases = []
    for i in range(count):
        number = next(_numbers)
        cases.append(Case(**{
            "procedure": procedure, "applicant": applicant, "service": service, "status": status,
            "reference": f"DM-2026-{number:06d}", "submitted_at": now,
            "due_at": today + datetime.timedelta(days=i % 30),
            "status_kind": state.kind, "decided_at": now if state.decided else None,
            "answers": VALID_ANSWERS, **fields,
        }))
    return Case.objects.bulk_create(cases, batch_size=1000)


class ControlledDemo(DemoProcedure):
    """A procedure with its own agent actions and bulk decisions, like customs or crisis aid."""

    slug = "demo-controlled"
    title = "Controlled demo"
    reference_prefix = "CT"
    service_code = "demo-service"
    bulk_decisions = True
    extra_states = (State("control", "Under control"),)
    extra_transitions = (
        Transition("control", (CaseStatus.IN_REVIEW,), "control", ActorRole.AGENT,
                   "Record a control"),
        Transition("release", ("control",), CaseStatus.ACCEPTED, ActorRole.AGENT, "Release",
                   needs_text=True),
    )


@pytest.fixture
def controlled(registered):
    return registered(ControlledDemo)[0]


def listed(response):
    """The references the queue shows."""
    assert response.status_code == 200
    return {case.reference for case in response.context["cl"].result_list}
