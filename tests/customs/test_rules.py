import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from procedures.customs import rules
from procedures.customs.rules import (
    BLUE,
    GREEN,
    ORANGE,
    RED,
    Facts,
    RiskRule,
    liquidate,
    select_lane,
    validate_commodity_code,
    validate_eori,
)

D = Decimal
BEFORE = datetime.date(2026, 6, 30)  # the last day of the EUR 150 relief
FROM = datetime.date(2026, 7, 1)  # the flat duty's first day


@pytest.mark.parametrize(("value", "expected"), [
    ("FR732829320", "FR732829320"),  # SIREN
    ("FR73282932000074", "FR73282932000074"),  # SIRET
    ("fr 732 829 320 00074", "FR73282932000074"),  # spaces and lower case
    ("FR35600000000048", "FR35600000000048"),  # La Poste: its own check rule
    ("DE123456789012345", "DE123456789012345"),  # 15 characters after the country
    ("NL8", "NL8"),
    ("GB12345678AB", "GB12345678AB"),
])
def test_valid_eori(value, expected):
    assert validate_eori(value) == expected


@pytest.mark.parametrize(("value", "code"), [
    ("", "eori_country"),
    ("123456789", "eori_country"),  # no country code
    ("F1732829320", "eori_country"),
    ("FR", "eori_length"),  # nothing after the country
    ("DE1234567890123456", "eori_length"),  # 16 characters
    ("DE12-45", "eori_length"),
    ("FR73282932", "eori_fr_length"),  # 8 digits
    ("FR7328293200007", "eori_fr_length"),  # 13 digits
    ("FR73282932A", "eori_fr_length"),  # letters
    ("FR732829321", "eori_fr_checksum"),  # bad SIREN check digit
    ("FR73282932000075", "eori_fr_checksum"),  # bad SIRET check digit
])
def test_invalid_eori(value, code):
    with pytest.raises(ValidationError) as raised:
        validate_eori(value)
    assert raised.value.code == code


@pytest.mark.parametrize(("value", "expected"), [
    ("22042110", "22042110"),
    ("2204 21 10", "22042110"),
    (" 0101 2100 ", "01012100"),
    ("97011000", "97011000"),
])
def test_valid_commodity_code(value, expected):
    assert validate_commodity_code(value) == expected


@pytest.mark.parametrize(("value", "code"), [
    ("2204211", "commodity_length"),  # 7 digits
    ("220421100", "commodity_length"),  # 9 digits
    ("2204.21.10", "commodity_digits"),
    ("22O42110", "commodity_digits"),  # a letter O
    ("", "commodity_length"),
    ("00011000", "commodity_chapter"),
    ("98011000", "commodity_chapter"),
    ("77011000", "commodity_reserved"),
])
def test_invalid_commodity_code(value, code):
    with pytest.raises(ValidationError) as raised:
        validate_commodity_code(value)
    assert raised.value.code == code


def item(code, value, rate):
    return {"commodity_code": code, "customs_value": D(value), "duty_rate": D(rate)}


def amounts(liquidation):
    return [(line.duties, line.vat) for line in liquidation.lines], (
        liquidation.duties, liquidation.vat, liquidation.total)


@pytest.mark.parametrize(("items", "on", "lines", "totals"), [
    # several items and rates, above the low-value threshold
    ([item("61091000", "1000", "0.12"), item("85171300", "2500", "0"),
      item("64039996", "799.90", "0.08")], FROM,
     [(D("120.00"), D("224.00")), (D("0.00"), D("500.00")), (D("63.99"), D("172.78"))],
     (D("183.99"), D("896.78"), D("1080.77"))),
    # rounding at the half cent, half up, per line: 10.10 × 5 % = 0.505 → 0.51 and VAT
    # (10.10 + 0.51) × 20 % = 2.122 → 2.12; 150.10 × 10 % = 15.01 and VAT 33.022 → 33.02;
    # 0.05 × 10 % = 0.005 → 0.01 and VAT 0.012 → 0.01; 0.125 × 20 % = 0.025 → 0.03
    ([item("61091000", "10.10", "0.05"), item("61091000", "150.10", "0.10"),
      item("61091000", "0.05", "0.10"), item("85171300", "0.125", "0")], FROM,
     [(D("0.51"), D("2.12")), (D("15.01"), D("33.02")), (D("0.01"), D("0.01")),
      (D("0.00"), D("0.03"))],
     (D("15.53"), D("35.18"), D("50.71"))),
    # exactly 150 €, before 1 July 2026: no duty, VAT still due
    ([item("61091000", "100", "0.12"), item("42022100", "50", "0.03")], BEFORE,
     [(D("0.00"), D("20.00")), (D("0.00"), D("10.00"))], (D("0.00"), D("30.00"), D("30.00"))),
    # exactly 150 €, from 1 July 2026: 3 € per subheading instead of the ad-valorem duty
    ([item("61091000", "100", "0.12"), item("42022100", "50", "0.03")], FROM,
     [(D("3.00"), D("20.60")), (D("3.00"), D("10.60"))], (D("6.00"), D("31.20"), D("37.20"))),
    # 150.01 €: not a low-value consignment, either side of the date
    ([item("61091000", "100.01", "0.12"), item("42022100", "50", "0.03")], BEFORE,
     [(D("12.00"), D("22.40")), (D("1.50"), D("10.30"))], (D("13.50"), D("32.70"), D("46.20"))),
    ([item("61091000", "100.01", "0.12"), item("42022100", "50", "0.03")], FROM,
     [(D("12.00"), D("22.40")), (D("1.50"), D("10.30"))], (D("13.50"), D("32.70"), D("46.20"))),
    # two items of one subheading (610910): one flat duty, on the first; 610990 has its own
    ([item("61091000", "40", "0.12"), item("61091000", "30", "0.12"),
      item("61099020", "20", "0.12")], FROM,
     [(D("3.00"), D("8.60")), (D("0.00"), D("6.00")), (D("3.00"), D("4.60"))],
     (D("6.00"), D("19.20"), D("25.20"))),
    # excluded: wine (chapter 22), cigars (24), perfume (3303) pay their ad-valorem duty
    ([item("22042110", "30", "0.10"), item("24021000", "20", "0.26"),
      item("33030010", "40", "0.05"), item("61091000", "10", "0.12")], BEFORE,
     [(D("3.00"), D("6.60")), (D("5.20"), D("5.04")), (D("2.00"), D("8.40")),
      (D("0.00"), D("2.00"))], (D("10.20"), D("22.04"), D("32.24"))),
    ([item("22042110", "30", "0.10"), item("24021000", "20", "0.26"),
      item("33030010", "40", "0.05"), item("61091000", "10", "0.12")], FROM,
     [(D("3.00"), D("6.60")), (D("5.20"), D("5.04")), (D("2.00"), D("8.40")),
      (D("3.00"), D("2.60"))], (D("13.20"), D("22.64"), D("35.84"))),
    # heading 3304 (make-up) is not excluded
    ([item("33041000", "40", "0.05")], BEFORE, [(D("0.00"), D("8.00"))],
     (D("0.00"), D("8.00"), D("8.00"))),
])
def test_liquidation(items, on, lines, totals):
    assert amounts(liquidate(items, on=on)) == (lines, totals)


def test_liquidation_reads_attributes_and_names_its_rule():
    class Item:
        commodity_code, customs_value, duty_rate = "6109 10 00", D("100"), D("0.12")

    liquidation = liquidate([Item()], on=FROM)
    assert liquidation.lines[0].commodity_code == "61091000"
    assert liquidation.lines[0].basis == "flat"
    assert liquidation.low_value and "1 July 2026" in liquidation.rule_source
    assert liquidate([Item()], on=BEFORE).lines[0].basis == "relief"


def test_liquidation_with_another_vat_rate():
    assert liquidate([item("61091000", "1000", "0.12")], on=FROM,
                     vat_rate=D("0.055")).vat == D("61.60")


FACTS = Facts(eori="FR73282932000074", commodity_codes=("61091000", "22042110"),
              origins=("CN", "IT"), total_value=D("12000"), first_declaration=False)
TODAY = datetime.date(2026, 12, 1)


class Never:
    def random(self):
        return 0.99


def rule(condition, value, lane, **kwargs):
    return RiskRule(id=len(value) + 1, condition=condition, value=value, lane=lane,
                    valid_from=datetime.date(2026, 1, 1), **kwargs)


@pytest.mark.parametrize(("risk_rule", "lane"), [
    (rule(rules.CHAPTER, "22", RED), RED),
    (rule(rules.CHAPTER, "24", RED), GREEN),
    (rule(rules.HEADING, "6109", ORANGE), ORANGE),
    (rule(rules.HEADING, "6110", ORANGE), GREEN),
    (rule(rules.ORIGIN, "cn", BLUE), BLUE),
    (rule(rules.ORIGIN, "TR", BLUE), GREEN),
    (rule(rules.DECLARANT, "FR73282932000074", RED), RED),
    (rule(rules.DECLARANT, "FR732829320", RED), GREEN),
    (rule(rules.VALUE_ABOVE, "10000", ORANGE), ORANGE),
    (rule(rules.VALUE_ABOVE, "12000", ORANGE), GREEN),  # above, not at
    (rule(rules.FIRST_DECLARATION, "", ORANGE), GREEN),
    (rule(rules.CHAPTER, "22", RED, valid_until=datetime.date(2026, 11, 30)), GREEN),  # expired
    (rule(rules.CHAPTER, "22", RED, active=False), GREEN),
])
def test_each_condition(risk_rule, lane):
    selection = select_lane(FACTS, [risk_rule], {}, Never(), on=TODAY)
    assert selection.lane == lane
    assert selection.reasons == ((rules.Reason(lane, risk_rule.id),) if lane != GREEN else ())


def test_first_declaration():
    first = Facts(**{**FACTS.__dict__, "first_declaration": True})
    assert select_lane(first, [rule(rules.FIRST_DECLARATION, "", ORANGE)], {}, Never(),
                       on=TODAY).lane == ORANGE


def test_a_rule_not_yet_in_force_does_nothing():
    later = RiskRule(1, rules.CHAPTER, "22", RED, valid_from=datetime.date(2027, 1, 1))
    assert select_lane(FACTS, [later], {}, Never(), on=TODAY).lane == GREEN


def test_the_most_severe_lane_wins_and_every_rule_fired_is_a_reason():
    fired = [RiskRule(1, rules.ORIGIN, "CN", BLUE, TODAY), RiskRule(2, rules.CHAPTER, "22", RED,
                                                                    TODAY),
             RiskRule(3, rules.HEADING, "6109", ORANGE, TODAY)]
    selection = select_lane(FACTS, fired, {}, Never(), on=TODAY)
    assert selection.lane == RED
    assert [reason.rule_id for reason in selection.reasons] == [2, 3, 1]
    assert not selection.random


def test_a_random_lane_less_severe_than_a_rule_is_still_a_reason():
    class Always:
        def random(self):
            return 0.0

    selection = select_lane(FACTS, [RiskRule(2, rules.CHAPTER, "22", RED, TODAY)],
                            {BLUE: D("0.5")}, Always(), on=TODAY)
    assert selection.lane == RED
    assert selection.reasons == (rules.Reason(RED, 2), rules.Reason(BLUE, None))


def test_random_rates_select_about_their_share():
    rates = {RED: D("0.02"), ORANGE: D("0.05"), BLUE: D("0.10")}
    rng = random.Random(20261201)
    lanes = [select_lane(FACTS, [], rates, rng, on=TODAY) for _ in range(10_000)]
    counts = {lane: sum(1 for s in lanes if s.lane == lane) for lane in rules.LANES}
    # 3 standard deviations of a binomial over 10 000 draws: 140, 218, 300 of 10 000
    assert abs(counts[RED] - 200) < 45
    assert abs(counts[ORANGE] - 500) < 66
    assert abs(counts[BLUE] - 1000) < 90
    assert counts[GREEN] == 10_000 - counts[RED] - counts[ORANGE] - counts[BLUE]
    assert all(s.random == (s.lane != GREEN) for s in lanes)
