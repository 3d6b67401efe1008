import pytest
from django.utils import translation

from accounts.models import Service
from procedures.crisis_aid.models import AidScheme


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def march_2020(db):
    """The March 2020 fund, as the data migration ships it."""
    return AidScheme.objects.get(name="Fonds de solidarité — mars 2020")


@pytest.fixture
def aid_desk(db):
    return Service.objects.get(code="guichet-aides")
