"""From a return's answers to the estimate stored on the case (JSON: amounts as strings), and
from the stored estimate to the lines the review page, the receipt, the agents' page and the
assessment summary print, in the order of the tax notice."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..display import money
from . import rules
from .constants import COUPLES
from .forms import IncomesForm


def is_couple(answers):
    return answers.get("household", {}).get("situation") in COUPLES


def members(answers):
    """The members whose incomes count: the declarant, and the spouse or partner of a couple
    (incomes typed for a spouse before the situation changed are not counted)."""
    incomes = dict(answers.get("incomes") or {})
    if not is_couple(answers):
        incomes = {name: value for name, value in incomes.items()
                   if not name.startswith("spouse_")}
    return IncomesForm.members(incomes)


def compute(answers):
    """{} until the year, the household and the incomes are given."""
    if not all(answers.get(name) for name in ("year", "household", "incomes")):
        return {}
    year = answers["year"]["income_year"]
    household = answers["household"]
    income = rules.household_net_taxable_income(income_year=year, members=members(answers))
    estimate = rules.estimate_income_tax(
        income_year=year, situation=household["situation"],
        dependent_children=len(answers.get("children") or []),
        single_parent=bool(household.get("single_parent")),
        net_taxable_income=income.net_taxable_income,
    )
    return {
        "income_year": year,
        "salary_deductions": [str(amount) for amount in income.salary_deductions],
        "pension_deduction": str(income.pension_deduction),
        "net_taxable_income": str(estimate.net_taxable_income),
        "shares": str(estimate.shares),
        "tax_before_cap": str(estimate.tax_before_cap),
        "cap_applied": estimate.cap_applied,
        "tax_before_decote": str(estimate.tax_before_decote),
        "decote": str(estimate.decote),
        "tax_after_decote": str(estimate.tax_after_decote),
        "below_collection_threshold": estimate.below_collection_threshold,
        "net_tax": str(estimate.net_tax),
        "marginal_rate": str(estimate.marginal_rate),
    }


def shares_display(shares):
    value = Decimal(shares)
    return number_format(value, decimal_pos=0 if value == value.to_integral() else 1,
                         use_l10n=True)


def percent(rate):
    return f"{number_format(float(rate) * 100, decimal_pos=0, use_l10n=True)}\N{NO-BREAK SPACE}%"


def lines(computed):
    """[(label, display value), …]: the estimate line by line."""
    if not computed or "net_tax" not in computed:
        return []
    deductions = sum(Decimal(amount) for amount in computed["salary_deductions"]) + Decimal(
        computed["pension_deduction"])
    net_tax = money(computed["net_tax"])
    if computed["below_collection_threshold"]:
        net_tax = _("%(amount)s — %(tax)s is not collected: under 61 €") % {
            "amount": net_tax, "tax": money(computed["tax_after_decote"])}
    return [
        (_("Income year"), str(computed["income_year"])),
        (_("Deductions for expenses on salaries and pensions (10 %)"), money(round(deductions))),
        (_("Net taxable income"), money(computed["net_taxable_income"])),
        (_("Number of shares"), shares_display(computed["shares"])),
        (_("Tax from the scale, before the family-quotient cap"),
         money(computed["tax_before_cap"])),
        (_("Family-quotient cap"), _("applied") if computed["cap_applied"] else
         _("not applied")),
        (_("Tax before the décote"), money(computed["tax_before_decote"])),
        (_("Décote"), money(computed["decote"])),
        (_("Net tax"), net_tax),
        (_("Marginal tax rate"), percent(computed["marginal_rate"])),
    ]
