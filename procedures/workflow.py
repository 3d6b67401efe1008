"""The only way a case changes state: one function per transition.

Each locks the case row, checks the transition table and the actor's right, writes the
CaseEvent in the same transaction, bumps the version and schedules the side effects (documents,
notifications) with `transaction.on_commit`.
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import selectors

from . import effects, references
from .calendar import due_date
from .constants import NOT_FILED_KINDS, ActorRole, CaseStatus, StateKind, Tier
from .errors import (
    IncompleteCase,
    NotPermitted,
    NotRepresented,
    StaleCase,
    TransitionNotAllowed,
    WorkflowError,
)
from .models import Case, CaseEvent
from .models.settings import silence_rule
from .registry import registry
from .transitions import TRANSITIONS, state_of, transitions_of

S = CaseStatus
A = ActorRole

__all__ = ["TRANSITIONS"]  # the table itself lives in transitions.py


def transitions_for(case):
    """The engine's transitions plus the case's procedure's own."""
    return transitions_of(case.procedure_obj)


def may_act(user, case, role, tier=Tier.AGENT):
    if role == A.CITIZEN:
        return case.applicant_id == user.pk
    if role == A.AGENT and tier == Tier.SUPERVISOR:
        return selectors.is_supervisor(user, case.service_id)
    if role == A.AGENT:
        return selectors.is_agent(user, case.service_id)
    return False


def available_transitions(case, user, role):
    """The transitions `user` may perform now, for buttons (a supervisor's action is not
    offered to an agent)."""
    if not may_act(user, case, role):
        return []
    return [
        t for t in transitions_for(case).values()
        if t.actor == role and case.status in t.sources and may_act(user, case, role, t.tier)
    ]


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        return o.pk if isinstance(o, models.Model) else super().default(o)


def as_json(data):
    """A form's cleaned data as JSON values (dates and decimals as strings, rows as pks)."""
    return json.loads(json.dumps(data, cls=_Encoder))


def _perform(case_id, name, actor, *, text="", data=None, expected_version=None, before=None,
             locked=None):
    """Lock, check, change, record. `before(case, transition)` may change fields first; then
    the transition's own `apply(case, data, actor)`. `actor` None: the system.
    `locked`: the case, already locked in this transaction by the caller."""
    case = locked or Case.objects.select_for_update().get(pk=case_id)
    transition = transitions_for(case).get(name)
    if transition is None:
        raise TransitionNotAllowed()
    if actor is not None and not may_act(actor, case, transition.actor, transition.tier):
        if transition.tier == Tier.SUPERVISOR and may_act(actor, case, transition.actor):
            raise NotPermitted(_("Only a supervisor of the service may do this."))
        raise NotPermitted()
    if expected_version is not None and case.version != expected_version:
        raise StaleCase()
    if case.status not in transition.sources:
        raise TransitionNotAllowed()
    text = (text or "").strip()
    if transition.needs_text and not text:
        raise WorkflowError(_("Write a motivation or a message: it is required for this action."))
    from_status = case.status
    if before:
        before(case, transition)
    if transition.apply:
        transition.apply(case, data or {}, actor)
    state = state_of(case.procedure_obj, transition.target)
    case.status, case.status_kind = state.name, state.kind
    if state.decided:
        case.decided_at = timezone.now()
    moved = _suspend_delay(case) if from_status == S.AWAITING_INFO else None
    case.version += 1
    case.save()
    event = CaseEvent.objects.create(
        case=case, kind=name, actor=actor, actor_role=transition.actor if actor else A.SYSTEM,
        from_status=from_status, to_status=case.status, text=text, data=as_json(data or {}),
        case_version=case.version,
    )
    if moved:
        CaseEvent.objects.create(case=case, kind="delay_suspended", actor_role=A.SYSTEM,
                                 from_status=case.status, to_status=case.status, data=moved,
                                 case_version=case.version)
    effects.schedule(event)
    return case


def _suspend_delay(case):
    """Leaving "awaiting information", for a procedure that says so (its SilenceRule): the
    due date moves by the days spent waiting for the applicant. Returns what the history
    records, or None."""
    if case.due_at is None or not silence_rule(case.procedure).suspends_delay:
        return None
    asked = (CaseEvent.objects.filter(case=case, to_status=S.AWAITING_INFO)
             .order_by("-created_at", "-pk").values_list("created_at", flat=True).first())
    days = (timezone.localdate() - timezone.localdate(asked)).days if asked else 0
    if days <= 0:
        return None
    before, case.due_at = case.due_at, case.due_at + datetime.timedelta(days=days)
    return {"from": before.isoformat(), "to": case.due_at.isoformat(), "days": days}


def submit(case_id, actor, *, locked=None):
    """Submit a draft. Idempotent: submitting an already submitted case changes nothing.
    `locked`: the case, already locked by the caller, whose transaction this joins."""
    with transaction.atomic(savepoint=locked is None):
        case = locked or Case.objects.select_for_update().get(pk=case_id)
        if not may_act(actor, case, A.CITIZEN):
            raise NotPermitted()
        if case.status != S.DRAFT:
            if case.submitted_at:  # a double click, a second tab, a replayed POST
                return case
            raise TransitionNotAllowed()
        if case.company_id and not selectors.represents(case.applicant_id, case.company_id):
            raise NotRepresented()
        procedure = case.procedure_obj
        forms = procedure.bound_forms(case.answers)
        errors = procedure.check(case.answers, forms)
        if errors:
            raise IncompleteCase(errors)

        answers = procedure.kept_answers(case.answers, forms)
        service = routed_service(case, procedure.route(answers))

        def stamp(case, transition):
            now = timezone.now()
            case.submitted_at = now
            case.reference = references.new_reference(procedure.reference_prefix, now.year)
            settings = procedure.settings
            case.due_at = due_date(timezone.localdate(now), settings.delay, settings.delay_unit)
            case.procedure_version = procedure.version
            case.answers = answers
            case.computed = procedure.compute(answers)
            if service:
                case.service = service

        return _perform(case_id, "submit", actor, before=stamp, locked=case,
                        data={"routed_to": service.code} if service else None)


def routed_service(case, code):
    """The Service a procedure's `route` names (None: the case keeps its service). A code the
    guichet has no service for falls back to the procedure's own service."""
    from accounts.models import Service

    if code is None:
        return None
    return (Service.objects.filter(code=code).first()
            or Service.objects.filter(code=case.procedure_obj.service_code).first())


def reroute(case_id, actor, service, *, text="", expected_version=None):
    """An agent of the case's service sends it to another service (a misrouted request): the
    case leaves its agent's hands and the history records from where to where, and why."""
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("service").get(pk=case_id)
        if expected_version is not None and case.version != expected_version:
            raise StaleCase()
        if not may_act(actor, case, A.AGENT):
            raise NotPermitted()
        if case.state.kind != StateKind.OPEN:
            raise TransitionNotAllowed()
        if service.pk == case.service_id:
            raise WorkflowError(_("The case is already with this service."))
        previous = case.service
        case.service = service
        case.assigned_to = None
        case.version += 1
        case.save(update_fields=["service", "assigned_to", "version", "updated_at"])
        event = CaseEvent.objects.create(
            case=case, kind="reroute", actor=actor, actor_role=A.AGENT,
            from_status=case.status, to_status=case.status, text=(text or "").strip(),
            data={"from": previous.code, "to": service.code}, case_version=case.version,
        )
        effects.schedule(event)
        return case


def propose(case, *, transition, motivation="", amount=None, actor=None):
    """Propose a decision for `case` (replacing any earlier proposal): `transition`, a decision
    of its procedure; `actor` None: the system. Recorded in the history; applied later, in
    bulk (procedures/proposals.py) or by an agent. Joins the caller's transaction and lock."""
    from .models import Proposal

    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        table = transitions_for(case)
        if transition not in table or not state_of(case.procedure_obj,
                                                   table[transition].target).decided:
            raise TransitionNotAllowed(_("Only a decision can be proposed."))
        proposal, _created = Proposal.objects.update_or_create(case=case, defaults={
            "transition": transition, "motivation": str(motivation), "amount": amount,
            "proposed_by": actor})
        CaseEvent.objects.create(
            case=case, kind="proposed", actor=actor,
            actor_role=A.AGENT if actor else A.SYSTEM, from_status=case.status,
            to_status=case.status, text=str(motivation),
            data=as_json({"transition": transition, "amount": amount}),
            case_version=case.version)
        return proposal


def run_automatic_step(case_id):
    """The procedure's automatic step after a submission (Procedure.after_submission), by the
    system. Once: under the case's lock, only while the case is still submitted and its
    `automatic_step_done_at` is empty (set here, in the same transaction); a second run (a task
    delivered twice, or enqueued again by the sweep) changes nothing."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.status != S.SUBMITTED or case.automatic_step_done_at is not None:
            return None
        case.automatic_step_done_at = timezone.now()
        case.save(update_fields=["automatic_step_done_at"])
        step = case.procedure_obj.after_submission(case)
        if step is None:
            return None
        return _perform(case_id, step.transition, None, text=str(step.text),
                        data=dict(step.data), locked=case)


def automatic_steps_missing(since, until, limit):
    """Cases submitted in [since, until), still submitted, whose procedure's automatic step has
    not run (its task lost): for the sweep."""
    slugs = [procedure.slug for procedure in registry if procedure.has_automatic_step]
    return list(Case.objects.filter(
        procedure__in=slugs, status=S.SUBMITTED, automatic_step_done_at__isnull=True,
        submitted_at__gte=since, submitted_at__lt=until,
    ).order_by("submitted_at").values_list("pk", flat=True)[:limit])


def discard(case_id, actor):
    with transaction.atomic():
        return _perform(case_id, "discard", actor)


def withdraw(case_id, actor, *, text=""):
    with transaction.atomic():
        return _perform(case_id, "withdraw", actor, text=text)


def start_review(case_id, actor, *, expected_version=None):
    def assign_if_free(case, transition):
        if case.assigned_to_id is None:
            case.assigned_to = actor

    with transaction.atomic():
        return _perform(case_id, "start_review", actor, expected_version=expected_version,
                        before=assign_if_free)


def request_info(case_id, actor, *, text, expected_version=None):
    """The service's question is also the agent's message in the case's conversation."""
    from .models import Message

    with transaction.atomic():
        case = _perform(case_id, "request_info", actor, text=text,
                        expected_version=expected_version)
        Message.objects.create(case=case, author=actor, author_role=A.AGENT, body=text.strip())
        return case


def answer(case_id, actor, *, text):
    with transaction.atomic():
        return _perform(case_id, "answer", actor, text=text)


def accept(case_id, actor, *, text="", expected_version=None):
    with transaction.atomic():
        return _perform(case_id, "accept", actor, text=text, expected_version=expected_version)


def reject(case_id, actor, *, text, expected_version=None):
    with transaction.atomic():
        return _perform(case_id, "reject", actor, text=text, expected_version=expected_version)


def close(case_id, actor, *, text, expected_version=None):
    with transaction.atomic():
        return _perform(case_id, "close", actor, text=text, expected_version=expected_version)


def perform(case_id, name, actor, *, text="", data=None, expected_version=None):
    """A procedure's own transition (customs: control, release…), by name. `data`: the cleaned
    data of the transition's form (JSON values), given to its `apply` and kept in the event."""
    with transaction.atomic():
        return _perform(case_id, name, actor, text=text, data=data,
                        expected_version=expected_version)


def assign(case_id, actor, agent, *, expected_version=None):
    """Take a case (agent = actor) or, for a supervisor, give it to an agent of the service."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if expected_version is not None and case.version != expected_version:
            raise StaleCase()
        if not may_act(actor, case, A.AGENT) or not may_act(agent, case, A.AGENT):
            raise NotPermitted()
        is_supervisor = selectors.is_supervisor(actor, case.service_id)
        if case.state.kind != StateKind.OPEN:
            raise TransitionNotAllowed()
        taken_by_a_colleague = case.assigned_to_id not in (None, actor.pk)
        if (agent != actor or taken_by_a_colleague) and not is_supervisor:
            raise NotPermitted(
                _("Only a supervisor of the service may assign a case to someone else."))
        case.assigned_to = agent
        case.version += 1
        case.save(update_fields=["assigned_to", "version", "updated_at"])
        event = CaseEvent.objects.create(
            case=case, kind="assigned", actor=actor, actor_role=A.AGENT,
            from_status=case.status, to_status=case.status, data={"agent": agent.pk},
            case_version=case.version,
        )
        effects.schedule(event)
        return case


def post_message(case_id, actor, role, *, body, attachments=()):
    """A message in the conversation; a citizen's message answers a request for information."""
    from .models import Message

    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if not may_act(actor, case, role) or case.state.kind in NOT_FILED_KINDS:
            raise NotPermitted()
        body = body.strip()
        if not body:
            raise WorkflowError(_("The message is empty."))
        message = Message.objects.create(case=case, author=actor, author_role=role, body=body)
        for document in attachments:
            document.message = message
            document.case = case
            document.save(update_fields=["message", "case"])  # not its scan, maybe done since
        if role == A.CITIZEN and case.status == S.AWAITING_INFO:
            _perform(case_id, "answer", actor, text=body, data={"message": message.pk})
        else:
            case.version += 1
            case.save(update_fields=["version", "updated_at"])
            event = CaseEvent.objects.create(
                case=case, kind="message", actor=actor, actor_role=role,
                from_status=case.status, to_status=case.status, text=body,
                data={"message": message.pk}, case_version=case.version,
            )
            effects.schedule(event)
        return message
