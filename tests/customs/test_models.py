import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from procedures.customs import rules
from procedures.customs.models import RandomRate, RiskRule
from tests.factories import UserFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.usefixtures("french")


def risk_rule(**fields):
    return RiskRule(**{"name": "Vins", "condition": "chapter", "value": "22", "lane": "red",
                       "purpose": "Fraude à l’accise", "instructions": "Compter les bouteilles",
                       **fields})


@pytest.mark.parametrize(("condition", "value", "normalised"), [
    ("chapter", "22", "22"), ("heading", "3303", "3303"), ("origin", "cn", "CN"),
    ("declarant", "fr 73282932000074", "FR73282932000074"), ("value_above", "10000", "10000"),
    ("first_declaration", "", ""),
])
def test_a_rule_value_is_checked_and_normalised(db, condition, value, normalised):
    rule = risk_rule(condition=condition, value=value)
    rule.full_clean()
    assert rule.value == normalised


@pytest.mark.parametrize(("condition", "value"), [
    ("chapter", "2"), ("heading", "33"), ("origin", "CHN"), ("declarant", "FR123"),
    ("value_above", "dix mille"), ("value_above", "-1"), ("first_declaration", "oui"),
])
def test_a_wrong_rule_value_is_refused(db, condition, value):
    with pytest.raises(ValidationError) as raised:
        risk_rule(condition=condition, value=value).full_clean()
    assert set(raised.value.message_dict) == {"value"}


def test_a_rule_ends_after_it_starts(db):
    with pytest.raises(ValidationError) as raised:
        risk_rule(valid_from=datetime.date(2026, 3, 1),
                  valid_until=datetime.date(2026, 2, 1)).full_clean()
    assert raised.value.message_dict == {"valid_until": ["Cette date précède la date de début."]}


def test_a_rule_as_a_plain_value(db):
    rule = risk_rule(valid_from=datetime.date(2026, 1, 1))
    rule.save()
    assert rule.as_rule() == rules.RiskRule(rule.pk, "chapter", "22", "red",
                                            datetime.date(2026, 1, 1), None, True)


def test_production_starts_with_random_rates(db):
    assert RandomRate.as_mapping() == {"red": Decimal("0.0100"), "orange": Decimal("0.0300"),
                                       "blue": Decimal("0.0500")}


def test_the_random_rates_add_up_to_one_at_most(db):
    rate = RandomRate.objects.get(lane="blue")
    rate.rate = Decimal("0.97")
    with pytest.raises(ValidationError):
        rate.full_clean()
    rate.rate = Decimal("0.96")
    rate.full_clean()


def test_changes_to_a_rule_are_kept_in_its_history(db):
    rule = risk_rule()
    rule.save()
    rule.lane = "orange"
    rule.save()
    assert [h.lane for h in rule.history.order_by("history_date")] == ["red", "orange"]


@pytest.mark.parametrize("url", ["/admin/customs/riskrule/", "/admin/customs/riskrule/add/",
                                 "/admin/customs/randomrate/"])
def test_only_administrators_keep_the_rules(client, officer, url):
    log_in(client, officer)
    assert client.get(url).status_code == 403
    administrator = UserFactory(is_staff=True, is_superuser=True)
    log_in(client, administrator)
    assert client.get(url).status_code == 200


def test_an_administrator_adds_a_rule_in_the_admin(client, db):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    log_in(client, administrator)
    response = client.post("/admin/customs/riskrule/add/", {
        "name": "Parfums", "condition": "heading", "value": "3303", "lane": "orange",
        "purpose": "Contrefaçons de parfums", "instructions": "Vérifier la marque",
        "valid_from": "2026-01-01", "active": "on"})
    assert response.status_code == 302
    rule = RiskRule.objects.get()
    assert (rule.value, rule.lane, rule.history.get().history_user) == (
        "3303", "orange", administrator)
