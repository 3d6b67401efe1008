"""The forms of the case page and of the bulk actions. Every case form carries the version of
the case the agent saw, so that a change made meanwhile by someone else refuses the action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.selectors import agents_of

from ..transitions import state_of

TEXT_MAX_LENGTH = 5000


def assignable_agents(service_ids):
    return agents_of(service_ids).order_by("last_name", "first_name", "email")


class CaseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class TransitionForm(CaseForm):
    """An action's button, its motivation if it needs one, and the action's own form if it
    declares one (Transition.form_class, built with Procedure.action_form_kwargs)."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                           max_length=TEXT_MAX_LENGTH, error_messages={
                               "required": _("This text is required for this action.")})

    def __init__(self, data=None, files=None, *, transition, case, **kwargs):
        super().__init__(data, files, prefix=transition.name, **kwargs)
        self.transition = transition
        self.case = case
        if not transition.needs_text:
            del self.fields["text"]
        elif transition.name == "request_info":
            self.fields["text"].label = _("Information requested from the applicant")
        else:
            self.fields["text"].label = _("Motivation (the applicant will read it)")
        self.action_form = None
        if transition.form_class:
            self.action_form = transition.form_class(
                data, files, prefix=f"{transition.name}-data",
                **case.procedure_obj.action_form_kwargs(transition.name, case))

    @property
    def needs_confirmation(self):
        """A decision: its own page confirms it (see case_page)."""
        return state_of(self.case.procedure_obj, self.transition.target).final

    def is_valid(self):
        valid = super().is_valid()
        return (self.action_form is None or self.action_form.is_valid()) and valid

    @property
    def action_data(self):
        return self.action_form.cleaned_data if self.action_form else None


class AssignForm(CaseForm):
    agent = forms.ModelChoiceField(label=_("Assign to"), queryset=None)

    def __init__(self, *args, service_ids, **kwargs):
        super().__init__(*args, prefix="assign", **kwargs)
        self.fields["agent"].queryset = assignable_agents(service_ids)


class BulkAssignForm(forms.Form):
    agent = forms.ModelChoiceField(label=_("Assign the selected cases to"), queryset=None)

    def __init__(self, *args, service_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = assignable_agents(service_ids)
