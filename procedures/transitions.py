"""The states of a case and the transitions between them, as data.

The engine's table is below; a procedure adds its own with `Procedure.extra_states` and
`Procedure.extra_transitions` (it may not replace the engine's: the registry refuses it). Every
state has a *kind*: the queues, the overdue flag, the counts, the indicators and the database
constraints read the kind, never a list of status names."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .constants import DECIDED_KINDS, FINAL_KINDS, ActorRole, CaseStatus, StateKind, Tier

Label = str | Promise


@dataclass(frozen=True)
class State:
    """A status a case may be in. `kind`: open, or the outcome it counts as (accepted, rejected,
    closed); `agent_label`: how agents read it, where it differs from the applicant's."""

    name: str
    label: Label
    kind: str = StateKind.OPEN
    agent_label: Label | None = None

    @property
    def decided(self):
        return self.kind in DECIDED_KINDS

    @property
    def final(self):
        return self.kind in FINAL_KINDS

    def label_for(self, *, agent=False):
        return str(self.agent_label if agent and self.agent_label else self.label)


# apply(case, cleaned_data, actor): changes the case (answers, computed…) under the lock, before
# the event is written; the case is saved by the workflow afterwards.
Apply = Callable[[Any, Mapping[str, Any], Any], None]


@dataclass(frozen=True)
class Transition:
    """An action moving a case from one of `sources` to `target`.

    `label`: the verb on its button; `event_label`: its event in a timeline, as a person names it
    (none: the label of the state it leads to); `form_class`: a form the agent fills in for it
    (its cleaned data goes to `apply`, then into the event); `tier`: "supervisor" reserves it to
    the service's supervisors."""

    name: str
    sources: tuple[str, ...]
    target: str
    actor: str  # ActorRole
    label: Label = ""
    needs_text: bool = False  # a motivation or a message is required
    form_class: type[forms.Form] | None = None
    apply: Apply | None = None
    tier: str = Tier.AGENT
    event_label: Label = ""


@dataclass(frozen=True)
class AutomaticStep:
    """What the system does right after a submission (Procedure.after_submission): perform
    `transition` with `text` (the motivation the applicant reads) and `data` (kept in the
    event)."""

    transition: str
    text: Label = ""
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


S, K, A = CaseStatus, StateKind, ActorRole

STATES = MappingProxyType({s.name: s for s in (
    State(S.DRAFT, _("Draft"), K.DRAFT),
    State(S.SUBMITTED, _("Submitted")),
    State(S.IN_REVIEW, _("In review")),
    State(S.AWAITING_INFO, _("Awaiting your answer"), agent_label=_("Awaiting the applicant")),
    State(S.ACCEPTED, _("Accepted"), K.ACCEPTED),
    State(S.REJECTED, _("Rejected"), K.REJECTED),
    State(S.CLOSED, _("Closed"), K.CLOSED),
    State(S.WITHDRAWN, _("Withdrawn"), K.WITHDRAWN),
    State(S.DISCARDED, _("Discarded draft"), K.DISCARDED),
)})

TRANSITIONS = MappingProxyType({t.name: t for t in (
    Transition("submit", (S.DRAFT,), S.SUBMITTED, A.CITIZEN, _("Submit"),
               event_label=_("Request submitted")),
    Transition("discard", (S.DRAFT,), S.DISCARDED, A.CITIZEN, _("Discard the draft"),
               event_label=_("Draft deleted")),
    Transition("withdraw", (S.SUBMITTED,), S.WITHDRAWN, A.CITIZEN, _("Withdraw"),
               event_label=_("Request withdrawn")),
    Transition("start_review", (S.SUBMITTED,), S.IN_REVIEW, A.AGENT, _("Start review"),
               event_label=_("Review started")),
    Transition("request_info", (S.IN_REVIEW,), S.AWAITING_INFO, A.AGENT,
               _("Request information"), needs_text=True,
               event_label=_("Information requested")),
    Transition("answer", (S.AWAITING_INFO,), S.IN_REVIEW, A.CITIZEN, _("Answer"),
               needs_text=True, event_label=_("The applicant answered")),
    Transition("accept", (S.IN_REVIEW,), S.ACCEPTED, A.AGENT, _("Accept"),
               event_label=_("Request accepted")),
    Transition("reject", (S.IN_REVIEW,), S.REJECTED, A.AGENT, _("Reject"), needs_text=True,
               event_label=_("Request rejected")),
    Transition("close", (S.IN_REVIEW, S.AWAITING_INFO), S.CLOSED, A.AGENT,
               _("Close without decision"), needs_text=True, event_label=_("Case closed")),
    # At the due date, for a procedure whose silence means acceptance or rejection
    # (Procedure.silence): performed by the system, see quality/silence.py.
    Transition("accept_by_silence", (S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO), S.ACCEPTED,
               A.SYSTEM, _("Accepted by silence"), needs_text=True,
               event_label=_("Request accepted by silence")),
    Transition("reject_by_silence", (S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO), S.REJECTED,
               A.SYSTEM, _("Rejected by silence"), needs_text=True,
               event_label=_("Request rejected by silence")),
)})


def states_of(procedure):
    """{name: State}: the engine's states and the procedure's own."""
    if procedure is None:
        return dict(STATES)
    return {**STATES, **{s.name: s for s in procedure.extra_states}}


def transitions_of(procedure):
    """{name: Transition}: the engine's transitions and the procedure's own."""
    if procedure is None:
        return dict(TRANSITIONS)
    return {**TRANSITIONS, **{t.name: t for t in procedure.extra_transitions}}


def state_of(procedure, status):
    """The State named `status` (an unknown name: an open state labelled by its name)."""
    return states_of(procedure).get(status) or State(status, status)


def event_label(procedure, transition_name, *, agent=False):
    """How a timeline names the event of `transition_name`: "Request submitted", not "Submit"."""
    transition = transitions_of(procedure).get(transition_name)
    if transition is None:
        return transition_name
    if transition.event_label:
        return str(transition.event_label)
    return status_label(procedure, transition.target, agent=agent)


def status_label(procedure, status, *, agent=False):
    return state_of(procedure, status).label_for(agent=agent)


def statuses_of_kind(*kinds):
    """The status names of these kinds, over the engine and every registered procedure: for
    queries over events, which store a status name only."""
    from .registry import registry

    names = {s.name for s in STATES.values() if s.kind in kinds}
    for procedure in registry:
        names.update(s.name for s in procedure.extra_states if s.kind in kinds)
    return sorted(names)
