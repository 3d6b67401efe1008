"""What the acknowledgement of receipt says (Code des relations entre le public et
l'administration, R112-5): the date of receipt, the due date and what silence then means for
the procedure, the service in charge and how to reach it, and the appeal routes (or, for an
acceptance by silence, the right to a certificate of it, L232-3)."""

from dataclasses import dataclass

from procedures.constants import Silence
from procedures.models.settings import silence_rule


@dataclass(frozen=True)
class Acknowledgement:
    case: object
    silence: str
    suspends: bool

    @property
    def accepts(self):
        return self.silence == Silence.ACCEPTANCE

    @property
    def rejects(self):
        return self.silence == Silence.REJECTION


def acknowledgement(case, settings=None):
    """`settings`: the procedure's ProcedureSettings when the caller has read them already."""
    rule = settings.silence_rule() if settings else silence_of(case.procedure_obj)
    return Acknowledgement(case, rule.meaning, rule.suspends_delay)


def silence_of(procedure):
    """Its SilenceRule: declared by the procedure, changed in its settings."""
    return silence_rule(procedure.slug)
