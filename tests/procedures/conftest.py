import pytest

from tests.factories import AgentFactory, ServiceFactory


@pytest.fixture
def demo_service(db):
    return ServiceFactory(code="demo-service", name="Service de démonstration")


@pytest.fixture
def agent(demo_service):
    return AgentFactory(service=demo_service)


@pytest.fixture
def other_agent(db):
    return AgentFactory(service=ServiceFactory(code="autre-service"))
