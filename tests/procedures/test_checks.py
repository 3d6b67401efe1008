"""The procedures' registration checks, as Django system checks (procedures/checks.py)."""

from django import forms

from procedures.checks import check_procedures, check_services
from procedures.demo.procedure import DemoProcedure
from procedures.registry import State, Step, Transition


class Form(forms.Form):
    name = forms.CharField()


class Faulty(DemoProcedure):
    slug = "demo-faulty"
    reference_prefix = "x1"
    steps = [Step("one", Form, "One"), Step("one", Form, "One again")]
    extra_states = (State("parked", "Parked", "withdrawn"),)
    extra_transitions = (Transition("park", ("in_review",), "nowhere", "agent"),)
    service_code = ""


class OtherKind(DemoProcedure):
    slug = "demo-other-kind"
    reference_prefix = "OK"
    extra_states = (State("parked", "Parked", "accepted"),)


def test_the_demo_procedures_pass_every_check(db):
    assert check_procedures() == []


def test_each_fault_is_reported(registered):
    registered(Faulty, OtherKind)
    found = {(e.id, e.msg.split(":")[0]) for e in check_procedures()}
    assert found == {
        ("procedures.E001", "demo-faulty"), ("procedures.E002", "demo-faulty"),
        ("procedures.E003", "demo-faulty"), ("procedures.E005", "demo-faulty"),
        ("procedures.E006", "demo-faulty"), ("procedures.E004", "demo-other-kind"),
    }


def test_a_procedure_without_its_service_is_a_warning(db, demo_service):
    warned = {w.msg.split(":")[0] for w in check_services(databases=["default"])}
    assert "demo" not in warned and "civil_status" in warned
