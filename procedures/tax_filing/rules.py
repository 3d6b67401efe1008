"""The income-tax estimate: pure rules over plain values, no Django.

Law: Code général des impôts (CGI), articles 193 to 197 (family quotient, scale, cap of the
family quotient's advantage, décote), 83, 3° (10 % deduction on salaries), 158, 5, a (10 %
deduction on pensions) and 1657, 1 bis (no collection under 61 €). Every figure is a dated
parameter in `parameters/` (see dated_parameters.py), with its source; the reference for the
computation is OpenFisca-France.

Shares (CGI, art. 194 and 195): 1 for a single, divorced or widowed person, 2 for a married or
PACS couple; a widowed person with dependent children counts as a couple (2 shares, plus the
children's); +0.5 for each of the first two dependent children, +1 from the third; +0.5 for a
single or divorced parent living alone with their children (case T), not for a widowed parent.

Rounding: the net taxable income is rounded down to the euro (CGI, art. 193); the tax from the
scale, after the cap, and the décote to the nearest euro (half up).

Not modelled: alternating custody (quarter shares), disabled dependants and the other extra
half-shares (invalidity, veterans, case L), the widowed parent's complementary reduction after
the cap (CGI, art. 197, I, 2, 5e alinéa: the cap is applied here as for a couple), the
contribution on high incomes, tax reductions and credits, the withholding already paid.
"""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from . import dated_parameters
from .dated_parameters import UnknownIncomeYear

__all__ = ["UnknownIncomeYear", "estimate_income_tax", "household_net_taxable_income"]

SITUATIONS = ("single", "married", "pacs", "divorced", "widowed")
COUPLES = ("married", "pacs")  # joint taxation (imposition commune)
SINGLE_PARENT_SITUATIONS = ("single", "divorced")  # who may claim case T


@dataclass(frozen=True)
class TaxEstimate:
    income_year: int
    net_taxable_income: int
    shares: Decimal
    family_quotient: Decimal  # net taxable income / shares
    tax_before_cap: int  # the scale applied to the family quotient, times the shares
    cap_applied: bool  # the family quotient's advantage was capped
    tax_before_decote: int  # after the family-quotient cap (impôt brut)
    decote: int
    tax_after_decote: int
    below_collection_threshold: bool  # under 61 €: not collected
    net_tax: int  # after the décote; 0 when under the collection threshold
    marginal_rate: Decimal  # the rate of the bracket the (capped) quotient falls in


@dataclass(frozen=True)
class MemberIncome:
    """One member's incomes for the year, in euros: salaries and pensions before deductions,
    other incomes already net taxable."""

    salaries: Decimal = Decimal(0)
    pensions: Decimal = Decimal(0)
    other: Decimal = Decimal(0)


@dataclass(frozen=True)
class HouseholdIncome:
    income_year: int
    salary_deductions: tuple[Decimal, ...]  # per member
    pension_deduction: Decimal  # for the whole household
    net_taxable_income: int


def _values(income_year):
    return {name: dated.value for name, dated in
            dated_parameters.for_income_year(income_year).items()}


def _euros(amount):
    return int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _check_amount(name, amount):
    if Decimal(amount) < 0:
        raise ValueError(f"{name} cannot be negative: {amount}")


def household_net_taxable_income(*, income_year: int, members) -> HouseholdIncome:
    """The household's net taxable income from its members' incomes (a list of MemberIncome):
    each member's salaries less 10 % (at least the minimum, at most the cap, never more than
    the salaries); the household's pensions less 10 % (at least the minimum per pensioner,
    never more than their pension, at most the household's cap); plus the other incomes."""
    p = _values(income_year)
    salary_deductions, pension_deductions, total = [], [], Decimal(0)
    for member in members:
        for name in ("salaries", "pensions", "other"):
            _check_amount(name, getattr(member, name))
        salaries, pensions = Decimal(member.salaries), Decimal(member.pensions)
        deduction = Decimal(0)
        if salaries:
            deduction = min(max(salaries * p["salary_deduction_rate"],
                                p["salary_deduction_min"]), p["salary_deduction_cap"], salaries)
        salary_deductions.append(deduction)
        if pensions:
            pension_deductions.append(
                min(max(pensions * p["pension_deduction_rate"], p["pension_deduction_min"]),
                    pensions))
        total += salaries - deduction + pensions + Decimal(member.other)
    pension_deduction = min(sum(pension_deductions, Decimal(0)), p["pension_deduction_cap"])
    total -= pension_deduction
    return HouseholdIncome(
        income_year=income_year, salary_deductions=tuple(salary_deductions),
        pension_deduction=pension_deduction,
        net_taxable_income=int(max(total, Decimal(0)).quantize(Decimal(1), ROUND_FLOOR)),
    )


def shares(*, situation, dependent_children, single_parent) -> tuple[Decimal, Decimal]:
    """(the household's shares, the base shares the family quotient's cap is measured from)."""
    if situation not in SITUATIONS:
        raise ValueError(f"unknown situation: {situation!r}")
    if dependent_children < 0:
        raise ValueError(f"dependent_children cannot be negative: {dependent_children}")
    if single_parent and (situation not in SINGLE_PARENT_SITUATIONS or not dependent_children):
        raise ValueError("single_parent (case T) is for a single or divorced person with "
                         "dependent children")
    couple_like = situation in COUPLES or (situation == "widowed" and dependent_children)
    base = Decimal(2) if couple_like else Decimal(1)
    children = Decimal("0.5") * min(dependent_children, 2) + max(dependent_children - 2, 0)
    return base + children + (Decimal("0.5") if single_parent else 0), base


def _scale(quotient, brackets):
    """(tax on one share's `quotient`, the marginal rate)."""
    tax, rate = Decimal(0), Decimal(0)
    for bracket, upper in zip(brackets, [*brackets[1:], None], strict=True):
        if quotient <= bracket["threshold"]:
            break
        top = quotient if upper is None else min(quotient, upper["threshold"])
        tax += (top - bracket["threshold"]) * bracket["rate"]
        rate = bracket["rate"]
    return tax, rate


def estimate_income_tax(*, income_year, situation, dependent_children, single_parent,
                        net_taxable_income) -> TaxEstimate:
    """The household's income tax for the income year, as the tax notice computes it."""
    p = _values(income_year)
    _check_amount("net_taxable_income", net_taxable_income)
    income = Decimal(net_taxable_income).quantize(Decimal(1), rounding=ROUND_FLOOR)
    total_shares, base_shares = shares(situation=situation,
                                       dependent_children=dependent_children,
                                       single_parent=single_parent)
    quotient = income / total_shares
    per_share, rate = _scale(quotient, p["scale"])
    tax_with_quotient = per_share * total_shares

    # The advantage the extra half-shares give is capped (CGI, art. 197, I, 2): a single
    # parent's first child's share (two half-shares) at its own cap, every other half-share at
    # the general one.
    half_shares = int((total_shares - base_shares) * 2)
    if single_parent:
        cap = p["quotient_cap_single_parent"] + (half_shares - 2) * p["quotient_cap_half_share"]
    else:
        cap = half_shares * p["quotient_cap_half_share"]
    base_per_share, base_rate = _scale(income / base_shares, p["scale"])
    tax_capped = base_per_share * base_shares - cap
    cap_applied = tax_capped > tax_with_quotient
    if cap_applied:
        rate = base_rate
    tax_before_decote = _euros(max(tax_with_quotient, tax_capped))

    # Décote (CGI, art. 197, I, 4, a): a fixed amount less 45.25 % of the tax, never more
    # than the tax itself.
    threshold = p["decote_couple"] if situation in COUPLES else p["decote_single"]
    decote = min(_euros(max(threshold - p["decote_rate"] * tax_before_decote, Decimal(0))),
                 tax_before_decote)
    tax_after_decote = tax_before_decote - decote
    below = 0 < tax_after_decote < p["collection_threshold"]
    return TaxEstimate(
        income_year=income_year, net_taxable_income=int(income), shares=total_shares,
        family_quotient=quotient, tax_before_cap=_euros(tax_with_quotient),
        cap_applied=cap_applied, tax_before_decote=tax_before_decote, decote=decote,
        tax_after_decote=tax_after_decote, below_collection_threshold=below,
        net_tax=0 if below else tax_after_decote, marginal_rate=rate,
    )
