import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from procedures.calendar import due_date
from procedures.constants import DelayUnit
from procedures.demo.procedure import DemoProcedure
from procedures.registry import Registry, State, Transition, registry
from tests.procedures.factories import VALID_ANSWERS


def test_a_throwaway_registry_refuses_duplicate_slugs():
    throwaway = Registry()
    throwaway.register(DemoProcedure)
    assert throwaway["demo"].title == DemoProcedure.title
    with pytest.raises(ImproperlyConfigured, match="demo"):
        throwaway.register(DemoProcedure)


def test_demo_procedures_are_registered_from_their_app():
    assert "demo" in registry and "demo-broken" in registry


def test_summary_uses_labels_and_choice_names():
    with translation.override("en"):
        sections = registry["demo"].summarise(VALID_ANSWERS)
    assert [step.name for step, _ in sections] == ["identity", "request"]
    request_rows = dict(sections[1][1])
    assert request_rows["Topic"] == "Parking permit"
    assert "Proof of address" not in request_rows  # not given: not shown


@pytest.mark.parametrize(("start", "days", "unit", "expected"), [
    (datetime.date(2026, 11, 23), 10, DelayUnit.CALENDAR_DAYS, datetime.date(2026, 12, 3)),
    # Friday + 1 working day → Monday
    (datetime.date(2026, 11, 27), 1, DelayUnit.WORKING_DAYS, datetime.date(2026, 11, 30)),
    # 24 Dec (Thu) + 2: Christmas (Fri) and the weekend are skipped → Tue 29 Dec
    (datetime.date(2026, 12, 24), 2, DelayUnit.WORKING_DAYS, datetime.date(2026, 12, 29)),
    # 10 working days over 11 November 2026 (Wednesday, Armistice)
    (datetime.date(2026, 11, 6), 10, DelayUnit.WORKING_DAYS, datetime.date(2026, 11, 23)),
    # Easter Monday 2027 is 29 March
    (datetime.date(2027, 3, 26), 1, DelayUnit.WORKING_DAYS, datetime.date(2027, 3, 30)),
])
def test_due_dates(start, days, unit, expected):
    assert due_date(start, days, unit) == expected


class Overriding(DemoProcedure):
    slug = "demo-overriding"
    reference_prefix = "OV"


@pytest.mark.parametrize("declares", [
    {"extra_transitions": (Transition("accept", ("in_review",), "accepted", "agent"),)},
    {"extra_states": (State("accepted", "Mine"),)},
])
def test_a_procedure_may_not_replace_the_engines_states_or_transitions(declares):
    procedure = type("Replacing", (Overriding,), declares)
    with pytest.raises(ImproperlyConfigured, match="overriding: accept(ed)? belong to the engine"):
        Registry().register(procedure)


def test_the_override_puts_the_registry_back(registered):
    with registry.override(Overriding) as [procedure]:
        assert registry["demo-overriding"] is procedure
    assert "demo-overriding" not in registry and "demo" in registry
    assert registered(Overriding)[0].slug in registry
