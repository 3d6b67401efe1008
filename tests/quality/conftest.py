import pytest

from accounts.constants import MembershipRole
from tests.factories import AgentFactory, UserFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in


@pytest.fixture
def citizen(db):
    return UserFactory(first_name="Camille", last_name="Martin")


@pytest.fixture
def decided_case(citizen, demo_service):
    return CaseFactory(accepted=True, applicant=citizen, service=demo_service)


@pytest.fixture
def supervisor(demo_service):
    return AgentFactory(service=demo_service, service__role=MembershipRole.SUPERVISOR,
                        first_name="Sam", last_name="Superviseur")


@pytest.fixture
def as_citizen(client, citizen):
    log_in(client, citizen)
    return client
