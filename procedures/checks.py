"""The registration checks of the procedures, as Django system checks (`manage.py check`, run
by `make check`, the test runner and `migrate`): a procedure that breaks one does not start."""

import re

from django.core import checks
from django.db import DatabaseError

from .constants import PROCEDURE_KINDS
from .registry import registry
from .transitions import states_of

PREFIX = re.compile(r"[A-Z]{2,5}")  # references read PREFIX-YEAR-NUMBER (admin/case.py)


@checks.register()
def check_procedures(app_configs=None, **kwargs):
    errors = []
    kinds = {}
    for procedure in registry:
        def error(message, number, procedure=procedure):
            errors.append(checks.Error(f"{procedure.slug}: {message}", obj=type(procedure),
                                       id=f"procedures.E{number:03d}"))

        if not PREFIX.fullmatch(getattr(procedure, "reference_prefix", "") or ""):
            error("reference_prefix must be 2 to 5 capital letters.", 1)
        names = [step.name for step in procedure.steps]
        if len(names) != len(set(names)):
            error(f"two steps share a name: {names}.", 2)
        states = states_of(procedure)
        for state in procedure.extra_states:
            if state.kind not in PROCEDURE_KINDS:
                error(f"state {state.name!r} has kind {state.kind!r}; a procedure's own "
                      f"states are one of {', '.join(PROCEDURE_KINDS)}.", 3)
            if kinds.setdefault(state.name, state.kind) != state.kind:
                error(f"state {state.name!r} has another kind in another procedure.", 4)
        for transition in procedure.extra_transitions:
            unknown = [s for s in (*transition.sources, transition.target) if s not in states]
            if unknown:
                error(f"transition {transition.name!r} uses undeclared states {unknown}; "
                      "declare them in extra_states.", 5)
        if not getattr(procedure, "service_code", ""):
            error("service_code is missing.", 6)
    return errors


@checks.register(checks.Tags.database)
def check_services(app_configs=None, databases=None, **kwargs):
    """Each procedure's service exists (`manage.py check --database default`, and `migrate`)."""
    if not databases:
        return []
    from accounts.models import Service

    try:
        known = set(Service.objects.values_list("code", flat=True))
    except DatabaseError:  # `migrate` on a new database checks before it creates the table
        return []
    return [checks.Warning(f"{p.slug}: no service with the code {p.service_code!r} yet; the "
                           "procedure cannot be started until an administrator creates it.",
                           obj=type(p), id="procedures.W001")
            for p in registry if p.service_code not in known]
