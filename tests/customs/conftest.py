import pytest
from django.utils import translation

from accounts.constants import ServiceKind
from accounts.models import Company
from tests.factories import AgentFactory, CompanyFactory, ServiceFactory, UserFactory

# A complete declaration: a Bordeaux bakery imports a Chinese oven, Italian wine, T-shirts.
DECLARANT = {"eori": "FR73282932000074", "guarantee_reference": ""}
TRANSPORT = {"incoterm": "CIF", "incoterm_place": "Le Havre", "dispatch_country": "CN",
             "destination_country": "FR", "transport_mode": "1",
             "consignor_name": "Guangzhou Ovens Ltd", "consignor_address": "88 Huangpu Road",
             "consignor_country": "CN"}
OVEN = {"commodity_code": "84381010", "description": "Four de boulangerie", "origin": "CN",
        "customs_value": "12000.00", "net_mass": "850.000", "duty_rate": "1.70"}
WINE = {"commodity_code": "22042110", "description": "Vin de table, bouteilles de 75 cl",
        "origin": "IT", "customs_value": "600.00", "net_mass": "90.000", "duty_rate": "2.00"}
SHIRTS = {"commodity_code": "61091000", "description": "T-shirts de coton", "origin": "CN",
          "customs_value": "400.00", "net_mass": "20.000", "duty_rate": "12.00"}


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def customs_office(db):
    return ServiceFactory(code="douane-villebourg", name="Bureau de douane de Villebourg",
                          kind=ServiceKind.CUSTOMS)


@pytest.fixture
def officer(customs_office):
    return AgentFactory(service=customs_office, first_name="Olivier", last_name="Douanier")


@pytest.fixture
def supervisor(customs_office):
    return AgentFactory(service=customs_office, service__role="supervisor")


@pytest.fixture
def importer(db):
    """A company's representative, acting for the bakery."""
    user = UserFactory(first_name="Karim", last_name="Benali")
    CompanyFactory(represented_by=user)
    return user


@pytest.fixture
def declare(importer, customs_office):
    """declare(items, **case fields): a submitted declaration, its liquidation computed, as the
    workflow leaves it before the lane is selected."""
    import itertools

    from django.utils import timezone

    from procedures.customs import liquidation
    from procedures.models import Case

    numbers = itertools.count(1)

    def make(items=(OVEN, WINE, SHIRTS), *, eori=DECLARANT["eori"], guarantee="", **fields):
        submitted_at = fields.pop("submitted_at", timezone.now())
        items = [dict(item) for item in items]
        return Case.objects.create(**{
            "procedure": "customs", "applicant": importer,
            "company": Company.objects.represented_by(importer).get(),
            "service": customs_office, "status": "submitted", "status_kind": "open",
            "reference": f"IM-2026-{next(numbers) + 800000:06d}", "submitted_at": submitted_at,
            "due_at": timezone.localdate(submitted_at),
            "answers": {"declarant": {"eori": eori, "guarantee_reference": guarantee},
                        "transport": TRANSPORT, "items": items},
            "computed": {"liquidation": liquidation.of_items(
                items, on=timezone.localdate(submitted_at))},
            **fields})

    return make
