"""From the answers to the stored estimate and the lines printed (no request, no engine)."""

import pytest
from django.utils import translation

from procedures.models import Case
from procedures.tax_filing import estimate
from procedures.tax_filing.corrections import apply_correction, correction_lines

from .conftest import COUPLE_WITH_THREE_CHILDREN, SINGLE


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def test_a_couple_with_three_children():
    # [H] 2024: salaries 39 400 and 32 000 less 10 % (3 940 + 3 200), other 1 200 → 65 460;
    # 4 shares (2 + 0,5 + 0,5 + 1): 4 × (16 365 − 11 497) × 11 % = 2 141,92 → 2 142; with 2
    # shares 2 × tax(32 730) = 5 968,96, less 4 × 1 791, is lower: no cap; décote
    # 1 470 − 45,25 % × 2 142 = 500,75 → 501; net 1 641.
    computed = estimate.compute(COUPLE_WITH_THREE_CHILDREN)
    assert computed == {
        "income_year": 2024, "salary_deductions": ["3940.0", "3200.0"],
        "pension_deduction": "0", "net_taxable_income": "65460", "shares": "4.0",
        "tax_before_cap": "2142", "cap_applied": False, "tax_before_decote": "2142",
        "decote": "501", "tax_after_decote": "1641", "below_collection_threshold": False,
        "net_tax": "1641", "marginal_rate": "0.11",
    }


def test_the_lines_read_as_the_tax_notice():
    # [H] 2024, single, salaries 32 000 → 28 800: (28 800 − 11 497) × 11 % = 1 903,33 → 1 903;
    # décote 889 − 45,25 % × 1 903 = 27,89 → 28; net 1 875
    assert estimate.lines(estimate.compute(SINGLE)) == [
        ("Année des revenus", "2024"),
        ("Abattements de 10 % sur les salaires et les pensions", "3\u202f200\u202f€"),
        ("Revenu net imposable", "28\u202f800\u202f€"),
        ("Nombre de parts", "1"),
        ("Impôt selon le barème, avant le plafonnement du quotient familial", "1\u202f903\u202f€"),
        ("Plafonnement du quotient familial", "non appliqué"),
        ("Impôt avant la décote", "1\u202f903\u202f€"),
        ("Décote", "28\u202f€"),
        ("Impôt net", "1\u202f875\u202f€"),
        ("Taux marginal d’imposition", "11\xa0%"),
    ]


def test_under_61_euros_the_net_tax_says_it_is_not_collected():
    # [H] 2024, single, other income 17 224 €: 630 − 604 = 26 € < 61 €
    computed = estimate.compute({**SINGLE, "incomes": {"declarant_other": 17224}})
    assert dict(estimate.lines(computed))["Impôt net"] == (
        "0\u202f€ — 26\u202f€ ne sont pas mis en recouvrement : moins de 61 €")


def test_the_spouse_incomes_count_only_for_a_couple():
    was_a_couple = {**COUPLE_WITH_THREE_CHILDREN,
                    "household": {**COUPLE_WITH_THREE_CHILDREN["household"],
                                  "situation": "divorced"}}
    assert [m.salaries for m in estimate.members(was_a_couple)] == [39400]


def test_a_correction_recomputes_and_keeps_old_and_new():
    case = Case(answers={**SINGLE, "incomes": {**SINGLE["incomes"]}})
    case.computed = estimate.compute(case.answers)
    # [H] salaries 36 000 → 32 400: 1 959,98 + (32 400 − 29 315) × 30 % = 2 885,48 → 2 885
    apply_correction(case, {"member": "declarant", "kind": "salaries", "amount": 36000}, None)
    assert case.answers["incomes"]["declarant_salaries"] == 36000
    assert (case.computed["net_taxable_income"], case.computed["net_tax"]) == ("32400", "2885")
    assert correction_lines(case.computed) == [(
        "Corrigé par le service des impôts : salaires du déclarant",
        "32\u202f000\u202f€ → 36\u202f000\u202f€ "
        "(impôt net 1\u202f875\u202f€ → 2\u202f885\u202f€)")]
