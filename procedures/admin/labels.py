"""Names the back office shows for procedures and statuses (a procedure may add states)."""

from ..constants import NOT_FILED_KINDS
from ..registry import registry
from ..transitions import states_of
from ..transitions import status_label as label_of


def procedure_title(slug):
    procedure = registry.get(slug)
    return str(procedure.title) if procedure else slug


def status_label(slug, status):
    """As agents read it (the State's agent label, where it has one)."""
    return label_of(registry.get(slug), status, agent=True)


def status_choices(procedures):
    """(status, label) for the filters: the engine's, then the procedures' own."""
    choices = {}
    for procedure in (None, *procedures):
        for state in states_of(procedure).values():
            if state.kind not in NOT_FILED_KINDS:
                choices.setdefault(state.name, state.label_for(agent=True))
    return list(choices.items())
