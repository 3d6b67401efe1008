"""The multi-step form: each step validated on its own and saved to the draft case in the
database, so that the applicant can leave and resume on any device; a review page lists the
answers with "modify" links before the (idempotent) submission."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import workflow
from .access import citizen_case
from .errors import IncompleteCase, WorkflowError
from .models import Case
from .uploads import check_quota, store_upload

PREVIOUS = "_previous"
SAVE_AND_LEAVE = "_leave"


def _serialise(cleaned_data, case, user):
    """Cleaned data as JSON values that bind a form again (dates as ISO strings…)."""
    answers = {}
    for name, value in cleaned_data.items():
        if hasattr(value, "chunks"):  # a new upload, checked by its DocumentField
            document = store_upload(value, case, user)
            value = {"document": str(document.public_id), "name": document.name}
        answers[name] = value
    return json.loads(json.dumps(answers, cls=DjangoJSONEncoder))


def _check_quotas(form, case, user):
    """The case's quota of files and the upload rate, before anything is stored."""
    for name, value in list(form.cleaned_data.items()):
        if hasattr(value, "chunks"):
            try:
                check_quota(value, case, user)
            except ValidationError as error:
                form.add_error(name, error)


def step_url(case, step_name):
    return reverse("procedures:step", args=[case.public_id, step_name])


@login_required
@require_http_methods(["GET", "POST"])
def step(request, public_id, step_name):
    case = citizen_case(request, public_id, draft=True)
    procedure = case.procedure_obj
    names = procedure.step_names()
    if step_name not in names:
        raise Http404
    index = names.index(step_name)
    definition = procedure.steps[index]
    saved = case.answers.get(step_name)
    initial = saved or procedure.initial(step_name, request.user, case.company)
    kwargs = procedure.form_kwargs(step_name, case.answers)

    if request.method == "POST":
        form = definition.form_class(request.POST, request.FILES, initial=initial, **kwargs)
        going_back = PREVIOUS in request.POST
        if form.is_valid():
            _check_quotas(form, case, request.user)
        if form.is_valid():
            with transaction.atomic():
                locked = Case.objects.select_for_update().get(pk=case.pk)
                if not locked.is_draft:
                    return redirect("procedures:case", public_id=case.public_id)
                locked.answers[step_name] = _serialise(form.cleaned_data, locked, request.user)
                locked.save(update_fields=["answers", "updated_at"])
            if SAVE_AND_LEAVE in request.POST:
                messages.success(request, _("Your draft is saved. Resume it from “My space” "
                                            "whenever you like, on any device."))
                return redirect("procedures:my_space")
            if going_back:
                return redirect(step_url(case, names[index - 1]) if index else
                                reverse("procedures:procedure", args=[procedure.slug]))
            if index + 1 < len(names):
                return redirect(step_url(case, names[index + 1]))
            return redirect("procedures:review", public_id=case.public_id)
        if going_back and index:  # nothing valid to save: go back, this step is kept as it was
            return redirect(step_url(case, names[index - 1]))
    else:
        form = definition.form_class(initial=initial, **kwargs)

    return render(request, "procedures/step.html", {
        "case": case, "procedure": procedure, "form": form, "step": definition,
        "step_number": index + 1, "step_count": len(names),
        "next_step": procedure.steps[index + 1] if index + 1 < len(names) else None,
        "title": definition.title,
    })


@login_required
@require_http_methods(["GET", "POST"])
def review(request, public_id):
    errors = None
    if request.method == "POST":
        try:
            with transaction.atomic():  # the case read once, locked, then submitted
                case = citizen_case(request, public_id, lock=True)
                if not case.is_draft:
                    return redirect("procedures:case", public_id=case.public_id)
                workflow.submit(case.pk, request.user, locked=case)
        except IncompleteCase as incomplete:
            errors = incomplete.errors
        except WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your request is submitted. Your receipt is being "
                                        "prepared; we will also send it by e-mail."))
            return redirect("procedures:case", public_id=case.public_id)
    else:
        case = citizen_case(request, public_id)
        if not case.is_draft:
            return redirect("procedures:case", public_id=case.public_id)
    procedure = case.procedure_obj
    missing = [step for step in procedure.steps if step.name not in case.answers]
    if errors is None:  # checked here only when the page is shown: submit checks on its own
        errors = {name: messages_ for name, messages_ in procedure.check(case.answers).items()
                  if name in case.answers}
    return render(request, "procedures/review.html", {
        "case": case, "procedure": procedure, "summary": procedure.summarise(case.answers),
        "missing": missing, "errors": [(procedure.step(name), messages_) for name, messages_
                                       in errors.items()],
        "step_count": len(procedure.steps),
        "title": _("Check your answers"),
    })
