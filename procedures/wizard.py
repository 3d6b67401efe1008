"""The multi-step form: each step validated on its own and saved to the draft case in the
database, so that the applicant can leave and resume on any device; a review page lists the
answers with "modify" links before the (idempotent) submission.

Only the steps that apply to the answers given so far are shown, numbered and counted (see
Procedure.applicable_steps). "Save and finish later" and "Previous" keep a step as it was typed,
mistakes included: its errors come back when the person returns to it, and on the review page.
A repeatable block (FormsetStep) adds and removes rows with buttons that post the whole step,
so it works without JavaScript."""

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

from . import held_data, workflow
from .access import citizen_case
from .constants import DocumentKind
from .errors import IncompleteCase, WorkflowError
from .models import Case
from .uploads import check_quota, store_upload

PREVIOUS = "_previous"
SAVE_AND_LEAVE = "_leave"
ADD_ROW = "_add_row"
REMOVE_ROW = "_remove_row"


def _serialise(answers, case, user):
    """Answers (a dict, or a list of row dicts) as JSON values that bind a form again (dates as
    ISO strings, new uploads stored as documents…)."""
    if isinstance(answers, list):
        return [_serialise(row, case, user) for row in answers]
    values = {}
    for name, value in answers.items():
        if hasattr(value, "chunks"):  # a new upload, checked by its DocumentField
            document = store_upload(value, case, user)
            value = {"document": str(document.public_id), "name": document.name}
        values[name] = value
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


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


def _save(case, step_name, answers, user):
    """Store a step's answers on the draft; False if the case is no longer a draft."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if not locked.is_draft:
            return False
        locked.answers[step_name] = _serialise(answers, locked, user)
        locked.save(update_fields=["answers", "updated_at"])
        case.answers = locked.answers
    return True


def _edited_rows(definition, form, request):
    """For a repeatable block, the rows after an "add a row" or "remove row n" button, else
    None."""
    if not definition.repeated or not ({ADD_ROW, REMOVE_ROW} & request.POST.keys()):
        return None
    rows = definition.typed(form, None)
    if ADD_ROW in request.POST and len(rows) < definition.max_num:
        rows.append({})
    if REMOVE_ROW in request.POST:
        indexes = [str(index) for index in range(len(rows))]  # any other value is no row
        if request.POST[REMOVE_ROW] in indexes:
            del rows[indexes.index(request.POST[REMOVE_ROW])]
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def step(request, public_id, step_name):
    case = citizen_case(request, public_id, draft=True)
    procedure = case.procedure_obj
    steps = procedure.applicable_steps(case.answers)
    names = [s.name for s in steps]
    if step_name not in names:
        raise Http404
    index = names.index(step_name)
    definition = steps[index]
    saved = case.answers.get(step_name)
    prefilled = procedure.prefill(
        step_name, user=request.user, company=case.company, answers=case.answers)
    initial = definition.combine(prefilled, saved)
    kwargs = procedure.form_kwargs(step_name, case.answers)
    # What the procedure prefilled from what FranceConnect certifies is shown, not asked again.
    certified = set() if definition.repeated else (
        held_data.certified_fields(procedure, step_name, request.user, case.company)
        & {name for name, value in prefilled.items() if value})

    if request.method == "POST":
        form = definition.posted(request.POST, request.FILES, initial, kwargs)
        held_data.lock(form, certified)
        if not definition.repeated:  # (rows hold no file)
            form.is_valid()
            _check_quotas(form, case, request.user)  # a refused upload: an error on its field
        valid = form.is_valid()
        rows = _edited_rows(definition, form, request)
        if rows is not None:  # the same step again, with one row more or less, nothing lost
            form = definition.unbound(rows, kwargs)
        elif valid or PREVIOUS in request.POST or SAVE_AND_LEAVE in request.POST:
            answers = definition.cleaned(form) if valid else definition.typed(form, saved)
            if not _save(case, step_name, answers, request.user):
                return redirect("procedures:case", public_id=case.public_id)
            return _next(request, case, procedure, step_name)
    else:
        form = definition.bound(initial, kwargs) if saved is not None else None
        if form is None or form.is_valid():  # else saved with mistakes: shown with its errors
            form = definition.unbound(initial, kwargs)

    held_data.lock(form, certified)
    return render(request, "procedures/step.html", {
        "case": case, "procedure": procedure, "form": form, "step": definition,
        "step_number": index + 1, "step_count": len(steps),
        "next_step": steps[index + 1] if index + 1 < len(steps) else None,
        "title": definition.title,
    })


def _next(request, case, procedure, step_name):
    """Where a saved step leads: "My space", the previous or the next step that applies (the
    answers just saved may make a later step apply or not), or the review."""
    if SAVE_AND_LEAVE in request.POST:
        messages.success(request, _("Your draft is saved. Resume it from “My space” "
                                    "whenever you like, on any device."))
        return redirect("procedures:my_space")
    names = [s.name for s in procedure.applicable_steps(case.answers)]
    index = names.index(step_name)
    if PREVIOUS in request.POST:
        return redirect(step_url(case, names[index - 1]) if index else
                        reverse("procedures:procedure", args=[procedure.slug]))
    if index + 1 < len(names):
        return redirect(step_url(case, names[index + 1]))
    return redirect("procedures:review", public_id=case.public_id)


def _submitted_message(case):
    """What the case page says after a submission, true to whether the receipt (rendered by a
    worker, see tasks.py) is there already."""
    if case.documents.filter(kind=DocumentKind.RECEIPT).exists():
        return _("Your request %(reference)s is submitted. Download your receipt below; we "
                 "also send it by e-mail.") % {"reference": case.reference}
    return _("Your request %(reference)s is submitted. Your receipt is being prepared: it will "
             "appear on this page, and we will also send it by e-mail.") % {
        "reference": case.reference}


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
                case = workflow.submit(case.pk, request.user, locked=case)
        except IncompleteCase as incomplete:
            errors = incomplete.errors
        except WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _submitted_message(case))
            return redirect("procedures:case", public_id=case.public_id)
    else:
        case = citizen_case(request, public_id)
        if not case.is_draft:
            return redirect("procedures:case", public_id=case.public_id)
    procedure = case.procedure_obj
    steps = procedure.applicable_steps(case.answers)
    missing = [step for step in steps if step.name not in case.answers]
    if errors is None:  # checked here only when the page is shown: submit checks on its own
        errors = {name: messages_ for name, messages_ in procedure.check(case.answers).items()
                  if name in case.answers}
    computed = {} if missing or errors else procedure.compute(case.answers)
    return render(request, "procedures/review.html", {
        "case": case, "procedure": procedure, "summary": procedure.summarise(case.answers),
        "missing": missing, "errors": [(procedure.step(name), messages_) for name, messages_
                                       in errors.items()],
        "computed_summary": procedure.computed_summary(computed) if computed else [],
        "step_count": len(steps),
        "title": _("Check your answers"),
    })
