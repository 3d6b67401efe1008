"""The figures of law are data: adding an income year is adding values to the parameter
files, as the finance law for 2027 will do for the incomes of 2026."""

import shutil

import pytest
import yaml

from procedures.tax_filing import dated_parameters
from procedures.tax_filing.rules import estimate_income_tax

# A made-up 2026 (not the law): the 2025 figures raised by about 1 %, and one rate changed, so
# that the test sees each kind of value come from the new entries.
YEAR_2026 = {
    "scale": [{"threshold": 0, "rate": 0}, {"threshold": 11716, "rate": 0.11},
              {"threshold": 29875, "rate": 0.30}, {"threshold": 85423, "rate": 0.41},
              {"threshold": 183736, "rate": 0.45}],
    "quotient_cap_half_share": 1825, "quotient_cap_single_parent": 4305,
    "decote_single": 906, "decote_couple": 1498, "decote_rate": 0.45,
    "salary_deduction_min": 514, "salary_deduction_cap": 14701,
    "pension_deduction_min": 459, "pension_deduction_cap": 4483,
}


@pytest.fixture
def with_2026(tmp_path, monkeypatch):
    """A copy of the parameters with the values for 2026 added and their validity extended."""
    directory = tmp_path / "parameters"
    shutil.copytree(dated_parameters.DIRECTORY, directory)
    for path in directory.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.stem in YEAR_2026:
            data["values"]["2026-01-01"] = {"value": YEAR_2026[path.stem],
                                            "reference": "Loi de finances pour 2027 (essai)"}
        data["last_value_still_valid_on"] = "2026-12-31"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(dated_parameters, "DIRECTORY", directory)
    return directory


def test_each_parameter_has_a_source_for_each_value():
    for parameter in dated_parameters.load(dated_parameters.DIRECTORY).values():
        assert parameter.description
        for dated in parameter.values:
            assert dated.reference.strip(), (parameter.name, dated.start)


def test_the_known_income_years_are_2023_to_2025():
    assert list(dated_parameters.known_income_years()) == [2023, 2024, 2025]


def test_adding_2026_is_adding_values(with_2026):
    assert list(dated_parameters.known_income_years()) == [2023, 2024, 2025, 2026]
    # Single, 20 000 €: (20 000 − 11 716) × 11 % = 911,24 → 911; décote 906 − 45 % × 911 =
    # 496,05 → 496; net 415. The collection threshold (61 €, unchanged) comes from its value
    # valid since 2002.
    estimate = estimate_income_tax(income_year=2026, situation="single", dependent_children=0,
                                   single_parent=False, net_taxable_income=20000)
    assert (estimate.tax_before_decote, estimate.decote, estimate.net_tax) == (911, 496, 415)
    # The earlier years are untouched.
    estimate_2025 = estimate_income_tax(income_year=2025, situation="single",
                                        dependent_children=0, single_parent=False,
                                        net_taxable_income=20000)
    assert (estimate_2025.tax_before_decote, estimate_2025.net_tax) == (924, 445)
