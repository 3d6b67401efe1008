from django import forms
from django.utils.translation import gettext_lazy as _

from procedures.uploads import DocumentField

from .constants import Clarity, ComplaintReason, HelpChannel, Helped, HowItWent
from .models import Complaint, Satisfaction, Suggestion

PERSONAL_DATA_WARNING = _("Do not write any personal information (name, address, phone, "
                          "case number): your comment is read to improve the service.")


class SatisfactionForm(forms.ModelForm):
    how_it_went = forms.TypedChoiceField(
        label=_("Overall, how did your procedure go?"), choices=HowItWent.choices,
        coerce=int, widget=forms.RadioSelect)
    clarity = forms.TypedChoiceField(
        label=_("How clear was the information given to you?"), choices=Clarity.choices,
        coerce=int, widget=forms.RadioSelect)
    help_sought = forms.MultipleChoiceField(
        label=_("Did you seek help to complete this procedure? Where?"),
        choices=HelpChannel.choices, widget=forms.CheckboxSelectMultiple)
    helped = forms.ChoiceField(
        label=_("Did this help you?"), choices=Helped.choices, widget=forms.RadioSelect,
        required=False, help_text=_("Only if you sought help."))
    comment = forms.CharField(
        label=_("Anything to add?"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}), help_text=PERSONAL_DATA_WARNING)

    class Meta:
        model = Satisfaction
        fields = ["how_it_went", "clarity", "help_sought", "helped", "comment"]

    def clean(self):
        data = super().clean()
        sought = data.get("help_sought") or []
        if HelpChannel.NONE in sought and len(sought) > 1:
            self.add_error("help_sought", _("“I sought no help” cannot go with a place "
                                            "where you sought help."))
        elif sought and HelpChannel.NONE not in sought and not data.get("helped"):
            self.add_error("helped", _("Say whether the help you sought helped you."))
        elif HelpChannel.NONE in sought:
            data["helped"] = ""
        return data


class ComplaintForm(forms.ModelForm):
    reason = forms.ChoiceField(label=_("Why do you complain?"), choices=ComplaintReason.choices,
                               widget=forms.RadioSelect)
    text = forms.CharField(label=_("Your complaint"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Say what happened and what you expect from the service."))
    attachment = DocumentField(label=_("Attachment"), required=False)

    class Meta:
        model = Complaint
        fields = ["reason", "text"]


class ComplaintAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer to the applicant"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 8}))


class SuggestionForm(forms.ModelForm):
    text = forms.CharField(label=_("Your suggestion"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=PERSONAL_DATA_WARNING)

    class Meta:
        model = Suggestion
        fields = ["text"]
