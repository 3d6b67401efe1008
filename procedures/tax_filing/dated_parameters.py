"""Figures of law as dated values, read from `parameters/*.yaml`: one file per parameter, as
OpenFisca-France keeps them. In a file, each value is keyed by the first day it applies to
(for the income tax, 1 January of the income year), carries its legal source, and holds until
the next value; `last_value_still_valid_on` says up to when the last one is known to hold.
Adding the income year 2026 is adding its values and moving that date: no code changes.
Pure Python, no Django."""

import datetime
import functools
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

DIRECTORY = Path(__file__).parent / "parameters"


class UnknownIncomeYear(ValueError):
    """No parameters for this income year (the scale and thresholds are not known yet)."""


@dataclass(frozen=True)
class DatedValue:
    start: datetime.date
    value: object  # Decimal, or a tuple of {name: Decimal} rows (a scale's brackets)
    reference: str


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    values: tuple[DatedValue, ...]  # by start date
    valid_until: datetime.date

    def at(self, day):
        """The value applying on `day`, or None when the file does not say."""
        if day > self.valid_until:
            return None
        applying = [dated for dated in self.values if dated.start <= day]
        return applying[-1] if applying else None


def _decimal(value):
    if isinstance(value, list):
        return tuple({key: Decimal(str(item)) for key, item in row.items()} for row in value)
    return Decimal(str(value))


def _date(value):
    """YAML reads 2024-01-01 as a date, "2024-01-01" as a string: either will do."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _parameter(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    values = tuple(sorted(
        (DatedValue(_date(start), _decimal(entry["value"]), entry["reference"])
         for start, entry in data["values"].items()),
        key=lambda dated: dated.start,
    ))
    return Parameter(
        name=path.stem, description=data["description"], values=values,
        valid_until=_date(data["last_value_still_valid_on"]),
    )


@functools.cache
def load(directory: Path) -> dict[str, Parameter]:
    return {path.stem: _parameter(path) for path in sorted(directory.glob("*.yaml"))}


def known_income_years(directory=None) -> range:
    """The income years every parameter has a value for, from 1 January to 31 December."""
    parameters = load(Path(directory or DIRECTORY)).values()
    first = max(parameter.values[0].start.year for parameter in parameters)
    last = min(parameter.valid_until.year for parameter in parameters)
    return range(first, last + 1)


def for_income_year(income_year: int, directory=None) -> dict[str, DatedValue]:
    """{parameter name: its dated value} for the incomes of `income_year`; UnknownIncomeYear
    when a parameter has none for the whole year."""
    directory = Path(directory or DIRECTORY)
    first_day = datetime.date(income_year, 1, 1)
    last_day = datetime.date(income_year, 12, 31)
    values = {}
    for name, parameter in load(directory).items():
        dated = parameter.at(first_day)
        if dated is None or parameter.valid_until < last_day:
            known = known_income_years(directory)
            raise UnknownIncomeYear(
                f"No income-tax parameters for the income year {income_year} ({name} is not "
                f"known for it); known income years: {known.start} to {known.stop - 1}."
            )
        values[name] = dated
    return values
