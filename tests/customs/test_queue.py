"""The officers' queue: the lane, the rule fired and the amount due as columns and filters, read
in one query with the page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procedures.customs import selection
from procedures.customs.models import RiskRule
from tests.second_factor import log_in

from .conftest import OVEN, SHIRTS, WINE

pytestmark = pytest.mark.usefixtures("french")
QUEUE = "/admin/procedures/case/"


class Draw:
    def __init__(self, value):
        self.value = value

    def random(self):
        return self.value


@pytest.fixture
def declarations(declare):
    wine = RiskRule.objects.create(name="Vins et spiritueux", condition="chapter", value="22",
                                   lane="red", purpose="…", instructions="…",
                                   valid_from=datetime.date(2026, 1, 1))
    cases = {"red": declare(items=[WINE]), "green": declare(items=[SHIRTS]),
             "random": declare(items=[OVEN])}
    selection.select(cases["red"], rng=Draw(0.999))
    selection.select(cases["green"], rng=Draw(0.999))
    selection.select(cases["random"], rng=Draw(0.0))  # red at random
    return wine, cases


def rows(response):
    return [case.reference for case in response.context["cl"].result_list]


def test_the_queue_shows_lane_rule_and_amount(client, officer, declarations):
    wine, cases = declarations
    log_in(client, officer)
    response = client.get(QUEUE, {"status": "all"})
    page = response.content.decode()
    assert "Rouge — visite physique" in page and "Vins et spiritueux" in page
    assert "aléatoire" in page and "134,40\N{NARROW NO-BREAK SPACE}€" in page  # 600 € of wine
    assert set(rows(response)) == {case.reference for case in cases.values()}

    assert rows(client.get(QUEUE, {"status": "all", "lane": "green"})) == [
        cases["green"].reference]
    assert rows(client.get(QUEUE, {"status": "all", "rule": wine.pk})) == [
        cases["red"].reference]
    assert rows(client.get(QUEUE, {"status": "all", "rule": "random"})) == [
        cases["random"].reference]
    assert rows(client.get(QUEUE, {"status": "all", "amount": "medium"})) == [
        cases["random"].reference]  # the oven's duties and VAT: 2 644,80 €
    assert rows(client.get(QUEUE, {"status": "all", "amount": "large"})) == []


def test_the_columns_cost_no_query_per_row(client, officer, declare):
    log_in(client, officer)
    for _ in range(3):
        selection.select(declare(items=[SHIRTS]), rng=Draw(0.999))
    client.get(QUEUE, {"status": "all"})
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE, {"status": "all"})
    for _ in range(10):
        selection.select(declare(items=[SHIRTS]), rng=Draw(0.999))
    with CaptureQueriesContext(connection) as many:
        client.get(QUEUE, {"status": "all"})
    assert len(many) == len(few)
