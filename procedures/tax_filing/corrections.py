"""The tax office's correction of an income: the agent names the member, the kind of income and
the right amount, with a note the applicant reads (the transition's text); the estimate is
recomputed under the workflow's lock, and the case keeps each correction with the old and the
new amounts and net tax."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..display import money
from . import estimate
from .forms import EurosField

MEMBERS = {"declarant": _("the declarant"), "spouse": _("the spouse or partner")}
KINDS = {"salaries": _("Salaries"), "pensions": _("Pensions and retirement benefits"),
         "other": _("Other net taxable incomes")}


class CorrectionForm(forms.Form):
    member = forms.ChoiceField(label=_("Whose income"), choices=list(MEMBERS.items()))
    kind = forms.ChoiceField(label=_("Which income"), choices=list(KINDS.items()))
    amount = EurosField(label=_("The right amount, in euros"), min_value=0,
                        max_value=100_000_000)

    def __init__(self, *args, couple=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not couple:
            self.fields["member"].choices = [("declarant", MEMBERS["declarant"])]


def apply_correction(case, data, actor):
    """Set the income, recompute the estimate, and keep the correction on the case."""
    field = f"{data['member']}_{data['kind']}"
    before = case.computed or estimate.compute(case.answers)
    old_amount = int(case.answers["incomes"].get(field) or 0)
    case.answers["incomes"][field] = int(data["amount"])
    after = estimate.compute(case.answers)
    corrections = [*before.get("corrections", []), {
        "member": data["member"], "kind": data["kind"],
        "old_amount": str(old_amount), "new_amount": str(data["amount"]),
        "old_net_tax": before["net_tax"], "new_net_tax": after["net_tax"],
        "at": timezone.now().isoformat(),
    }]
    case.computed = {**after, "corrections": corrections}


def correction_lines(computed):
    """[(label, display value), …]: each correction, old and new."""
    return [
        (_("Corrected by the tax office: %(kind)s of %(member)s") % {
            "kind": str(KINDS[c["kind"]]).lower(), "member": MEMBERS[c["member"]]},
         _("%(old)s → %(new)s (net tax %(old_tax)s → %(new_tax)s)") % {
             "old": money(c["old_amount"]), "new": money(c["new_amount"]),
             "old_tax": money(c["old_net_tax"]),
             "new_tax": money(c["new_net_tax"])})
        for c in (computed or {}).get("corrections", [])
    ]
