"""A demo procedure with a conditional step, a repeatable block, computed values and routing:
the engine's double for what tax filing, customs and crisis aid declare."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ..constants import Audience
from ..display import money
from ..registry import FormsetStep, Procedure, Step

ALLOWANCE_PER_CHILD = Decimal("617.28")  # a made-up figure: this procedure is a test double


class HouseholdForm(forms.Form):
    situation = forms.ChoiceField(label=_("Your situation"), widget=forms.RadioSelect,
                                  choices=[("single", _("Single")), ("couple", _("Couple"))])


class SpouseForm(forms.Form):
    spouse_first_name = forms.CharField(label=_("Spouse’s first name"), max_length=100)
    spouse_last_name = forms.CharField(label=_("Spouse’s last name"), max_length=100)


class ChildForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    birth_year = forms.IntegerField(label=_("Year of birth"), min_value=1990, max_value=2026)


def is_couple(answers):
    return answers.get("household", {}).get("situation") == "couple"


class HouseholdDemoProcedure(Procedure):
    slug = "demo-household"
    title = _("Demo household declaration")
    summary = _("A procedure with a step for couples only and a list of children.")
    audience = Audience.CITIZEN
    service_code = "demo-service"
    steps = [
        Step("household", HouseholdForm, _("Your household")),
        Step("spouse", SpouseForm, _("Your spouse"), condition=is_couple),
        FormsetStep("children", ChildForm, _("Your children"), max_num=30,
                    row_title=_("Child")),
    ]
    reference_prefix = "HH"
    listed = False

    def prefill(self, step_name, *, user, company, answers):
        if step_name == "spouse":
            return {"spouse_last_name": user.last_name}
        return {}

    def compute(self, answers):
        children = len(answers["children"])
        return {"members": 1 + is_couple(answers) + children,
                "allowance": str(ALLOWANCE_PER_CHILD * children)}

    def computed_summary(self, computed):
        return [(_("Members of the household"), computed["members"]),
                (_("Estimated allowance"), money(computed["allowance"]))]

    def route(self, answers):
        """Couples are handled by a service of their own, when the guichet has it."""
        return "demo-couples" if is_couple(answers) else None
