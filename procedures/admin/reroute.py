"""Sending a case to another service (a misrouted request): a page of its own, reached from the
case page, that calls workflow.reroute with the version the agent saw."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Service

from .. import workflow
from ..errors import WorkflowError
from .forms import TEXT_MAX_LENGTH, CaseForm


class RerouteForm(CaseForm):
    service = forms.ModelChoiceField(label=gettext_lazy("Send the case to"), queryset=None)
    text = forms.CharField(label=gettext_lazy("Why (kept in the case's history)"),
                           widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                           max_length=TEXT_MAX_LENGTH)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # A service of the same kind: another town hall, another customs office.
        self.fields["service"].queryset = (Service.objects.filter(kind=case.service.kind)
                                           .exclude(pk=case.service_id).order_by("name"))


def reroute_page(model_admin, request, case):
    form = RerouteForm(request.POST or None, case=case, initial={"version": case.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                workflow.reroute(case.pk, request.user, data["service"], text=data["text"],
                                 expected_version=data["version"])
            except WorkflowError as error:
                messages.error(request, error.message)
                status = 409
            else:
                messages.success(request, _("Case %(reference)s is sent to %(service)s.") % {
                    "reference": case.reference, "service": data["service"]})
                # The case has left the agent's service: back to their queue.
                return redirect(reverse("admin:procedures_case_changelist"))
        else:
            status = 400
            for name in form.errors:  # each error tied to its field
                if name in form.fields:
                    form.fields[name].widget.attrs.update(
                        {"aria-describedby": f"{form[name].auto_id}_error", "aria-invalid": "true"})
    return TemplateResponse(request, "admin/procedures/case/reroute.html", {
        **model_admin.admin_site.each_context(request), "opts": model_admin.opts,
        "title": _("Send case %(reference)s to another service") % {"reference": case.reference},
        "case": case, "form": form,
    }, status=status)
