"""Decisions by silence: for a procedure whose silence means acceptance (or rejection), a case
still open at the end of its due date is decided by the system through the workflow, with its
decision document (CRPA L231-1, L231-4). Idempotent: a case already decided is left alone, and
a second run finds nothing to do.

Only the engine's open states are decided by silence (submitted, in review, awaiting the
applicant: the sources of accept_by_silence); a procedure's own open state (a customs control
under way, a demo check) is its own course, which silence does not cut short. A crisis-aid
request waiting with its proposal is "submitted": decided by silence like any other, its
proposal then refused by a later bulk confirmation (the case is decided already)."""

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.wording import date_format
from procedures import workflow
from procedures.constants import CaseStatus, Silence, StateKind
from procedures.errors import StaleCase, TransitionNotAllowed
from procedures.language import language_of
from procedures.models import Case, ProcedureSettings
from procedures.transitions import TRANSITIONS

from .acknowledgement import silence_of

TRANSITION = {Silence.ACCEPTANCE: "accept_by_silence", Silence.REJECTION: "reject_by_silence"}


def due_cases(today=None):
    """Ids of the open cases whose due date is `today` or past, of procedures where silence
    decides."""
    today = today or timezone.localdate()
    rules = {slug: rule for slug, rule in ProcedureSettings.silence_rules().items()
             if rule.meaning in TRANSITION}
    sources = set(TRANSITIONS["accept_by_silence"].sources)
    # While the service awaits the applicant, a suspended delay does not run out.
    suspended = Q(status=CaseStatus.AWAITING_INFO,
                  procedure__in=[slug for slug, rule in rules.items() if rule.suspends_delay])
    return list(Case.objects.filter(procedure__in=list(rules),
                                    status_kind=StateKind.OPEN, status__in=sources,
                                    due_at__lte=today).exclude(suspended)
                .order_by("due_at", "pk").values_list("pk", flat=True))


def decide(case_id, today=None):
    """Decide case `case_id` by silence if it is still due; True if it was decided now."""
    today = today or timezone.localdate()
    case = Case.objects.select_related("applicant__notification_preference").get(pk=case_id)
    rule = silence_of(case.procedure_obj)
    silence = rule.meaning
    if silence not in TRANSITION or case.due_at is None or case.due_at > today:
        return False
    if case.status == CaseStatus.AWAITING_INFO and rule.suspends_delay:
        return False
    try:
        workflow.perform(case.pk, TRANSITION[silence], None, text=motivation(case, silence),
                         data={"due_at": case.due_at.isoformat()},
                         expected_version=case.version)
    except (TransitionNotAllowed, StaleCase):
        return False  # decided (or changed) meanwhile: nothing to do
    return True


def motivation(case, silence):
    """The decision's reasons, in the applicant's language (they are printed on it)."""
    with translation.override(language_of(case.applicant)):
        due = date_format(case.due_at)
        if silence == Silence.ACCEPTANCE:
            return _("Accepted by silence on %(date)s: no decision was taken by the due date, "
                     "and for this procedure silence means acceptance (article L231-1 of the "
                     "Code des relations entre le public et l’administration). You may ask "
                     "the service for a certificate of this acceptance.") % {"date": due}
        return _("Rejected by silence on %(date)s: no decision was taken by the due date, and "
                 "for this procedure silence means rejection. You may ask the service for "
                 "its reasons within two months (article L232-4 of the Code des relations "
                 "entre le public et l’administration).") % {"date": due}
