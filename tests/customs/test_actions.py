from decimal import Decimal

import pytest

from procedures.customs import actions, selection
from procedures.customs.models import RiskRule
from procedures.errors import WorkflowError

from .conftest import OVEN, SHIRTS, WINE

pytestmark = pytest.mark.usefixtures("french")


class Never:
    def random(self):
        return 0.999


def act(items, changes=None):
    """The inspection act's POST: each item as declared, `changes` by item number."""
    changes = changes or {}
    data = {}
    for number, item in enumerate(items, start=1):
        found = {**item, "conform": "yes", "note": "", **changes.get(number, {})}
        data.update({f"item{number}_{name}": value for name, value in found.items()
                     if name != "description"})
    return data


def test_the_inspection_act_is_prefilled_with_the_declared_items():
    form = actions.InspectionForm(items=[OVEN, WINE])
    assert form["item2_commodity_code"].initial == "22042110"
    assert form["item1_customs_value"].initial == "12000.00"
    assert len(form.fields) == 14


def test_a_conform_act():
    form = actions.InspectionForm(act([OVEN, WINE]), items=[OVEN, WINE])
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"items": [
        {"commodity_code": "84381010", "origin": "CN", "customs_value": "12000.00",
         "net_mass": "850.000", "duty_rate": "1.70", "conform": True, "note": ""},
        {"commodity_code": "22042110", "origin": "IT", "customs_value": "600.00",
         "net_mass": "90.000", "duty_rate": "2.00", "conform": True, "note": ""}]}


def test_a_finding_that_differs_is_not_conform_and_says_why():
    form = actions.InspectionForm(act([OVEN], {1: {"customs_value": "15000"}}), items=[OVEN])
    assert form.errors == {"item1_conform": [
        "Ce qui a été constaté diffère de la déclaration : indiquez l’article non conforme."]}
    form = actions.InspectionForm(act([OVEN], {1: {"customs_value": "15000", "conform": "no"}}),
                                  items=[OVEN])
    assert form.errors == {"item1_note": ["Dites ce qui n’est pas conforme."]}


def test_a_wrong_commodity_code_found():
    form = actions.InspectionForm(act([OVEN], {1: {"commodity_code": "7701 1000"}}),
                                  items=[OVEN])
    assert list(form.errors) == ["item1_commodity_code"]


def test_a_non_conform_value_re_liquidates(declare):
    case = declare(items=[OVEN, WINE, SHIRTS])
    selection.select(case, rng=Never())
    declared = dict(case.computed["liquidation"])
    form = actions.InspectionForm(act([OVEN, WINE, SHIRTS], {
        2: {"customs_value": "1500.00", "conform": "no", "note": "Facture sous-évaluée"}}),
        items=case.answers["items"])
    assert form.is_valid(), form.errors
    actions.record_inspection(case, form.cleaned_data, None)
    assert case.computed["declared_liquidation"] == declared
    after = case.computed["liquidation"]
    # wine: 600 → 1500 € at 2 %: duties 12.00 → 30.00, VAT 122.40 → 306.00
    assert (after["lines"][1]["duties"], after["lines"][1]["vat"]) == ("30.00", "306.00")
    assert Decimal(after["total"]) - Decimal(declared["total"]) == Decimal("201.60")
    clearance = case.clearance
    clearance.refresh_from_db()
    assert (clearance.non_conform, clearance.recovered) == (True, Decimal("201.60"))
    assert clearance.control_done
    with pytest.raises(WorkflowError):
        actions.record_inspection(case, form.cleaned_data, None)


def test_a_conform_control_changes_no_amount(declare):
    case = declare(items=[SHIRTS])
    selection.select(case, rng=Never())
    actions.record_inspection(case, {"items": [{**SHIRTS, "conform": True, "note": ""}]}, None)
    assert case.computed["liquidation"] == case.computed["declared_liquidation"]
    assert "found_items" not in case.computed
    assert case.clearance.recovered == 0 and not case.clearance.non_conform


def test_release_waits_for_the_lanes_control(declare):
    RiskRule.objects.create(name="Vins", condition="chapter", value="22", lane="red",
                            purpose="…", instructions="…")
    case = declare(items=[WINE])
    selection.select(case, rng=Never())
    paid = {"payment": "paid", "payment_reference": "QUIT-1"}
    with pytest.raises(WorkflowError) as refused:
        actions.release(case, paid, None)
    assert refused.value.message == ("Enregistrez le contrôle de cette déclaration avant de lui "
                                     "accorder la mainlevée.")
    actions.record_inspection(case, {"items": [{**WINE, "conform": True, "note": ""}]}, None)
    actions.release(case, paid, None)
    case.clearance.refresh_from_db()
    assert (case.clearance.payment, case.clearance.payment_reference) == ("paid", "QUIT-1")


def test_a_release_records_how_the_duties_are_covered():
    assert actions.ReleaseForm({"payment": "guaranteed", "payment_reference": ""}).errors == {
        "payment_reference": ["Ce champ est obligatoire."]}
    assert actions.ReleaseForm({"payment": "guaranteed",
                                "payment_reference": "GAR-1"}).is_valid()
