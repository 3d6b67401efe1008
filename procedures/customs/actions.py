"""The officers' acts on a declaration, each a form (Transition.form_class) and the change it
makes under the case's lock (Transition.apply): the inspection act, which re-liquidates on a
non-conform finding, and the release, once the control is done and the duties are paid or
guaranteed."""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..errors import WorkflowError
from . import liquidation, rules
from .constants import Payment
from .forms import all_countries
from .models import Clearance

ITEM_FIELDS = ("commodity_code", "origin", "customs_value", "net_mass", "duty_rate")


class InspectionForm(forms.Form):
    """The inspection act: for each goods item, what the officer found, conform or not, a note.
    Built with the declared items (Procedure.action_form_kwargs), which prefill it."""

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for number, item in enumerate(self.items, start=1):
            self.fields.update({
                f"item{number}_commodity_code": forms.CharField(
                    label=_("Item %(n)s — commodity code found") % {"n": number},
                    initial=item["commodity_code"], max_length=14),
                f"item{number}_origin": forms.ChoiceField(
                    label=_("Item %(n)s — origin found") % {"n": number},
                    choices=all_countries, initial=item["origin"]),
                f"item{number}_customs_value": forms.DecimalField(
                    label=_("Item %(n)s — customs value found (euros)") % {"n": number},
                    initial=item["customs_value"], max_digits=14, decimal_places=2,
                    min_value=Decimal("0.01")),
                f"item{number}_net_mass": forms.DecimalField(
                    label=_("Item %(n)s — net mass found (kg)") % {"n": number},
                    initial=item["net_mass"], max_digits=12, decimal_places=3,
                    min_value=Decimal("0.001")),
                f"item{number}_duty_rate": forms.DecimalField(
                    label=_("Item %(n)s — duty rate (%%) for the code found") % {"n": number},
                    initial=item["duty_rate"], max_digits=5, decimal_places=2,
                    min_value=Decimal(0), max_value=Decimal(100)),
                f"item{number}_conform": forms.TypedChoiceField(
                    label=_("Item %(n)s — result") % {"n": number}, coerce=lambda v: v == "yes",
                    choices=[("yes", _("Conform")), ("no", _("Not conform"))],
                    initial="yes", widget=forms.RadioSelect),
                f"item{number}_note": forms.CharField(
                    label=_("Item %(n)s — note") % {"n": number}, required=False,
                    max_length=1000, widget=forms.Textarea(attrs={"rows": 2})),
            })

    def clean(self):
        data = super().clean()
        found = []
        for number, declared in enumerate(self.items, start=1):
            names = {name: f"item{number}_{name}" for name in (*ITEM_FIELDS, "conform", "note")}
            if any(field not in data for field in names.values()):
                return data  # a field has its own error
            try:
                code = rules.validate_commodity_code(data[names["commodity_code"]])
            except ValidationError as error:
                self.add_error(names["commodity_code"], error)
                return data
            row = {"commodity_code": code, "origin": data[names["origin"]],
                   "customs_value": str(data[names["customs_value"]]),
                   "net_mass": str(data[names["net_mass"]]),
                   "duty_rate": str(data[names["duty_rate"]]),
                   "conform": data[names["conform"]], "note": data[names["note"]].strip()}
            changed = [name for name in ITEM_FIELDS
                       if _normal(name, row[name]) != _normal(name, declared[name])]
            if row["conform"] and changed:
                self.add_error(names["conform"], _(
                    "What was found differs from the declaration: mark the item not conform."))
            if not row["conform"] and not row["note"]:
                self.add_error(names["note"], _("Say what is not conform."))
            found.append(row)
        return {"items": found}  # JSON values: kept in the event as they are


def _normal(name, value):
    return Decimal(value) if name in ("customs_value", "net_mass", "duty_rate") else str(value)


def record_inspection(case, data, actor):
    """Record the inspection act; a non-conform item re-liquidates the declaration from what
    was found (the liquidation first computed is kept as `declared_liquidation`)."""
    clearance = Clearance.objects.select_for_update().get(case=case)
    if clearance.control_done:
        raise WorkflowError(_("The control of this declaration is already recorded."))
    found = data["items"]
    non_conform = not all(item["conform"] for item in found)
    declared = case.computed.setdefault("declared_liquidation", case.computed["liquidation"])
    if non_conform:
        on = datetime.date.fromisoformat(declared["on"])
        case.computed["liquidation"] = liquidation.of_items(found, on=on)
        case.computed["found_items"] = found
    clearance.controlled_at = timezone.now()
    clearance.non_conform = non_conform
    clearance.recovered = liquidation.difference(declared, case.computed["liquidation"])
    clearance.save(update_fields=["controlled_at", "non_conform", "recovered"])


class ReleaseForm(forms.Form):
    payment = forms.ChoiceField(label=_("Duties and taxes"), choices=Payment.choices,
                                widget=forms.RadioSelect)
    payment_reference = forms.CharField(
        label=_("Payment receipt or guarantee reference"), max_length=60)


def release(case, data, actor):
    """Release the goods: only once the lane's control is recorded; the payment (or the
    guarantee) is recorded with it."""
    clearance = Clearance.objects.select_for_update().get(case=case)
    if clearance.control_needed and not clearance.control_done:
        raise WorkflowError(_("Record the control of this declaration before releasing it."))
    clearance.payment = data["payment"]
    clearance.payment_reference = data["payment_reference"]
    clearance.save(update_fields=["payment", "payment_reference"])
