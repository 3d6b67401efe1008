"""Names the back office shows for procedures and statuses (a procedure may add states)."""

from django.utils.translation import gettext_lazy as _

from ..constants import NOT_FILED, CaseStatus
from ..registry import registry

# CaseStatus labels speak to the applicant; agents read these where they differ.
AGENT_LABELS = {CaseStatus.AWAITING_INFO: _("Awaiting the applicant")}


def procedure_title(slug):
    procedure = registry.get(slug)
    return str(procedure.title) if procedure else slug


def status_label(slug, status):
    if status in AGENT_LABELS:
        return str(AGENT_LABELS[status])
    if status in CaseStatus.values:
        return str(CaseStatus(status).label)
    procedure = registry.get(slug)
    return str(procedure.extra_states.get(status, status)) if procedure else status


def procedures_of(services):
    """The registered procedures handled by these services, by title."""
    codes = {service.code for service in services}
    return sorted((p for p in registry if p.service_code in codes), key=lambda p: str(p.title))


def status_choices(procedures):
    """(status, label) for the filters: the engine's, then the procedures' own."""
    choices = [(s.value, status_label("", s.value)) for s in CaseStatus if s not in NOT_FILED]
    for procedure in procedures:
        for status, label in procedure.extra_states.items():
            if status not in dict(choices):
                choices.append((status, str(label)))
    return choices
