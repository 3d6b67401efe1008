"""Who may read what: a citizen their own cases; an agent the cases of their services.
Anything else answers 404, so that a forged id tells nothing."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .constants import CaseStatus, ScanStatus
from .models import Case, Document


def citizen_case(request, public_id, *, draft=None, lock=False):
    """The request user's own case (`draft=True`: only a draft, `False`: only a filed one),
    `lock`ed for the rest of the caller's transaction."""
    cases = Case.objects.of_applicant(request.user).select_related("service", "company")
    if lock:
        cases = cases.select_for_update(of=("self",))
    if draft is True:
        cases = cases.filter(status=CaseStatus.DRAFT)
    elif draft is False:
        cases = cases.exclude(status=CaseStatus.DRAFT)
    return get_object_or_404(cases, public_id=public_id)


def readable_document(request, public_id):
    """A document the request user may open: one of their case or their services' cases, and
    found clean by the antivirus (an upload being checked, or infected, opens for nobody)."""
    document = get_object_or_404(Document.objects.select_related("case"), public_id=public_id,
                                 scan=ScanStatus.CLEAN)
    user = request.user
    case = document.case
    if case.applicant_id == user.pk and case.status != CaseStatus.DISCARDED:
        return document
    if Case.objects.for_agent(user).filter(pk=case.pk).exists():
        return document
    raise Http404
