from decimal import Decimal

import pytest

from procedures.tax_filing.rules import (
    MemberIncome,
    UnknownIncomeYear,
    estimate_income_tax,
    household_net_taxable_income,
    shares,
)

S, C, T = "single", "married", True  # C: a married couple (a PACS couple is taxed alike)

# Sources of the rows:
#   [SP] service-public.fr, fiche F1419 « Quel est le barème de l'impôt sur le revenu ? »
#        (DILA), worked examples for the incomes of 2023: a single person with 30 000 € pays
#        2 286,23 €, a couple with 60 000 € pays 2 × 2 286,23 €; the same example with the
#        2024 scale is published by the press (senioractu.com, 2025: 2 165,48 €).
#   [H]  hand computation from the law's figures (DESIGN.md's table: the finance laws for
#        2024, 2025 and 2026), written out in the comment of the row: "q" is the family
#        quotient, "tax(q)" the scale on one share.
# Columns: year, situation, children, case T, income → shares, tax before the cap, cap
# applied, tax before the décote (after the cap), décote, net tax, marginal rate.
# fmt: off
EXAMPLES = [
    # ── income year 2023 (scale 11 294 / 28 797 / 82 341 / 177 106)
    # [SP] single: 17 503 × 11 % + 1 203 × 30 % = 2 286,23
    (2023, S, 0, False, 30000,  "1",   2286,  False, 2286,  0,   2286,  "0.30"),
    # [SP] couple: 2 × 2 286,23 = 4 572,46
    (2023, C, 0, False, 60000,  "2",   4572,  False, 4572,  0,   4572,  "0.30"),
    # [H] two children: q = 20 000, 3 × tax(q) = 2 872,98; décote 1 444 − 45,25 % × 2 873
    (2023, C, 2, False, 60000,  "3",   2873,  False, 2873,  144, 2729,  "0.11"),
    # [H] third child: 4 shares, 4 × tax(20 000) = 3 830,64; capped 2 × tax(40 000) − 4 × 1 759
    #     = 3 536,46 is lower, so no cap
    (2023, C, 3, False, 80000,  "4",   3831,  False, 3831,  0,   3831,  "0.11"),
    # [H] single parent, case T: 1 + 0,5 + 0,5 = 2 shares, 2 × tax(20 000) = 1 915,32;
    #     décote 873 − 45,25 % × 1 915 = 6,46
    (2023, S, 1, T,     40000,  "2",   1915,  False, 1915,  6,   1909,  "0.11"),
    # [H] cap reached: 3 × tax(50 000) = 24 858,69 < 2 × tax(75 000) − 2 × 1 759 = 28 054,46
    (2023, C, 2, False, 150000, "3",   24859, True,  28054, 0,   28054, "0.30"),
    # [H] cap of case T: 2 × tax(40 000) = 10 572,46 < tax(80 000) − 4 149 = 13 137,23
    (2023, "divorced", 1, T, 80000, "2", 10572, True, 13137, 0, 13137, "0.30"),
    # [H] décote, single: tax(20 000) = 957,66; 873 − 45,25 % × 958 = 439,51
    (2023, S, 0, False, 20000,  "1",   958,   False, 958,   440, 518,   "0.11"),
    # [H] décote, couple: 2 × tax(20 000) = 1 915,32; 1 444 − 45,25 % × 1 915 = 577,46
    (2023, C, 0, False, 40000,  "2",   1915,  False, 1915,  577, 1338,  "0.11"),
    # [H] 61 € threshold: tax(17 021) = 629,97; décote 873 − 285,08 = 587,93 → 42 € < 61 €
    (2023, S, 0, False, 17021,  "1",   630,   False, 630,   588, 0,     "0.11"),

    # ── income year 2024 (scale 11 497 / 29 315 / 83 823 / 180 294)
    # [SP] (press, 2024 scale) single: 17 818 × 11 % + 685 × 30 % = 2 165,48
    (2024, S, 0, False, 30000,  "1",   2165,  False, 2165,  0,   2165,  "0.30"),
    # [H] couple: 2 × 2 165,48
    (2024, "pacs", 0, False, 60000, "2", 4331, False, 4331, 0,   4331,  "0.30"),
    # [H] two children: 3 × tax(20 000) = 2 805,99; décote 1 470 − 45,25 % × 2 806 = 200,29
    (2024, C, 2, False, 60000,  "3",   2806,  False, 2806,  200, 2606,  "0.11"),
    # [H] third child: 4 × tax(20 000) = 3 741,32 (capped: 3 166,96, lower)
    (2024, C, 3, False, 80000,  "4",   3741,  False, 3741,  0,   3741,  "0.11"),
    # [H] case T: 2 × tax(20 000) = 1 870,66; décote 889 − 45,25 % × 1 871 = 42,37
    (2024, S, 1, T,     40000,  "2",   1871,  False, 1871,  42,  1829,  "0.11"),
    # [H] cap reached: 3 × tax(50 000) = 24 496,44 < 2 × tax(75 000) − 2 × 1 791 = 27 748,96
    (2024, C, 2, False, 150000, "3",   24496, True,  27749, 0,   27749, "0.30"),
    # [H] cap of case T: 2 × tax(40 000) = 10 330,96 < tax(80 000) − 4 224 = 12 941,48
    (2024, "divorced", 1, T, 80000, "2", 10331, True, 12941, 0,   12941, "0.30"),
    # [H] décote, single: tax(20 000) = 935,33; 889 − 45,25 % × 935 = 465,91
    (2024, S, 0, False, 20000,  "1",   935,   False, 935,   466, 469,   "0.11"),
    # [H] décote, couple: 1 870,66; 1 470 − 45,25 % × 1 871 = 623,37
    (2024, C, 0, False, 40000,  "2",   1871,  False, 1871,  623, 1248,  "0.11"),
    # [H] décote cancels the tax: tax(15 000) = 385,33; 889 − 174,21 > 385
    (2024, S, 0, False, 15000,  "1",   385,   False, 385,   385, 0,     "0.11"),
    # [H] 61 € threshold: tax(17 224) = 629,97; 889 − 285,08 = 603,93 → 26 € < 61 €
    (2024, S, 0, False, 17224,  "1",   630,   False, 630,   604, 0,     "0.11"),

    # ── income year 2025 (scale 11 600 / 29 579 / 84 577 / 181 917)
    # [H] single: 17 979 × 11 % + 421 × 30 % = 2 103,99
    (2025, S, 0, False, 30000,  "1",   2104,  False, 2104,  0,   2104,  "0.30"),
    # [H] couple: 2 × 2 103,99
    (2025, C, 0, False, 60000,  "2",   4208,  False, 4208,  0,   4208,  "0.30"),
    # [H] two children: 3 × tax(20 000) = 2 772; décote 1 483 − 45,25 % × 2 772 = 228,67
    (2025, C, 2, False, 60000,  "3",   2772,  False, 2772,  229, 2543,  "0.11"),
    # [H] third child: 4 × tax(20 000) = 3 696 (capped: 2 979,98, lower)
    (2025, C, 3, False, 80000,  "4",   3696,  False, 3696,  0,   3696,  "0.11"),
    # [H] case T: 2 × tax(20 000) = 1 848; décote 897 − 45,25 % × 1 848 = 60,78
    (2025, S, 1, T,     40000,  "2",   1848,  False, 1848,  61,  1787,  "0.11"),
    # [H] cap reached: 3 × tax(50 000) = 24 311,97 < 2 × tax(75 000) − 2 × 1 807 = 27 593,98
    (2025, C, 2, False, 150000, "3",   24312, True,  27594, 0,   27594, "0.30"),
    # [H] cap of case T: 2 × tax(40 000) = 10 207,98 < tax(80 000) − 4 262 = 12 841,99
    (2025, "divorced", 1, T, 80000, "2", 10208, True, 12842, 0,   12842, "0.30"),
    # [H] décote, single: tax(20 000) = 924; 897 − 45,25 % × 924 = 478,89
    (2025, S, 0, False, 20000,  "1",   924,   False, 924,   479, 445,   "0.11"),
    # [H] décote, couple: 1 848; 1 483 − 45,25 % × 1 848 = 646,78
    (2025, C, 0, False, 40000,  "2",   1848,  False, 1848,  647, 1201,  "0.11"),
    # [H] 61 € threshold: tax(17 327) = 629,97; 897 − 285,08 = 611,93 → 18 € < 61 €
    (2025, S, 0, False, 17327,  "1",   630,   False, 630,   612, 0,     "0.11"),
    # [H] widowed with two children counts as a couple: 2 + 0,5 + 0,5 = 3 shares,
    #     3 × tax(16 666,67) = 1 671,99, single's décote 897 − 45,25 % × 1 672 = 140,42
    (2025, "widowed", 2, False, 50000, "3", 1672, False, 1672, 140, 1532, "0.11"),
]
# fmt: on


@pytest.mark.parametrize(
    "year, situation, children, single_parent, income, "
    "shares_, before_cap, cap_applied, before_decote, decote, net_tax, rate",
    EXAMPLES,
)
def test_worked_examples(year, situation, children, single_parent, income, shares_,
                         before_cap, cap_applied, before_decote, decote, net_tax, rate):
    estimate = estimate_income_tax(
        income_year=year, situation=situation, dependent_children=children,
        single_parent=single_parent, net_taxable_income=income)
    assert (estimate.shares, estimate.tax_before_cap, estimate.cap_applied,
            estimate.tax_before_decote, estimate.decote, estimate.net_tax,
            estimate.marginal_rate) == (Decimal(shares_), before_cap, cap_applied,
                                        before_decote, decote, net_tax, Decimal(rate))


def test_under_61_euros_is_said_not_collected_and_a_zero_tax_is_not():
    under = estimate_income_tax(income_year=2024, situation=S, dependent_children=0,
                                single_parent=False, net_taxable_income=17224)
    assert (under.tax_after_decote, under.below_collection_threshold, under.net_tax) == (
        26, True, 0)
    zero = estimate_income_tax(income_year=2024, situation=S, dependent_children=0,
                               single_parent=False, net_taxable_income=10000)
    assert (zero.tax_after_decote, zero.below_collection_threshold) == (0, False)


# fmt: off
SHARES = [  # situation, children, case T → shares (CGI, art. 194 and 195)
    ("single",   0, False, "1"),   ("divorced", 0, False, "1"),  ("widowed", 0, False, "1"),
    ("married",  0, False, "2"),   ("pacs",     0, False, "2"),
    ("married",  1, False, "2.5"), ("married",  2, False, "3"),  ("married", 3, False, "4"),
    ("married",  4, False, "5"),
    ("single",   1, False, "1.5"), ("single",   2, False, "2"),  ("single",  3, False, "3"),
    ("single",   1, True,  "2"),   ("divorced", 2, True,  "2.5"), ("single", 3, True, "3.5"),
    ("widowed",  1, False, "2.5"), ("widowed",  2, False, "3"),  ("widowed", 3, False, "4"),
]
# fmt: on


@pytest.mark.parametrize("situation, children, single_parent, expected", SHARES)
def test_shares(situation, children, single_parent, expected):
    total, _base = shares(situation=situation, dependent_children=children,
                          single_parent=single_parent)
    assert total == Decimal(expected)


@pytest.mark.parametrize("situation, children", [("married", 1), ("pacs", 2), ("widowed", 1),
                                                 ("single", 0)])
def test_case_t_is_refused_where_the_law_does_not_give_it(situation, children):
    with pytest.raises(ValueError, match="case T"):
        shares(situation=situation, dependent_children=children, single_parent=True)


def test_an_income_year_without_parameters_is_refused_with_the_known_years():
    with pytest.raises(UnknownIncomeYear, match="income year 2026.*known income years: "
                                                "2023 to 2025"):
        estimate_income_tax(income_year=2026, situation=S, dependent_children=0,
                            single_parent=False, net_taxable_income=30000)
    with pytest.raises(UnknownIncomeYear, match="income year 2022"):
        household_net_taxable_income(income_year=2022, members=[MemberIncome(salaries=1)])


def test_the_income_is_rounded_down_to_the_euro():
    estimate = estimate_income_tax(income_year=2024, situation=S, dependent_children=0,
                                   single_parent=False, net_taxable_income=Decimal("30000.99"))
    assert (estimate.net_taxable_income, estimate.tax_before_decote) == (30000, 2165)


# Deductions, [H] from the law's figures for 2024 (salaries: 10 %, at least 504 €, at most
# 14 426 € per member; pensions: 10 %, at least 450 € per pensioner, at most 4 399 € for the
# household).
# fmt: off
DEDUCTIONS = [
    # members (salaries, pensions, other) → salary deductions, pension deduction, net income
    ([(30000, 0, 0)],                     (3000,),        0,    27000),  # 10 %
    ([(3000, 0, 0)],                      (504,),         0,    2496),   # the minimum
    ([(300, 0, 0)],                       (300,),         0,    0),      # never above the salary
    ([(200000, 0, 0)],                    (14426,),       0,    185574), # the cap
    ([(200000, 0, 0), (3000, 0, 0)],      (14426, 504),   0,    188070), # per member
    ([(0, 3000, 0), (0, 3000, 0)],        (0, 0),         900,  5100),   # min per pensioner
    ([(0, 30000, 0), (0, 25000, 0)],      (0, 0),         4399, 50601),  # household cap
    ([(25005, 12000, 1500)],              ("2500.5",),    1200, 34804),  # 34 804,50 ↓
]
# fmt: on


@pytest.mark.parametrize("members, salary_deductions, pension_deduction, income", DEDUCTIONS)
def test_deductions(members, salary_deductions, pension_deduction, income):
    household = household_net_taxable_income(
        income_year=2024,
        members=[MemberIncome(salaries=Decimal(s), pensions=Decimal(p), other=Decimal(o))
                 for s, p, o in members])
    assert household.salary_deductions == tuple(Decimal(d) for d in salary_deductions)
    assert household.pension_deduction == Decimal(pension_deduction)
    assert household.net_taxable_income == income


@pytest.mark.parametrize("year, minimum, cap", [(2023, 495, 14171), (2025, 509, 14555)])
def test_salary_deduction_figures_of_the_other_years(year, minimum, cap):
    low, high = household_net_taxable_income(
        income_year=year, members=[MemberIncome(salaries=Decimal(1000)),
                                   MemberIncome(salaries=Decimal(500000))]).salary_deductions
    assert (low, high) == (minimum, cap)
