"""The procedure plug-in API: a procedure is a `Procedure` subclass registered from its app's
`AppConfig.ready()` with `registry.register`. Everything else (engine, catalogue, "Mon espace",
admin, receipts, notifications) finds it through `registry`."""

from collections.abc import Mapping
from contextlib import contextmanager
from types import MappingProxyType

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from .constants import Audience, DelayUnit, Silence
from .steps import FormsetStep, Step
from .transitions import STATES, TRANSITIONS, AutomaticStep, State, Transition

__all__ = ["AutomaticStep", "FormsetStep", "Procedure", "Registry", "State", "Step",
           "Transition", "registry"]


class Procedure:
    """Base class: declare a procedure as data, override the hooks that need code."""

    slug: str
    title: str | Promise
    summary: str | Promise
    audience: str = Audience.CITIZEN
    service_code: str
    # The kind of service (accounts.constants.ServiceKind) whose services all handle it, for a
    # procedure routed among them (`route`): their agents get its columns and filters.
    service_kind: str = ""
    steps: list[Step]
    # Defaults of its ProcedureSettings (what administrators change in the admin): read
    # `procedure.settings`, not these.
    is_open: bool = True
    delay: int = 30
    delay_unit: str = DelayUnit.CALENDAR_DAYS
    # What silence means at the due date (constants.Silence), printed on the receipt; with
    # acceptance or rejection the system decides the cases still open then (quality.silence).
    # And whether awaiting the applicant's answer suspends the delay (the due date moves by
    # that time). Both are the defaults of its settings: read silence_rule(slug), not these.
    silence: str = Silence.NOTHING
    awaiting_info_suspends_delay: bool = False
    reference_prefix: str
    version: int = 1
    what_to_prepare: tuple = ()
    extra_states: tuple[State, ...] = ()  # its own states (customs: control, released…)
    extra_transitions: tuple[Transition, ...] = ()  # its own actions (never the engine's)
    listed: bool = True  # shown in the public catalogue
    # The back office, when the queue shows this procedure's cases alone: admin display
    # functions of a case (reading what queue_queryset annotates) and SimpleListFilter classes.
    queue_columns: tuple = ()
    queue_filters: tuple = ()
    bulk_decisions: bool = False  # agents may decide a selection of its cases at once
    # "step.field" → a fact the administration holds (procedures.held_data.FACTS): prefilled
    # when the guichet can read it, counted on the procedure's page when it cannot.
    held_data: Mapping[str, str] = MappingProxyType({})
    retention_days: int | None = None  # finished cases' data kept; None: CASE_RETENTION_DAYS

    @property
    def settings(self):
        """Its ProcedureSettings now (one query)."""
        from .models import ProcedureSettings

        return ProcedureSettings.for_procedure(self.slug)

    def step(self, name):
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(name)

    def step_names(self):
        return [step.name for step in self.steps]

    def applicable_steps(self, answers):
        """The steps that apply to these answers, in order: each step's condition sees the
        answers of the earlier steps that apply (a step that stopped applying is not seen)."""
        applicable, earlier = [], {}
        for step in self.steps:
            if step.applies(earlier):
                applicable.append(step)
                if step.name in answers:
                    earlier[step.name] = answers[step.name]
        return applicable

    def prefill(self, step_name, *, user, company, answers):
        """What a step shows before it is answered (from the profile, the company, the earlier
        answers): a dict, or a list of row dicts for a FormsetStep. Saved answers win, field by
        field."""
        return {}

    def form_kwargs(self, step_name, answers):
        """Extra keyword arguments for a step's form, e.g. choices from earlier answers."""
        return {}

    def bound_form(self, step_name, answers):
        """The step's form (or formset) bound to its stored answers."""
        return self.step(step_name).bound(answers.get(step_name),
                                          self.form_kwargs(step_name, answers))

    def bound_forms(self, answers):
        return {step.name: self.bound_form(step.name, answers)
                for step in self.applicable_steps(answers)}

    def summarise(self, answers):
        """[Section(step, [(label, display value), …], table), …] for the steps that apply,
        a repeatable block as a table: the review page, the receipt and the agents' view."""
        sections = []
        for step in self.applicable_steps(answers):
            if step.name in answers:
                bound = self.bound_form(step.name, answers)
                bound.is_valid()
                sections.append(step.section(bound, answers[step.name]))
        return sections

    def check(self, answers, forms=None):
        """{step name: [messages]} for the steps that apply whose answers are missing or
        invalid, each message naming its field; then the cross-step validation. `forms`:
        bound_forms(answers) when the caller has them already."""
        forms = forms or self.bound_forms(answers)
        errors = {step.name: step.messages(forms[step.name])
                  for step in self.applicable_steps(answers) if not forms[step.name].is_valid()}
        return errors or self.validate(answers)

    def kept_answers(self, answers, forms=None):
        """The answers of the steps that apply, to the fields each asks now: a step that stopped
        applying is dropped, and so is a field an earlier change made irrelevant."""
        forms = forms or self.bound_forms(answers)
        return {step.name: step.kept(forms[step.name], answers[step.name])
                for step in self.applicable_steps(answers) if step.name in answers}

    def action_form_kwargs(self, transition_name, case):
        """Keyword arguments for the form of one of its agent actions (Transition.form_class),
        e.g. {"initial": the values to correct}."""
        return {}

    def validate(self, answers):
        """Cross-step validation before submission: {step name: [messages]} (empty if fine)."""
        return {}

    def compute(self, answers):
        """Values computed from the answers (a tax estimate, an aid amount…): JSON values,
        money as strings of Decimal. Shown on the review page, stored on the case at
        submission, printed on the receipt."""
        return {}

    def after_submission(self, case) -> AutomaticStep | None:
        """What the system does right after the submission (a green lane released, a proposal
        made), or None. Called once per case, by a task, with the case locked; the returned
        step is performed by the system actor and recorded in the history."""
        return None

    @property
    def has_automatic_step(self):
        return type(self).after_submission is not Procedure.after_submission

    def computed_summary(self, computed):
        """[(label, display value), …] for the computed values (money with money())."""
        return []

    def route(self, answers):
        """The code of the service that handles a case with these answers (the town hall of
        the place of the event…), or None for `service_code`. A code the guichet has no
        service for falls back to `service_code`."""
        return None

    # Its own notification kinds → their e-mail subject (with %(reference)s); their templates
    # are emails/<slug>/<kind>.txt and .html (a kind of the engine's may have a template of
    # the procedure's there too: it wins over emails/<kind>.*).
    notification_subjects: Mapping[str, str | Promise] = MappingProxyType({})
    notified_events: tuple[str, ...] = ()  # its event kinds `notifications` plans for

    def notifications(self, event):
        """[(kind, recipient), …] for `event`, or None for the engine's plan
        (procedures/notifications.py). Called for the engine's notifying events, decisions
        and `notified_events`."""
        return None

    def receipt_details(self, case):
        """What this procedure adds to the receipt, after the summary: None, or
        {"template": name, "context": {…}} as for decision_details."""
        return None

    def document_facts(self, case):
        """What the public verification page adds about this case's documents, after the
        procedure and the decision: [(label, value), …] (the civil-status certificate's kind)."""
        return []

    def queue_queryset(self, cases):
        """The agents' queue of cases, with what its queue_columns read (annotations)."""
        return cases

    def admin_panel(self, case):
        """A panel of its own on the agents' case page: None, or {"template": name, "context":
        {…}} (rendered with `case` too)."""
        return None

    def decision_details(self, case, event):
        """What this procedure adds to the decision document of `event` (an event moving the
        case to accepted, rejected or closed), after the engine's letter (decision, reasons,
        author, appeal routes): None, or {"template": name, "context": {…}}.

        The template is rendered into the decision PDF (documents.render_decision_pdf) with
        `case`, `procedure` and `event` plus the given context, in the applicant's language. It
        is plain HTML for WeasyPrint, styled by templates/pdf/print.css; it may bring a small
        <style> of its own and start its own page (`break-before: page`); no external resource
        (images as data: URLs). Example: the civil-status certificate; pdf/details_table.html
        renders {"title": …, "rows": [(label, value), …]}."""
        return None

    def seed_demo(self, people):
        """Create this procedure's demo cases, idempotently (`manage.py seed_demo`); `people`
        is what accounts.demo.seed_people returns."""


class Registry:
    def __init__(self):
        self._procedures = {}

    def register(self, procedure_class):
        """Register a Procedure subclass (usable as a class decorator). The rest of what is
        checked (prefix, steps, states, service) is in procedures/checks.py."""
        procedure = procedure_class()
        if procedure.slug in self._procedures:
            raise ImproperlyConfigured(f"Two procedures use the slug {procedure.slug!r}.")
        overridden = sorted({t.name for t in procedure.extra_transitions} & set(TRANSITIONS)
                            | {s.name for s in procedure.extra_states} & set(STATES))
        if overridden:
            raise ImproperlyConfigured(
                f"{procedure.slug}: {', '.join(overridden)} belong to the engine; give the "
                "procedure's own states and transitions names of their own.")
        self._procedures[procedure.slug] = procedure
        return procedure_class

    @contextmanager
    def override(self, *procedure_classes):
        """Register these procedures for the duration of a `with` block (replacing any with the
        same slug), then put the registry back as it was: for tests (see the fixture
        `registered` in tests/conftest.py)."""
        saved = dict(self._procedures)
        try:
            for procedure_class in procedure_classes:
                self._procedures.pop(procedure_class.slug, None)
                self.register(procedure_class)
            yield [self[p.slug] for p in procedure_classes]
        finally:
            self._procedures.clear()
            self._procedures.update(saved)

    def __getitem__(self, slug):
        return self._procedures[slug]

    def __contains__(self, slug):
        return slug in self._procedures

    def __iter__(self):
        return iter(self._procedures.values())

    def get(self, slug):
        return self._procedures.get(slug)

    def choices(self):
        return [(p.slug, p.title) for p in self]


registry = Registry()
