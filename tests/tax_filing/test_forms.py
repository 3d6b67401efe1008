import datetime

import pytest
from django.utils import timezone, translation

from procedures.tax_filing import rules
from procedures.tax_filing.constants import Situation
from procedures.tax_filing.forms import ChildForm, HouseholdForm, IncomesForm, YearForm

DECLARANT = {"last_name": "Martin", "first_names": "Camille", "birth_date": "1988-04-12"}


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def test_the_situations_are_those_of_the_rules():
    assert tuple(Situation.values) == rules.SITUATIONS


def test_the_income_years_offered_are_those_the_parameters_know():
    assert [value for value, _label in YearForm().fields["income_year"].choices] == [
        2025, 2024, 2023]
    form = YearForm(data={"income_year": "2024"})
    assert form.is_valid() and form.cleaned_data == {"income_year": 2024}
    form = YearForm(data={"income_year": "2022"})
    assert not form.is_valid()
    assert form.errors["income_year"] == [
        "Sélectionnez un choix valide. 2022 n’en fait pas partie."]


@pytest.mark.parametrize("situation, kept", [("single", True), ("divorced", True),
                                             ("married", False), ("pacs", False),
                                             ("widowed", False)])
def test_case_t_is_kept_only_for_a_single_or_divorced_person(situation, kept):
    form = HouseholdForm(data={**DECLARANT, "situation": situation, "single_parent": "on"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["single_parent"] is kept


def test_a_birth_date_in_the_future_is_refused():
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    form = ChildForm(data={"first_names": "Léa", "birth_date": tomorrow})
    assert form.errors == {"birth_date": ["Cette date ne peut pas être dans le futur."]}


def test_the_incomes_of_a_single_person_do_not_ask_for_a_spouse():
    form = IncomesForm(data={"declarant_salaries": "30000"}, couple=False)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"declarant_salaries": 30000, "declarant_pensions": 0,
                                 "declarant_other": 0}
    assert IncomesForm.members(form.cleaned_data) == [rules.MemberIncome(salaries=30000)]


def test_the_incomes_of_a_couple_give_two_members():
    form = IncomesForm(data={"declarant_salaries": "30000", "spouse_pensions": "12000"})
    assert form.is_valid(), form.errors
    assert IncomesForm.members(form.cleaned_data) == [
        rules.MemberIncome(salaries=30000), rules.MemberIncome(pensions=12000)]


def test_a_negative_income_is_refused():
    form = IncomesForm(data={"declarant_salaries": "-1"}, couple=False)
    assert list(form.errors) == ["declarant_salaries"]


def test_the_amounts_read_in_euros_in_the_summary():
    from procedures.display import display_value

    field = IncomesForm().fields["declarant_salaries"]
    assert display_value(field, 39400) == "39\u202f400\u202f€"
