import pytest

from procedures import workflow
from procedures.models import CaseEvent
from tests.factories import AgentFactory, ServiceFactory
from tests.procedures.factories import CaseFactory


@pytest.fixture
def demo_service(db):
    return ServiceFactory(code="demo-service", name="Service de démonstration")


@pytest.fixture
def agent(demo_service):
    return AgentFactory(service=demo_service)


@pytest.fixture
def submitted(demo_service, django_capture_on_commit_callbacks):
    """A demo case submitted through the workflow (its side effects run, eagerly)."""
    def submit(**kwargs):
        case = CaseFactory(**kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.submit(case.pk, case.applicant)
        case.refresh_from_db()
        return case
    return submit


def last_event(case):
    return CaseEvent.objects.filter(case=case).latest("pk")
