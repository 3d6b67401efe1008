"""Properties of the estimate over many households (hypothesis)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from procedures.tax_filing.rules import SINGLE_PARENT_SITUATIONS, SITUATIONS, estimate_income_tax

years = st.sampled_from([2023, 2024, 2025])
incomes = st.integers(min_value=0, max_value=600_000)
children = st.integers(min_value=0, max_value=6)


@st.composite
def households(draw):
    situation = draw(st.sampled_from(SITUATIONS))
    dependent_children = draw(children)
    single_parent = (situation in SINGLE_PARENT_SITUATIONS and dependent_children > 0
                     and draw(st.booleans()))
    return {"situation": situation, "dependent_children": dependent_children,
            "single_parent": single_parent}


def tax(year, household, income):
    return estimate_income_tax(income_year=year, net_taxable_income=income, **household)


@settings(max_examples=400, deadline=None)
@given(years, households(), incomes, st.integers(min_value=1, max_value=50_000))
def test_the_tax_never_decreases_when_the_income_increases(year, household, income, more):
    lower, higher = tax(year, household, income), tax(year, household, income + more)
    assert higher.net_tax >= lower.net_tax
    assert higher.tax_before_decote >= lower.tax_before_decote


@settings(max_examples=400, deadline=None)
@given(years, households(), incomes)
def test_the_tax_is_never_negative_and_the_decote_never_exceeds_it(year, household, income):
    estimate = tax(year, household, income)
    assert estimate.net_tax >= 0
    assert 0 <= estimate.decote <= estimate.tax_before_decote
    assert estimate.tax_before_decote >= estimate.tax_before_cap  # the cap only adds tax


@settings(max_examples=400, deadline=None)
@given(years, incomes)
def test_a_couple_with_2r_pays_before_the_decote_at_most_twice_a_single_person_with_r(
        year, income):
    """Twice, plus the rounding to the euro made once on each side. After the décote it does
    not hold: the couple's décote is less than twice the single person's (1 470 € against
    2 × 889 € for 2024), see the next test."""
    single = tax(year, {"situation": "single", "dependent_children": 0,
                        "single_parent": False}, income)
    for situation in ("married", "pacs"):
        couple = tax(year, {"situation": situation, "dependent_children": 0,
                            "single_parent": False}, 2 * income)
        assert couple.tax_before_decote <= 2 * single.tax_before_decote + 1
        assert couple.marginal_rate == single.marginal_rate


def test_after_the_decote_a_couple_may_pay_more_than_twice():
    # [H] 2024: single, 20 000 € → 935 − 466 = 469; couple, 40 000 € → 1 871 − 623 = 1 248
    single = tax(2024, {"situation": "single", "dependent_children": 0,
                        "single_parent": False}, 20000)
    couple = tax(2024, {"situation": "married", "dependent_children": 0,
                        "single_parent": False}, 40000)
    assert couple.net_tax > 2 * single.net_tax


@settings(max_examples=400, deadline=None)
@given(years, households(), incomes)
def test_one_more_child_never_raises_the_tax(year, household, income):
    now = tax(year, household, income)
    one_more = tax(year, {**household,
                          "dependent_children": household["dependent_children"] + 1}, income)
    assert one_more.net_tax <= now.net_tax
    assert one_more.shares > now.shares
    assert isinstance(one_more.shares, Decimal)
