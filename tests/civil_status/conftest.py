import pytest
from django.utils import translation

from accounts.constants import ServiceKind
from procedures import workflow
from procedures.models import Case
from tests.factories import AgentFactory, ServiceFactory, UserFactory

# A complete, valid request: a mother asks for her daughter's multilingual birth extract.
CERTIFICATE = {"record": "birth", "kind": "multilingual", "relation": "ascendant"}
PERSON = {"last_name": "Lefèvre Martin", "first_names": "Léa", "birth_date": "2018-03-05",
          "birth_place": "Villebourg", "first_parent": "Martin Camille",
          "second_parent": "Lefèvre Thomas"}
DELIVERY = {"method": "post", "address": "12 rue des Lilas", "postal_code": "69003",
            "city": "Lyon"}
ANSWERS = {"certificate": CERTIFICATE, "person": PERSON, "delivery": DELIVERY}


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def town_hall(db):
    return ServiceFactory(code="mairie-etat-civil", name="Mairie de Villebourg — état civil",
                          kind=ServiceKind.CIVIL_STATUS)


@pytest.fixture
def registrar(town_hall):
    """An agent of the town hall's civil-status service."""
    return AgentFactory(service=town_hall)


@pytest.fixture
def citizen(db):
    return UserFactory(first_name="Camille", last_name="Martin", address="12 rue des Lilas",
                       postal_code="69003", city="Lyon")


@pytest.fixture
def submitted_case(citizen, town_hall):
    case = Case.objects.create(procedure="civil_status", applicant=citizen, service=town_hall,
                               answers=ANSWERS)
    return workflow.submit(case.pk, citizen)
