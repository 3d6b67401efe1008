import pytest

from accounts.constants import ServiceKind
from tests.factories import AgentFactory, ServiceFactory, UserFactory

DECLARANT = {"last_name": "Martin", "first_names": "Camille", "birth_date": "1988-04-12"}
SPOUSE = {"last_name": "Lefèvre", "first_names": "Thomas", "birth_date": "1986-11-02"}
CHILDREN = [{"first_names": "Léa", "birth_date": "2018-03-05"},
            {"first_names": "Hugo", "birth_date": "2020-07-21"},
            {"first_names": "Inès", "birth_date": "2023-01-14"}]

COUPLE_WITH_THREE_CHILDREN = {
    "year": {"income_year": 2024},
    "household": {**DECLARANT, "situation": "married", "single_parent": False},
    "spouse": SPOUSE,
    "children": CHILDREN,
    "incomes": {"declarant_salaries": 39400, "declarant_pensions": 0, "declarant_other": 0,
                "spouse_salaries": 32000, "spouse_pensions": 0, "spouse_other": 1200},
}
SINGLE = {
    "year": {"income_year": 2024},
    "household": {**DECLARANT, "situation": "single", "single_parent": False},
    "children": [],
    "incomes": {"declarant_salaries": 32000, "declarant_pensions": 0, "declarant_other": 0},
}


@pytest.fixture
def tax_office(db):
    return ServiceFactory(code="sip-villebourg",
                          name="Service des impôts des particuliers de Villebourg",
                          kind=ServiceKind.TAX)


@pytest.fixture
def tax_agent(tax_office):
    return AgentFactory(service=tax_office)


@pytest.fixture
def citizen(db):
    return UserFactory(first_name="Camille", last_name="Martin", birth_date="1988-04-12")
