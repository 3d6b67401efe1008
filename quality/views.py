from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.wording import date_format
from procedures.access import citizen_case
from procedures.registry import registry
from procedures.uploads import store_upload

from . import complaints
from .forms import ComplaintForm, SatisfactionForm, SuggestionForm
from .models import Satisfaction


@login_required
def satisfaction(request, public_id):
    """The questionnaire of a decided case of the user's own: once, editable for a week."""
    case = citizen_case(request, public_id, draft=False)
    if not case.is_decided:
        raise Http404
    existing = Satisfaction.objects.filter(case=case).first()
    if existing and not existing.editable:
        messages.info(request, _("Thank you: your opinion is recorded and can no longer be "
                                 "changed."))
        return redirect("procedures:case", public_id=case.public_id)
    form = SatisfactionForm(request.POST if request.method == "POST" else None,
                            instance=existing)
    if request.method == "POST" and form.is_valid():
        answer = form.save(commit=False)
        answer.case = case
        answer.save()
        messages.success(request, _("Thank you for your opinion: it helps us improve this "
                                    "procedure."))
        return redirect("procedures:case", public_id=case.public_id)
    return render(request, "quality/satisfaction.html", {
        "case": case, "procedure": case.procedure_obj, "form": form, "existing": existing,
        "title": _("Give your opinion"),
    }, status=400 if form.errors else 200)


@login_required
def complaint(request, public_id):
    case = citizen_case(request, public_id, draft=False)
    if not complaints.may_complain(case):
        raise Http404
    posted = request.method == "POST"
    form = ComplaintForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            upload = form.cleaned_data["attachment"]
            attachments = [store_upload(upload, case, request.user)] if upload else []
            filed = complaints.file(case, request.user, reason=form.cleaned_data["reason"],
                                    text=form.cleaned_data["text"], attachments=attachments)
        messages.success(request, _("Your complaint is sent to the service’s managers. They "
                                    "will answer by %(date)s.") % {
                                        "date": date_format(filed.due_at)})
        return redirect("procedures:case", public_id=case.public_id)
    return render(request, "quality/complaint.html", {
        "case": case, "procedure": case.procedure_obj, "form": form,
        "delay": settings.GUICHET_COMPLAINT_DELAY_DAYS, "title": _("Complain"),
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def suggestion(request, slug):
    procedure = registry.get(slug)
    if procedure is None:
        raise Http404
    form = SuggestionForm(request.POST)
    if form.is_valid():
        form.instance.procedure = procedure.slug
        form.instance.author = request.user
        form.save()
        messages.success(request, _("Thank you: your suggestion is sent to the service."))
        return redirect("procedures:procedure", slug=procedure.slug)
    return render(request, "quality/suggestion.html", {
        "procedure": procedure, "form": form, "title": _("Suggest an improvement"),
    }, status=400)
