from decimal import Decimal

import pytest

from procedures.crisis_aid.forms import (
    BankForm,
    CompanyForm,
    FiguresForm,
    SchemeForm,
    StatementForm,
)

FIGURES = {"last_year_turnover": "200000", "taxable_profit": "-1200.50",
           "administrative_closure": "", "reference": "same_month",
           "reference_turnover": "10000", "crisis_turnover": "2000"}


def test_the_scheme_is_one_of_the_open_ones(march_2020, french):
    form = SchemeForm({"scheme": str(march_2020.pk)})
    assert form.is_valid()
    assert form.fields["scheme"].choices == [(str(march_2020.pk), march_2020.name)]


def test_a_scheme_closed_since_the_draft_is_refused_by_name(march_2020, french):
    march_2020.is_open = False
    march_2020.save()
    form = SchemeForm({"scheme": str(march_2020.pk)})
    assert not form.is_valid()
    assert form.errors["scheme"] == [
        "Le dispositif « Fonds de solidarité — mars 2020 » est clos : il n’accepte plus de "
        "demandes. Si un autre dispositif est ouvert, choisissez-le."]
    assert not SchemeForm({"scheme": "9999"}).is_valid()


@pytest.mark.parametrize("typed, kept", [("56.10A", "56.10A"), ("5610a", "56.10A"),
                                         (" 47.11f ", "47.11F")])
def test_naf_code_is_normalised(typed, kept):
    form = CompanyForm({"legal_form": "sarl", "naf_code": typed, "employees": "3"},
                       initial={"siret": "73282932000074", "name": "Boulangerie Benali"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["naf_code"] == kept
    assert form.cleaned_data["siret"] == "73282932000074"  # prefilled, not typed


@pytest.mark.parametrize("typed", ["5610", "561A0", "AB.CDE"])
def test_a_wrong_naf_code_is_refused(typed, french):
    form = CompanyForm({"legal_form": "sarl", "naf_code": typed, "employees": "3"},
                       initial={"siret": "73282932000074", "name": "Boulangerie Benali"})
    assert not form.is_valid()
    assert "4 chiffres et une lettre" in form.errors["naf_code"][0]


def test_a_wrong_siret_in_the_profile_is_caught():
    form = CompanyForm({"legal_form": "sarl", "naf_code": "56.10A", "employees": "3"},
                       initial={"siret": "73282932000075", "name": "Boulangerie Benali"})
    assert not form.is_valid() and "siret" in form.errors


def test_figures_name_the_months_of_the_scheme(march_2020, french):
    form = FiguresForm(FIGURES, scheme=march_2020)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["taxable_profit"] == Decimal("-1200.50")
    assert form.fields["crisis_turnover"].label == "Chiffre d’affaires de mars 2020 (€)"
    assert dict(form.fields["reference"].choices)["same_month"] == (
        "Le chiffre d’affaires de mars 2019")


@pytest.mark.parametrize("reference", ["0", "0.00"])
def test_a_zero_reference_turnover_is_refused(reference, march_2020, french):
    form = FiguresForm({**FIGURES, "reference_turnover": reference}, scheme=march_2020)
    assert not form.is_valid()
    assert form.errors["reference_turnover"][0].startswith(
        "Le chiffre d’affaires de référence est absent ou nul")


@pytest.mark.parametrize("typed, kept", [
    ("FR7630006000011234567890189", "FR76 3000 6000 0112 3456 7890 189"),
    ("fr76 3000 6000 0112 3456 7890 189", "FR76 3000 6000 0112 3456 7890 189"),
    ("DE89370400440532013000", "DE89 3704 0044 0532 0130 00"),
])
def test_iban_is_checked_and_kept_grouped(typed, kept):
    form = BankForm({"iban": typed, "holder": "Boulangerie Benali", "bank": "Crédit Mutuel"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["iban"] == kept
    assert BankForm({"iban": kept, "holder": "B", "bank": "C"}).is_valid()  # bound again


@pytest.mark.parametrize("typed", ["FR7630006000011234567890188", "FR76300060000112345",
                                   "XX00 1234"])
def test_a_wrong_iban_is_refused(typed, french):
    form = BankForm({"iban": typed, "holder": "Boulangerie Benali", "bank": "Crédit Mutuel"})
    assert not form.is_valid()
    assert form.errors["iban"][0].startswith("Cet IBAN n’est pas valide")


def test_the_statement_must_be_sworn():
    assert not StatementForm({}).is_valid()
    assert StatementForm({"sworn": "on"}).is_valid()
