"""A demo procedure with its own states, actions and automatic step, like customs: the engine's
test double for Transition.form_class / apply / tier, State kinds and after_submission."""

from decimal import Decimal
from types import MappingProxyType

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import workflow
from ..constants import ActorRole, CaseStatus, StateKind, Tier
from ..registry import AutomaticStep, State, Transition
from .procedure import DemoProcedure

S, A, K = CaseStatus, ActorRole, StateKind


class CheckForm(forms.Form):
    """The check report an agent fills in: the amount found, and a note."""

    amount = forms.DecimalField(label=_("Amount found (€)"), min_value=Decimal("0"),
                                max_digits=10, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


@admin.display(description=_("Year filed"))
def year_filed(case):
    return case.submitted_at.year if case.submitted_at else ""


class CheckingFilter(admin.SimpleListFilter):
    title = _("check")
    parameter_name = "checking"

    def lookups(self, request, model_admin):
        return [("yes", _("Being checked"))]

    def queryset(self, request, queryset):
        return queryset.filter(status="checking") if self.value() == "yes" else queryset


def record_check(case, data, actor):
    """The check's amount becomes the case's computed amount (under the workflow's lock)."""
    case.computed = {**case.computed, "amount": str(data["amount"])}


class OutcomesDemoProcedure(DemoProcedure):
    slug = "demo-outcomes"
    title = _("Demo request with checks")
    reference_prefix = "DO"
    extra_states = (
        State("checking", _("Being checked")),
        State("released", _("Released"), K.ACCEPTED),
        State("seized", _("Seized"), K.REJECTED),
    )
    extra_transitions = (
        Transition("check", (S.IN_REVIEW,), "checking", A.AGENT, _("Record a check"),
                   form_class=CheckForm, apply=record_check),
        Transition("release", ("checking",), "released", A.AGENT, _("Release")),
        Transition("seize", ("checking",), "seized", A.AGENT, _("Seize"), needs_text=True,
                   tier=Tier.SUPERVISOR),
        Transition("release_at_once", (S.SUBMITTED,), "released", A.SYSTEM,
                   _("Released at once")),
        Transition("grant", (S.SUBMITTED, S.IN_REVIEW), "released", A.AGENT,
                   _("Grant as proposed")),
    )
    bulk_decisions = True
    notification_subjects = MappingProxyType({
        "checked": _("A check of your request %(reference)s was recorded")})
    notified_events = ("check",)
    queue_columns = (year_filed,)
    queue_filters = (CheckingFilter,)

    def notifications(self, event):
        if event.kind == "check":
            return [("checked", event.case.applicant)]
        return None  # the engine's

    def receipt_details(self, case):
        return {"template": "pdf/details_table.html", "context": {
            "title": _("What happens next"),
            "rows": [(pgettext_lazy("a step of the case", "Check"),
                      _("An agent may check your request."))]}}

    def admin_panel(self, case):
        return {"template": "demo/outcomes_panel.html",
                "context": {"amount": case.computed.get("amount", "—")}}

    def action_form_kwargs(self, transition_name, case):
        return {"initial": {"amount": case.computed.get("amount")}}

    def after_submission(self, case):
        """A parking permit is granted at once; anything else gets a proposal that agents
        confirm (in bulk) or not."""
        if case.answers["request"]["topic"] == "park":
            return AutomaticStep("release_at_once", _("Granted at once: nothing to check."))
        workflow.propose(case, transition="grant", motivation=_("The request is complete."),
                         amount=Decimal("150.00"))
        return None
