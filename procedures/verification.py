"""The public page where anyone checks that a receipt or a decision is genuine: the reference
and the verification code printed on it (or its QR code, which carries both) → what the
document is. A wrong pair answers the same "not found" whichever half is wrong, and attempts
are rate-limited per address, so codes cannot be guessed."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from portal import ratelimit
from portal.network import client_ip

from . import documents
from .constants import DocumentKind
from .transitions import status_label

NOT_FOUND = _("No document matches this reference and this verification code. Check both, "
              "as printed on the document.")


class VerificationForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=32,
                                help_text=_("As printed on the document, e.g. EC-2026-000042."))
    code = forms.CharField(label=_("Verification code"), max_length=16,
                           help_text=_("10 letters and digits, printed next to the QR code."))


@require_GET
def verify(request):
    form = VerificationForm(request.GET if request.GET else None)
    document, status = None, 200
    if form.is_valid():
        if ratelimit.hit("verify-address", client_ip(request)):  # settings.RATE_LIMITS
            status = 429
        else:
            document = documents.find_genuine(form.cleaned_data["reference"],
                                              form.cleaned_data["code"])
            if document is None:
                form.add_error(None, NOT_FOUND)
    return render(request, "procedures/verify.html", {
        "form": form, "document": document, "rate_limited": status == 429,
        **(_what_it_is(document) if document else {}),
        "title": _("Check a document"),
    }, status=status)


def _what_it_is(document):
    """The procedure, the decision a decision document carries, and what the procedure adds."""
    case = document.case
    procedure = case.procedure_obj
    return {
        "initials": documents.initials(case.holder_name),
        "procedure_title": procedure.title if procedure else case.procedure,
        "decision": status_label(procedure, case.status)
        if document.kind == DocumentKind.DECISION else "",
        "facts": procedure.document_facts(case) if procedure else [],
    }
