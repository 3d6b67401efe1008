import importlib

import pytest
from django.utils import translation

from accounts.models import Service
from procedures.crisis_aid.models import AidScheme


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


def shipped_data():
    """What the data migration ships (idempotent): a transactional test before this one may
    have flushed the tables it filled."""
    from django.apps import apps

    importlib.import_module("procedures.crisis_aid.migrations.0002_march_2020").create(apps, None)


@pytest.fixture
def march_2020(db):
    """The March 2020 fund, as the data migration ships it."""
    shipped_data()
    return AidScheme.objects.get(name="Fonds de solidarité — mars 2020")


@pytest.fixture
def aid_desk(db):
    shipped_data()
    return Service.objects.get(code="guichet-aides")


SIRET = "73282932000074"
COMPANY = {"siret": SIRET, "name": "Boulangerie Benali SARL", "legal_form": "sarl",
           "naf_code": "10.71C", "employees": 4}
FIGURES = {"last_year_turnover": "310000.00", "taxable_profit": "28000.00",
           "administrative_closure": False, "reference": "same_month",
           "reference_turnover": "26000.00", "crisis_turnover": "9500.00"}
BANK = {"iban": "FR76 3000 6000 0112 3456 7890 189", "holder": "Boulangerie Benali SARL",
        "bank": "Crédit Agricole Aquitaine"}


def answers(scheme, **steps):
    """A complete request for `scheme`; `steps` replace whole steps' answers."""
    return {"company": COMPANY, "scheme": {"scheme": str(scheme.pk)}, "figures": FIGURES,
            "bank": BANK, "statement": {"sworn": True}, **steps}


@pytest.fixture
def representative(db):
    from tests.factories import UserFactory

    return UserFactory(first_name="Karim", last_name="Benali")


@pytest.fixture
def company(representative):
    from tests.factories import CompanyFactory

    return CompanyFactory(siret=SIRET, name="Boulangerie Benali SARL",
                          represented_by=representative)


@pytest.fixture
def draft(march_2020, aid_desk, company, representative):
    """A complete draft of the March 2020 aid, ready to submit."""
    from procedures.models import Case

    def make(**steps):
        return Case.objects.create(procedure="crisis_aid", applicant=representative,
                                   company=company, service=aid_desk,
                                   answers=answers(march_2020, **steps))
    return make
