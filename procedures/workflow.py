"""The only way a case changes state: one function per transition.

Each locks the case row, checks the transition table and the actor's right, writes the
CaseEvent in the same transaction, bumps the version and schedules the side effects (documents,
notifications) with `transaction.on_commit`.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import effects, references
from .calendar import due_date
from .constants import DECIDED_STATUSES, FINAL_STATUSES, ActorRole, CaseStatus
from .errors import IncompleteCase, NotPermitted, StaleCase, TransitionNotAllowed, WorkflowError
from .models import Case, CaseEvent
from .registry import Transition

S = CaseStatus
A = ActorRole

TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", (S.DRAFT,), S.SUBMITTED, A.CITIZEN, _("Submit")),
        Transition("discard", (S.DRAFT,), S.DISCARDED, A.CITIZEN, _("Discard the draft")),
        Transition("withdraw", (S.SUBMITTED,), S.WITHDRAWN, A.CITIZEN, _("Withdraw")),
        Transition("start_review", (S.SUBMITTED,), S.IN_REVIEW, A.AGENT, _("Start review")),
        Transition("request_info", (S.IN_REVIEW,), S.AWAITING_INFO, A.AGENT,
                   _("Request information"), needs_text=True),
        Transition("answer", (S.AWAITING_INFO,), S.IN_REVIEW, A.CITIZEN, _("Answer"),
                   needs_text=True),
        Transition("accept", (S.IN_REVIEW,), S.ACCEPTED, A.AGENT, _("Accept")),
        Transition("reject", (S.IN_REVIEW,), S.REJECTED, A.AGENT, _("Reject"), needs_text=True),
        Transition("close", (S.IN_REVIEW, S.AWAITING_INFO), S.CLOSED, A.AGENT,
                   _("Close without decision"), needs_text=True),
    )
}


def transitions_for(case):
    """The base table plus the procedure's own transitions (which may override a base one)."""
    table = dict(TRANSITIONS)
    table.update({t.name: t for t in case.procedure_obj.extra_transitions})
    return table


def may_act(user, case, role):
    if role == A.CITIZEN:
        return case.applicant_id == user.pk
    if role == A.AGENT:
        return user.is_superuser or (
            user.is_staff and user.memberships.filter(service_id=case.service_id).exists()
        )
    return False


def available_transitions(case, user, role):
    """The transitions `user` may perform now, for buttons."""
    if not may_act(user, case, role):
        return []
    return [
        t for t in transitions_for(case).values()
        if t.actor == role and case.status in t.sources
    ]


def _perform(case_id, name, actor, *, text="", data=None, expected_version=None, before=None,
             locked=None):
    """Lock, check, change, record. `before(case, transition)` may change fields first.
    `locked`: the case, already locked in this transaction by the caller."""
    case = locked or Case.objects.select_for_update().get(pk=case_id)
    transition = transitions_for(case).get(name)
    if transition is None:
        raise TransitionNotAllowed()
    if actor is not None and not may_act(actor, case, transition.actor):
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
    case.status = transition.target
    if transition.target in DECIDED_STATUSES:
        case.decided_at = timezone.now()
    case.version += 1
    case.save()
    event = CaseEvent.objects.create(
        case=case, kind=name, actor=actor, actor_role=transition.actor if actor else A.SYSTEM,
        from_status=from_status, to_status=case.status, text=text, data=data or {},
        case_version=case.version,
    )
    effects.schedule(event)
    return case


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
        procedure = case.procedure_obj
        forms = procedure.bound_forms(case.answers)
        errors = procedure.check(case.answers, forms)
        if errors:
            raise IncompleteCase(errors)

        def stamp(case, transition):
            now = timezone.now()
            case.submitted_at = now
            case.reference = references.new_reference(procedure.reference_prefix, now.year)
            case.due_at = due_date(timezone.localdate(now), procedure.delay, procedure.delay_unit)
            case.procedure_version = procedure.version
            case.answers = procedure.kept_answers(case.answers, forms)
            case.computed = procedure.compute(case)

        return _perform(case_id, "submit", actor, before=stamp, locked=case)


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
    with transaction.atomic():
        return _perform(case_id, "request_info", actor, text=text,
                        expected_version=expected_version)


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
    """A procedure's own transition (customs: control, release…), by name."""
    with transaction.atomic():
        return _perform(case_id, name, actor, text=text, data=data,
                        expected_version=expected_version)


def assign(case_id, actor, agent, *, expected_version=None):
    """Take a case (agent = actor) or, for a supervisor, give it to an agent of the service."""
    from accounts.constants import MembershipRole

    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if expected_version is not None and case.version != expected_version:
            raise StaleCase()
        if not may_act(actor, case, A.AGENT) or not may_act(agent, case, A.AGENT):
            raise NotPermitted()
        is_supervisor = actor.is_superuser or actor.memberships.filter(
            service_id=case.service_id, role=MembershipRole.SUPERVISOR).exists()
        if case.status in FINAL_STATUSES or case.status == S.DRAFT:
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
        if not may_act(actor, case, role) or case.status in (S.DRAFT, S.DISCARDED):
            raise NotPermitted()
        body = body.strip()
        if not body:
            raise WorkflowError(_("The message is empty."))
        message = Message.objects.create(case=case, author=actor, author_role=role, body=body)
        for document in attachments:
            document.message = message
            document.case = case
            document.save()
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
