import datetime
import random
from decimal import Decimal

import pytest

from procedures.customs import selection
from procedures.customs.models import Clearance, RandomRate, RiskRule

from .conftest import OVEN, SHIRTS


class Never:
    def random(self):
        return 0.999


class Always:
    def random(self):
        return 0.0


def rule(name, condition, value, lane, **fields):
    return RiskRule.objects.create(name=name, condition=condition, value=value, lane=lane,
                                   purpose="…", instructions="…",
                                   valid_from=datetime.date(2026, 1, 1), **fields)


def test_the_lane_and_every_rule_fired_are_kept(declare):
    wine = rule("Vins", "chapter", "22", "red")
    china = rule("Chine", "origin", "CN", "blue")
    rule("Parfums", "heading", "3303", "orange")
    clearance = selection.select(declare(), rng=Never())
    assert (clearance.lane, clearance.random_lane, clearance.eori) == (
        "red", "", "FR73282932000074")
    assert {(r.rule, r.lane) for r in clearance.reasons.all()} == {(wine, "red"),
                                                                  (china, "blue")}
    assert not clearance.post_clearance_audit


def test_selected_once(declare):
    case = declare()
    first = selection.select(case, rng=Always())
    assert selection.select(case, rng=Never()) == first
    assert Clearance.objects.count() == 1


def test_the_random_draw_is_a_reason_of_its_own(declare):
    clearance = selection.select(declare(items=[SHIRTS]), rng=Always())
    assert (clearance.lane, clearance.random_lane) == ("red", "red")  # 1 % for red
    assert not clearance.reasons.exists()


def test_green_when_nothing_selects(declare):
    rule("Vins", "chapter", "22", "red", active=False)
    rule("Parfums", "heading", "3303", "orange", valid_until=datetime.date(2026, 1, 31))
    clearance = selection.select(declare(), rng=Never())
    assert (clearance.lane, clearance.control_needed) == ("green", False)


def test_a_blue_lane_is_listed_for_a_post_clearance_audit(declare):
    rule("Chine", "origin", "CN", "blue")
    assert selection.select(declare(items=[SHIRTS]), rng=Never()).post_clearance_audit


def test_the_first_declaration_of_a_declarant(declare):
    rule("Nouveaux déclarants", "first_declaration", "", "orange")
    assert selection.select(declare(), rng=Never()).lane == "orange"
    assert selection.select(declare(), rng=Never()).lane == "green"
    assert selection.select(declare(eori="FR732829320"), rng=Never()).lane == "orange"


def test_a_value_threshold_and_a_declarant(declare):
    rule("Grosses valeurs", "value_above", "12399.99", "orange")
    rule("Déclarant surveillé", "declarant", "FR552100554", "red")
    assert selection.select(declare(items=[OVEN, SHIRTS]), rng=Never()).lane == "orange"
    assert selection.select(declare(items=[SHIRTS], eori="FR552100554"),
                            rng=Never()).lane == "red"


def test_the_random_rates_administrators_set(declare):
    RandomRate.objects.filter(lane="red").update(rate=Decimal("0.5"))
    RandomRate.objects.exclude(lane="red").update(rate=Decimal(0))
    lanes = [selection.select(declare(items=[SHIRTS]), rng=random.Random(seed)).lane
             for seed in range(200)]
    assert set(lanes) == {"red", "green"}
    assert 70 < lanes.count("red") < 130


@pytest.mark.parametrize(("guarantee", "items", "secured"), [
    ("GAR-1", [OVEN], True), ("", [OVEN], False),
    ("", [{**SHIRTS, "customs_value": "10.00", "duty_rate": "0"}], False),  # VAT is due
])
def test_duties_secured(declare, guarantee, items, secured):
    assert selection.duties_secured(declare(items=items, guarantee=guarantee)) is secured
