"""The steps of an income-tax return. Amounts are whole euros, as on the return."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..display import money
from ..memorable_date import MemorableDateField
from . import dated_parameters, rules
from .constants import Situation


def not_in_future(value):
    if value > timezone.localdate():
        raise ValidationError(_("This date cannot be in the future."), code="future")


def date_field(label, **kwargs):
    return MemorableDateField(label=label, validators=[not_in_future], **kwargs)


def income_years():
    return [(year, str(year)) for year in reversed(dated_parameters.known_income_years())]


class YearForm(forms.Form):
    income_year = forms.TypedChoiceField(
        label=_("Which year’s incomes do you declare?"), coerce=int, choices=income_years,
        widget=forms.RadioSelect,
        help_text=_("The return filed in spring declares the incomes of the year before."),
    )


class PersonForm(forms.Form):
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    first_names = forms.CharField(label=_("First names"), max_length=150)
    birth_date = date_field(_("Date of birth"))


class HouseholdForm(PersonForm):
    """The declarant (prefilled from the profile) and the household's situation."""

    situation = forms.ChoiceField(
        label=_("Your situation on 1 January of the following year"), choices=Situation.choices,
        widget=forms.RadioSelect,
        help_text=_("A marriage, a PACS, a divorce or a death during the year: give the "
                    "situation at the end of the year."),
    )
    single_parent = forms.BooleanField(
        label=_("I am single or divorced and I live alone with my dependent children"),
        required=False,
        help_text=_("Box T of the return: half a share more. Not for a couple (married, PACS "
                    "or living together) nor for a widowed person, who already counts as a "
                    "couple."),
    )

    def clean(self):
        data = super().clean()
        if data.get("situation") not in rules.SINGLE_PARENT_SITUATIONS:
            data["single_parent"] = False  # not asked of a couple or a widowed person
        return data


class SpouseForm(PersonForm):
    """The spouse or PACS partner, who files the joint return with the declarant."""


class ChildForm(forms.Form):
    """One dependent child (a row of the children step)."""

    first_names = forms.CharField(label=_("Child’s first names"), max_length=150)
    birth_date = date_field(_("Child’s date of birth"))


class EurosField(forms.IntegerField):
    """An amount in whole euros, as the return asks; it reads "39 400 €" on the review."""

    def display(self, value):
        return money(value)


def amount_field(label, help_text=""):
    return EurosField(label=label, help_text=help_text, min_value=0, max_value=100_000_000,
                      required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))


class IncomesForm(forms.Form):
    """Each member's incomes for the year: the declarant's, and the spouse's or partner's for a
    couple. Empty means none."""

    MEMBERS = ("declarant", "spouse")
    KINDS = ("salaries", "pensions", "other")

    declarant_salaries = amount_field(
        _("Your salaries, in euros"),
        _("The net taxable amount (“net imposable”) for the year, before the deduction for "
          "professional expenses (10 %), which the estimate applies."))
    declarant_pensions = amount_field(
        _("Your pensions and retirement benefits, in euros"),
        _("The net taxable amount, before the deduction (10 %), which the estimate "
          "applies."))
    declarant_other = amount_field(
        _("Your other net taxable incomes, in euros"),
        _("Already net of their own deductions (self-employed profits, rents…)."))
    spouse_salaries = amount_field(_("Your spouse’s or partner’s salaries, in euros"))
    spouse_pensions = amount_field(
        _("Your spouse’s or partner’s pensions and retirement benefits, in euros"))
    spouse_other = amount_field(_("Your spouse’s or partner’s other net taxable incomes, in "
                                  "euros"))

    def __init__(self, *args, couple=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not couple:
            for kind in self.KINDS:
                del self.fields[f"spouse_{kind}"]

    def clean(self):
        data = super().clean()
        for name in self.fields:
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        return data

    @classmethod
    def members(cls, answers):
        """[rules.MemberIncome, …] from this step's answers."""
        return [
            rules.MemberIncome(**{kind: answers.get(f"{member}_{kind}") or 0
                                  for kind in cls.KINDS})
            for member in cls.MEMBERS
            if any(f"{member}_{kind}" in answers for kind in cls.KINDS)
        ]
