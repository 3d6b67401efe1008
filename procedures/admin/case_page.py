"""The case page of the back office: everything about a case, read-only. The only ways to change
it are the actions (each calls its workflow function with the version the agent saw) and a
message to the applicant. A refused action shows why and keeps what the agent typed.

A decision (an action leading to a final state: accept, reject, close, a procedure's own
outcomes) is not taken from the case page: its block links to a page of its own that names the
case, says the decision is final and holds the decision's form; that form posts back here."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .. import audit, workflow
from ..constants import ActorRole, StateKind
from ..errors import NotPermitted, StaleCase, TransitionNotAllowed, WorkflowError
from ..forms import MessageForm
from ..models import Proposal
from ..transitions import event_label
from ..uploads import store_upload
from . import extensions, transitions
from .audit import sees_all
from .forms import AssignForm, CaseForm, TransitionForm
from .labels import procedure_title, status_label
from .scope import scope

TEMPLATE = "admin/procedures/case/change_form.html"
DECISION_TEMPLATE = "admin/procedures/case/decision.html"


def case_page(model_admin, request, case):
    posted = {}
    status = 200
    if request.method == "POST":
        operation = request.POST.get("operation", "")
        name = request.POST.get("transition", "")
        try:
            form = _form(request, case, operation, name, request.POST, request.FILES)
            if form.is_valid():
                done = _apply(request, case, operation, form)
                messages.success(request, done)
                return redirect(request.get_full_path())
            messages.error(request, _("Nothing was done: correct the form below."))
            status = 400
        except WorkflowError as error:
            messages.error(request, error.message)
            status = 409 if isinstance(error, StaleCase) else 400
            case.refresh_from_db()
            form = _retyped(request, case, operation, name)
        if form is not None:
            posted[(operation, name)] = form
            if operation == "transition" and form.needs_confirmation and (
                    form.transition in workflow.available_transitions(
                        case, request.user, ActorRole.AGENT)):
                return _decision_response(model_admin, request, case, form, status)
    audit.case_page(request.user, case)  # each time the page shows the case
    context = _context(model_admin, request, case, posted)
    return TemplateResponse(request, TEMPLATE, context, status=status)


def decision_page(model_admin, request, case, name):
    """The page that confirms a decision: the case named, the decision said final, its form."""
    try:
        transition = transitions.agent_transition(case, name)
    except TransitionNotAllowed:
        raise Http404 from None
    if transition not in workflow.available_transitions(case, request.user, ActorRole.AGENT):
        messages.error(request, _("This action is no longer possible on this case."))
        return redirect(_case_url(case))
    return _decision_response(model_admin, request, case,
                              _form(request, case, "transition", name), 200)


def _decision_response(model_admin, request, case, form, status):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("%(action)s: case %(reference)s") % {
            "action": form.transition.label, "reference": case.reference},
        "case": case,
        "procedure_title": procedure_title(case.procedure),
        "status_label": status_label(case.procedure, case.status),
        "outcome_label": status_label(case.procedure, form.transition.target),
        "form": form,
        "case_url": _case_url(case),
    }
    return TemplateResponse(request, DECISION_TEMPLATE, context, status=status)


def _case_url(case):
    return reverse("admin:procedures_case_change", args=[case.pk])


def may_take(case, user, request):
    """Anyone of the service takes a free case; taking a colleague's is a supervisor's call."""
    return case.status_kind == StateKind.OPEN and case.assigned_to_id != user.pk and (
        case.assigned_to_id is None or case.service_id in scope(request).supervised
    )


def _form(request, case, operation, name, data=None, files=None):
    initial = {"version": case.version}
    if operation == "reply":
        return MessageForm(data, files, prefix="reply")
    if operation == "take":
        return CaseForm(data, prefix="take", initial=initial)
    if operation == "assign":
        return AssignForm(data, initial=initial, service_ids=[case.service_id])
    if operation == "transition":
        return TransitionForm(data, files, initial=initial, case=case,
                              transition=transitions.agent_transition(case, name))
    raise WorkflowError()


def _retyped(request, case, operation, name):
    """The refused form again, with what was typed and the version now current."""
    data = request.POST.copy()
    for key in data:
        if key.endswith("version"):
            data[key] = case.version
    try:
        return _form(request, case, operation, name, data, request.FILES)
    except WorkflowError:
        return None


def _apply(request, case, operation, form):
    user = request.user
    data = form.cleaned_data
    if operation == "reply":
        with transaction.atomic():
            attachment = data["attachment"]
            attachments = [store_upload(attachment, case, user)] if attachment else []
            workflow.post_message(case.pk, user, ActorRole.AGENT, body=data["body"],
                                  attachments=attachments)
        return _("Your message is sent to the applicant.")
    if operation == "take":
        if not may_take(case, user, request):
            raise NotPermitted(_("This case is assigned to a colleague: ask a supervisor."))
        workflow.assign(case.pk, user, user, expected_version=data["version"])
        return _("The case is now assigned to you.")
    if operation == "assign":
        workflow.assign(case.pk, user, data["agent"], expected_version=data["version"])
        return _("The case is assigned to %(agent)s.") % {"agent": data["agent"]}
    transitions.run(case.pk, form.transition.name, user, text=data.get("text", ""),
                    data=form.action_data, expected_version=data["version"])
    return _("Action done: %(action)s.") % {"action": form.transition.label}


def _context(model_admin, request, case, posted):
    user = request.user
    available = workflow.available_transitions(case, user, ActorRole.AGENT)
    transition_forms = [
        posted.get(("transition", t.name)) or _form(request, case, "transition", t.name)
        for t in available
    ]
    for form in transition_forms:
        if form.needs_confirmation:
            form.decision_url = reverse("admin:procedures_case_decide",
                                        args=[case.pk, form.transition.name])
    refused = next((form for (operation, name), form in posted.items()
                    if operation == "transition" and name not in {t.name for t in available}),
                   None)
    may_assign = (case.status_kind == StateKind.OPEN
                  and case.service_id in scope(request).supervised)
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "preserved_filters": model_admin.get_preserved_filters(request),
        "title": _("Case %(reference)s") % {"reference": case.reference},
        "subtitle": procedure_title(case.procedure),
        "case": case,
        "status_label": status_label(case.procedure, case.status),
        "overdue": case.is_overdue,
        "summary": case.procedure_obj.summarise(case.answers),
        "panel": extensions.panel(case),
        "proposal": _proposal(case),
        "documents": case.documents.filter(message__isnull=True),
        "conversation": case.messages.select_related("author").prefetch_related("attachments"),
        "timeline": _timeline(case),
        "take_form": posted.get(("take", ""))
        or (_form(request, case, "take", "") if may_take(case, user, request) else None),
        "assign_form": posted.get(("assign", ""))
        or (_form(request, case, "assign", "") if may_assign else None),
        "transition_forms": transition_forms,
        "unapplied_text": refused.data.get(refused.add_prefix("text"), "") if refused else "",
        "reply_form": posted.get(("reply", "")) or _form(request, case, "reply", ""),
        "reads_url": _reads_url(request, case),
    }


def _reads_url(request, case):
    """The audit trail of this case, for who may read it (supervisors, internal control)."""
    if not (sees_all(request) or case.service_id in scope(request).supervised):
        return None
    return reverse("admin:procedures_agentread_changelist") + "?" + urlencode(
        {"q": case.reference})


def _proposal(case):
    proposal = Proposal.objects.filter(case=case).first()
    if proposal:
        transition = workflow.transitions_for(case).get(proposal.transition)
        proposal.label = transition.label if transition else proposal.transition
    return proposal


def _timeline(case):
    events = list(case.events.select_related("actor"))
    table = workflow.transitions_for(case)
    agent_ids = {e.data.get("agent") for e in events if e.kind == "assigned"}
    agents = get_user_model().objects.in_bulk(agent_ids - {None})
    for event in events:
        if event.kind == "assigned":
            agent = agents.get(event.data.get("agent"))
            event.label = _("Assigned to %(agent)s") % {"agent": agent or "?"}
        elif event.kind == "message":
            event.label = _("Message")
        elif event.kind == "reroute":
            event.label = _("Sent from %(from)s to %(to)s") % event.data
        elif event.kind == "proposed":
            proposed = table.get(event.data.get("transition"))
            event.label = _("Proposed: %(decision)s") % {
                "decision": proposed.label if proposed else event.data.get("transition")}
        elif event.kind in table:
            event.label = event_label(case.procedure_obj, event.kind, agent=True)
        else:
            event.label = event.kind
        event.from_label = status_label(case.procedure, event.from_status)
        event.to_label = status_label(case.procedure, event.to_status)
    return events
