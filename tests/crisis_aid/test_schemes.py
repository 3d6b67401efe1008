import datetime

import pytest
from django.urls import reverse

from procedures.crisis_aid.models import AidScheme
from procedures.crisis_aid.rules import MARCH_2020
from tests.factories import AgentFactory, UserFactory
from tests.second_factor import log_in


def test_the_march_2020_fund_ships_with_the_aid_desk(march_2020, aid_desk):
    assert march_2020.is_open and march_2020.decided_by_system
    assert march_2020.parameters() == MARCH_2020
    assert aid_desk.kind == "aid"


def test_months_are_named_in_french(march_2020, french):
    assert (march_2020.loss_month_label, march_2020.reference_month_label) == (
        "mars 2020", "mars 2019")


@pytest.fixture
def administrator(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_an_agent_does_not_see_the_schemes(client, aid_desk):
    agent = AgentFactory(service=aid_desk)
    log_in(client, agent)
    assert client.get(reverse("admin:crisis_aid_aidscheme_changelist")).status_code == 403
    assert b"aidscheme" not in client.get(reverse("admin:index")).content


def test_an_administrator_opens_a_new_month_as_a_new_version(client, administrator, march_2020):
    """“Save as new” on the March version: April is open at once, March keeps its history."""
    log_in(client, administrator)
    url = reverse("admin:crisis_aid_aidscheme_change", args=[march_2020.pk])
    assert client.get(url).status_code == 200
    fields = {
        "name": "Fonds de solidarité — avril 2020", "legal_source": march_2020.legal_source,
        "is_open": "on", "decided_by_system": "on", "covers_from": "2020-04-01",
        "covers_until": "2020-04-30", "loss_month": "2020-04-01", "max_employees": "10",
        "turnover_ceiling": "1000000", "taxable_profit_ceiling": "60000",
        "min_loss_percent": "50", "closure_qualifies": "on", "aid_cap": "1500",
    }
    response = client.post(url, {**fields, "_saveasnew": "1"})
    assert response.status_code == 302
    april = AidScheme.objects.get(name="Fonds de solidarité — avril 2020")
    assert april.is_open and april.loss_month == datetime.date(2020, 4, 1)
    assert list(AidScheme.objects.open()) == [april, march_2020]

    response = client.post(url, {**fields, "name": march_2020.name, "is_open": "",
                                 "covers_from": "2020-03-01", "covers_until": "2020-03-31",
                                 "loss_month": "2020-03-01", "_save": "1"})
    assert response.status_code == 302
    march_2020.refresh_from_db()
    assert not march_2020.is_open
    change = march_2020.history.latest()
    assert (change.is_open, change.history_type, change.history_user) == (
        False, "~", administrator)
    assert april.history.get().history_type == "+"
    assert client.get(reverse("admin:crisis_aid_aidscheme_history",
                              args=[march_2020.pk])).status_code == 200


def test_a_scheme_is_closed_not_deleted(client, administrator, march_2020):
    log_in(client, administrator)
    assert client.get(reverse("admin:crisis_aid_aidscheme_delete",
                              args=[march_2020.pk])).status_code == 403
