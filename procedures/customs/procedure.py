from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..constants import ActorRole, Audience, CaseStatus, DelayUnit, StateKind, Tier
from ..display import money
from ..registry import AutomaticStep, FormsetStep, Procedure, State, Step, Transition
from . import actions, demo, liquidation, queue, rules, selection
from .forms import DeclarantForm, DocumentsForm, GoodsItemForm, TransportForm
from .models import OfficeSettings

S, A = CaseStatus, ActorRole
UNDER_CONTROL, CONTROLLED = "under_control", "controlled"
RELEASED, SEIZED, REFUSED = "released", "seized", "refused"


class CustomsProcedure(Procedure):
    slug = "customs"
    title = _("Customs import declaration")
    summary = _("Declare goods imported into the European Union for release for free "
                "circulation: the duties and VAT are computed as you declare.")
    audience = Audience.COMPANY
    service_code = "douane-villebourg"
    steps = [
        Step("declarant", DeclarantForm, _("The declarant")),
        Step("transport", TransportForm, _("Transport and parties")),
        FormsetStep("items", GoodsItemForm, _("Goods items"), min_num=1, max_num=99,
                    row_title=_("Item")),
        Step("documents", DocumentsForm, _("Supporting documents")),
    ]
    delay = 1
    delay_unit = DelayUnit.WORKING_DAYS
    reference_prefix = "IM"
    what_to_prepare = (
        _("Your company’s EORI number (FR followed by its SIRET) and, if you defer payment, "
          "the reference of your guarantee"),
        _("The incoterm, the countries of dispatch and destination, the mode of transport "
          "and the consignor"),
        _("For each item: its 8-digit commodity code, origin, customs value, net mass and "
          "duty rate"),
        _("The commercial invoice, as a PDF or an image"),
    )
    extra_states = (
        State(UNDER_CONTROL, pgettext_lazy("customs", "Under control")),
        # the declarant reads "under control" until the release: the control's result is not
        # theirs to read before the officer's decision
        State(CONTROLLED, pgettext_lazy("customs", "Under control"),
              agent_label=_("Control recorded")),
        State(RELEASED, pgettext_lazy("customs", "Released"), StateKind.ACCEPTED),
        State(SEIZED, pgettext_lazy("customs", "Goods seized"), StateKind.REJECTED),
        State(REFUSED, pgettext_lazy("customs", "Declaration refused"), StateKind.REJECTED),
    )
    extra_transitions = (
        # by the system, right after the submission (after_submission)
        Transition("start_control", (S.SUBMITTED,), UNDER_CONTROL, A.SYSTEM,
                   pgettext_lazy("customs", "Selected for control")),
        Transition("release_at_once", (S.SUBMITTED,), RELEASED, A.SYSTEM,
                   pgettext_lazy("customs", "Released at once"), apply=actions.release),
        # by the officers
        Transition("record_control", (UNDER_CONTROL,), CONTROLLED, A.AGENT,
                   _("Record the inspection act"), form_class=actions.InspectionForm,
                   apply=actions.record_inspection),
        Transition("release", (S.SUBMITTED, S.IN_REVIEW, CONTROLLED), RELEASED, A.AGENT,
                   _("Release the goods"), form_class=actions.ReleaseForm,
                   apply=actions.release),
        Transition("refuse", (S.SUBMITTED, S.IN_REVIEW, UNDER_CONTROL, CONTROLLED), REFUSED,
                   A.AGENT, _("Refuse the declaration"), needs_text=True),
        Transition("seize", (UNDER_CONTROL, CONTROLLED), SEIZED, A.AGENT, _("Seize the goods"),
                   needs_text=True, tier=Tier.SUPERVISOR),
    )

    queue_columns = queue.COLUMNS
    queue_filters = queue.FILTERS

    def queue_queryset(self, cases):
        return queue.annotate(cases)

    def prefill(self, step_name, *, user, company, answers):
        if step_name == "declarant" and company is not None:
            return {"eori": rules.eori_from_siret(company.siret)}
        return {}

    def compute(self, answers):
        items = answers.get("items") or []
        if not items:
            return {}
        return {"liquidation": liquidation.of_items(items, on=timezone.localdate())}

    def computed_summary(self, computed):
        current = computed.get("liquidation")
        if not current:
            return []
        rows = []
        declared = computed.get("declared_liquidation")
        if declared and declared["total"] != current["total"]:
            rows.append((_("Total declared"), money(declared["total"])))
        rows += [
            (_("Customs value"), money(sum(Decimal(line["customs_value"])
                                           for line in current["lines"]))),
            (_("Customs duties"), money(current["duties"])),
            (_("VAT on importation"), money(current["vat"])),
            (_("Total to pay") if not declared or declared["total"] == current["total"]
             else _("Total after control"), money(current["total"])),
        ]
        return rows

    def action_form_kwargs(self, transition_name, case):
        if transition_name == "record_control":
            return {"items": case.answers.get("items", [])}
        if transition_name == "release":
            guarantee = case.answers.get("declarant", {}).get("guarantee_reference")
            return {"initial": {"payment": "guaranteed", "payment_reference": guarantee}
                    if guarantee else {}}
        return {}

    def after_submission(self, case):
        clearance = selection.select(case)
        if clearance.lane in rules.CONTROLLED_LANES:
            return AutomaticStep("start_control", _(
                "Your declaration is under control: an officer checks it before the goods are "
                "released."))
        if clearance.lane == rules.GREEN and not OfficeSettings.releases_green_at_once(
                case.service_id):
            return None
        guarantee = case.answers["declarant"].get("guarantee_reference")
        if not selection.duties_secured(case):
            return None  # released by an officer once the duties are paid
        return AutomaticStep("release_at_once", _("The goods are released."), data={
            "payment": "guaranteed" if guarantee else "paid",
            "payment_reference": guarantee or "—"})

    def decision_details(self, case, event):
        """The release note, with the final liquidation (the lane is not printed)."""
        if event.to_status != RELEASED:
            return None
        current = case.computed["liquidation"]
        items = case.computed.get("found_items") or case.answers["items"]
        return {"template": "customs/release_note.html", "context": {
            "lines": liquidation.table(current, _with_descriptions(items, case)),
            "totals": liquidation.totals(current), "transport": case.answers["transport"],
            "eori": case.answers["declarant"]["eori"], "payment": event.data.get("payment"),
            "payment_reference": event.data.get("payment_reference"),
        }}

    def admin_panel(self, case):
        """For officers only: the lane, why, the instructions, the liquidation, the control."""
        from .models import Clearance

        clearance = Clearance.objects.filter(case=case).first()
        current = case.computed.get("liquidation")
        if not current:
            return None
        declared = case.computed.get("declared_liquidation")
        changed = declared and declared["total"] != current["total"]
        found = case.computed.get("found_items") or case.answers["items"]
        return {"template": "customs/panel.html", "context": {
            "clearance": clearance,
            "reasons": clearance.reasons.select_related("rule") if clearance else [],
            "lines": liquidation.table(current, _with_descriptions(found, case)),
            "totals": liquidation.totals(current),
            "declared": {"lines": liquidation.table(declared, case.answers["items"]),
                         "totals": liquidation.totals(declared)} if changed else None,
            "difference": money(liquidation.difference(declared, current)) if changed else "",
            "controls": case.events.filter(kind="record_control").select_related("actor"),
        }}

    def seed_demo(self, people):
        demo.seed_cases(self, people)


def _with_descriptions(items, case):
    """Items found by an inspection carry no description: the declared one, by position."""
    declared = case.answers["items"]
    return [{"description": declared[i].get("description", ""), **item}
            for i, item in enumerate(items)]
