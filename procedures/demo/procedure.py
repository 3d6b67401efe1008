from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import Audience, DelayUnit
from ..display import money
from ..registry import Procedure, Step
from ..uploads import DocumentField


class IdentityForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(label=_("Date of birth"),
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return value


class RequestForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=[("park", _("Parking permit")),
                                                         ("noise", _("Noise complaint"))],
                              widget=forms.RadioSelect)
    details = forms.CharField(label=_("Details"), widget=forms.Textarea, max_length=2000)
    proof = DocumentField(label=_("Proof of address"), required=False)


class DemoProcedure(Procedure):
    slug = "demo"
    title = _("Demo request")
    summary = _("A short procedure that shows how Guichet works.")
    audience = Audience.CITIZEN
    service_code = "demo-service"
    steps = [
        Step("identity", IdentityForm, _("Who are you?")),
        Step("request", RequestForm, _("Your request")),
    ]
    delay = 10
    delay_unit = DelayUnit.WORKING_DAYS
    reference_prefix = "DM"
    what_to_prepare = (_("A proof of address (PDF, JPG or PNG)"),)
    listed = False

    def prefill(self, step_name, *, user, company, answers):
        if step_name == "identity":
            return {"first_name": user.first_name, "last_name": user.last_name}
        return {}

    def compute(self, answers):
        return {"details_length": len(answers["request"]["details"])}

    def computed_summary(self, computed):
        rows = []
        if "details_length" in computed:
            rows.append((_("Length of the details"), computed["details_length"]))
        if "amount" in computed:  # recorded by an agent's check (demo-outcomes)
            rows.append((_("Amount found"), money(computed["amount"])))
        return rows


class BrokenProcedure(DemoProcedure):
    """Fails on purpose when computing its values: submission must roll back cleanly."""

    slug = "demo-broken"
    title = _("Broken demo request")
    reference_prefix = "BK"

    def compute(self, answers):
        raise RuntimeError("this procedure fails on purpose")


class CompanyDemoProcedure(DemoProcedure):
    """Filed for a company: the engine asks which of the user's companies files it."""

    slug = "demo-company"
    title = _("Demo request for a company")
    audience = Audience.COMPANY
    reference_prefix = "DE"
