import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from procedures.customs import actions, selection
from procedures.customs.models import RiskRule
from procedures.customs.report import rule_report
from tests.factories import AgentFactory, ServiceFactory
from tests.second_factor import log_in

from .conftest import SHIRTS, WINE

pytestmark = pytest.mark.usefixtures("french")
DAY = datetime.date(2026, 3, 10)


class Draw:
    def __init__(self, value):
        self.value = value

    def random(self):
        return self.value


def on(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@pytest.fixture
def wine_rule(db):
    return RiskRule.objects.create(name="Vins", condition="chapter", value="22", lane="red",
                                   purpose="Accise", instructions="Compter",
                                   valid_from=datetime.date(2026, 1, 1))


def controlled(case, value=None):
    found = [{**item, "conform": value is None, "note": "" if value is None else "écart"}
             for item in case.answers["items"]]
    if value:
        found[0]["customs_value"] = value
    actions.record_inspection(case, {"items": found}, None)


def test_the_report_per_rule_and_the_random_baseline(declare, wine_rule):
    cases = [declare(items=[WINE], submitted_at=on(DAY)) for _ in range(4)]
    for case in cases:
        selection.select(case, rng=Draw(0.999))
    controlled(cases[0], "900.00")  # 600 → 900 €: + 6.00 duties, + 61.20 VAT
    controlled(cases[1])
    controlled(cases[2])
    randoms = [declare(items=[SHIRTS], submitted_at=on(DAY)) for _ in range(3)]
    for case in randoms:
        selection.select(case, rng=Draw(0.0))
    controlled(randoms[0])
    controlled(randoms[1], "500.00")
    declare(items=[WINE], submitted_at=on(DAY + datetime.timedelta(days=30)))  # out of period
    selection.select(declare(items=[SHIRTS], submitted_at=on(DAY)), rng=Draw(0.999))  # green

    rows, random = rule_report(DAY, DAY)
    assert [(r.rule, r.selected, r.controlled, r.non_conform, r.recovered) for r in rows] == [
        (wine_rule, 4, 3, 1, Decimal("67.20"))]
    assert rows[0].hit_rate == pytest.approx(1 / 3)
    assert (random.selected, random.controlled, random.non_conform, random.hit_rate) == (
        3, 2, 1, 0.5)
    assert random.recovered == Decimal("34.40")  # 400 → 500 € at 12 %: 12.00 + 22.40 VAT


def test_an_empty_period(db):
    rows, random = rule_report(DAY, DAY)
    assert rows == [] and (random.selected, random.hit_rate, random.recovered) == (
        0, None, Decimal("0.00"))


def test_the_report_page_for_customs_officers(client, declare, wine_rule, officer):
    selection.select(declare(items=[WINE], submitted_at=on(DAY)), rng=Draw(0.999))
    log_in(client, officer)
    response = client.get("/admin/customs/riskrule/report/",
                          {"since": "2026-03-01", "until": "2026-03-31"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vins" in page and "Sélection aléatoire (référence)" in page
    other = AgentFactory(service=ServiceFactory(code="mairie"))
    log_in(client, other)
    assert client.get("/admin/customs/riskrule/report/").status_code == 403


def test_the_period_is_checked(client, officer):
    log_in(client, officer)
    response = client.get("/admin/customs/riskrule/report/",
                          {"since": "2026-03-31", "until": "2026-03-01"})
    assert "Cette date précède la date de début." in response.content.decode()
