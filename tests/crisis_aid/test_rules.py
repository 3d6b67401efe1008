"""The March 2020 solidarity fund's rules (décret n° 2020-371, articles 2 and 3), as tables."""

import dataclasses
from decimal import Decimal as D

import pytest
from django.utils import translation

from procedures.crisis_aid.rules import MARCH_2020, MissingReferenceTurnover, assess

# A clean case: 3 employees, 200 000 € last year, 30 000 € of profit, March down from 10 000
# to 2 000 € (80 %), no closure.
CLEAN = dict(employees=3, last_year_turnover=D("200000"), taxable_profit=D("30000"),
             administrative_closure=False, reference_turnover=D("10000"),
             crisis_turnover=D("2000"))


def run(**changes):
    with translation.override("fr"):
        return assess(MARCH_2020, **{**CLEAN, **changes})


def spaced(reasons):
    """French numbers and amounts are grouped with no-break spaces: read here as spaces."""
    return tuple(reason.replace("\u202f", " ") for reason in reasons)


@pytest.mark.parametrize("changes, eligible, reason", [
    ({}, True, None),
    # employees: at most 10
    ({"employees": 9}, True, None),
    ({"employees": 10}, True, None),
    ({"employees": 11}, False, "L’entreprise compte 11 salariés : le fonds est réservé aux "
                               "entreprises de 10 salariés au plus."),
    # last closed year's turnover: strictly below 1 000 000 €
    ({"last_year_turnover": D("999999.99")}, True, None),
    ({"last_year_turnover": D("1000000")}, False,
     "Le chiffre d’affaires du dernier exercice clos (1 000 000 €) n’est pas inférieur à "
     "1 000 000 €."),
    ({"last_year_turnover": D("1000000.01")}, False,
     "Le chiffre d’affaires du dernier exercice clos (1 000 000,01 €) n’est pas inférieur à "
     "1 000 000 €."),
    # taxable profit: strictly below 60 000 €
    ({"taxable_profit": D("59999")}, True, None),
    ({"taxable_profit": D("60000")}, False,
     "Le bénéfice imposable (60 000 €) n’est pas inférieur à 60 000 €."),
    ({"taxable_profit": D("60001")}, False,
     "Le bénéfice imposable (60 001 €) n’est pas inférieur à 60 000 €."),
    # loss: at least 50 % of the reference month
    ({"crisis_turnover": D("5000.01")}, False,
     "Le chiffre d’affaires a baissé de 49,9 %, moins que les 50 % exigés, et l’entreprise "
     "n’a pas fait l’objet d’une fermeture administrative."),
    ({"crisis_turnover": D("5000")}, True, None),
    ({"crisis_turnover": D("4999.99")}, True, None),
    # no loss at all, even closed
    ({"crisis_turnover": D("12000"), "administrative_closure": True}, False,
     "Le chiffre d’affaires du mois n’a pas baissé : il n’y a pas de perte à compenser."),
])
def test_thresholds(changes, eligible, reason):
    assessment = run(**changes)
    assert assessment.eligible is eligible
    assert spaced(assessment.reasons) == ((reason,) if reason else ())
    if not eligible:
        assert assessment.aid == 0


@pytest.mark.parametrize("changes, loss, aid", [
    ({}, D("8000.00"), D("1500.00")),  # a loss over the cap: the cap
    ({"crisis_turnover": D("8600")}, D("1400.00"), D("0.00")),  # 14 %, not closed: nothing
    # closed by an administrative decision: the loss, however small
    ({"crisis_turnover": D("9700"), "administrative_closure": True}, D("300.00"), D("300.00")),
    ({"crisis_turnover": D("8499.50"), "administrative_closure": True},
     D("1500.50"), D("1500.00")),
    ({"reference_turnover": D("2600"), "crisis_turnover": D("1100")}, D("1500.00"),
     D("1500.00")),  # exactly the cap
    # created after March 2019: against the monthly average since creation (here 3 100 €)
    ({"reference_turnover": D("3100"), "crisis_turnover": D("1400")}, D("1700.00"),
     D("1500.00")),
    ({"reference_turnover": D("3100"), "crisis_turnover": D("1550")}, D("1550.00"),
     D("1500.00")),  # exactly 50 % of the average
    ({"reference_turnover": D("3100"), "crisis_turnover": D("2000")}, D("1100.00"),
     D("0.00")),  # 35 % of the average: not eligible
])
def test_amounts(changes, loss, aid):
    assessment = run(**changes)
    assert (assessment.loss, assessment.aid) == (loss, aid)


def test_every_unmet_condition_is_given():
    assessment = run(employees=12, taxable_profit=D("80000"), crisis_turnover=D("9000"))
    assert not assessment.eligible
    assert len(assessment.reasons) == 3


def test_a_scheme_where_closure_does_not_qualify():
    scheme = dataclasses.replace(MARCH_2020, closure_qualifies=False)
    with translation.override("fr"):
        assessment = assess(scheme, **{**CLEAN, "administrative_closure": True,
                                       "crisis_turnover": D("9700")})
    assert spaced(assessment.reasons) == (
        "Le chiffre d’affaires a baissé de 3 %, moins que les 50 % exigés.",)


@pytest.mark.parametrize("reference", [D("0"), None, D("-10")])
def test_zero_or_missing_reference_turnover_is_refused(reference):
    with translation.override("fr"), pytest.raises(MissingReferenceTurnover) as refusal:
        assess(MARCH_2020, **{**CLEAN, "reference_turnover": reference})
    assert str(refusal.value).startswith("Le chiffre d’affaires de référence est absent ou nul")


def test_reasons_in_english():
    with translation.override("en"):
        assessment = assess(MARCH_2020, **{**CLEAN, "employees": 11})
    assert spaced(assessment.reasons) == (
        "The company has 11 employees: the fund is for companies of at most 10.",)
