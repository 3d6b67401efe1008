from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseStatus(models.TextChoices):
    """The engine's states (their labels and kinds: procedures/transitions.py, STATES)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    AWAITING_INFO = "awaiting_info"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    DISCARDED = "discarded"


class StateKind(models.TextChoices):
    """What a state is, for queues, counts, indicators and constraints. A procedure's own
    states are open or one of the three outcomes; the others are the engine's."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DISCARDED = "discarded", _("Discarded draft")


K = StateKind
DECIDED_KINDS = (K.ACCEPTED, K.REJECTED, K.CLOSED)  # an outcome: a decision document
FINAL_KINDS = (*DECIDED_KINDS, K.WITHDRAWN, K.DISCARDED)  # nothing left to do
NOT_FILED_KINDS = (K.DRAFT, K.DISCARDED)  # never seen by an agent
PROCEDURE_KINDS = (K.OPEN, *DECIDED_KINDS)  # what a procedure's own state may be


class Tier(models.TextChoices):
    """Who of a service may perform an agent action."""

    AGENT = "agent", _("Agent")
    SUPERVISOR = "supervisor", _("Supervisor")


class Audience(models.TextChoices):
    CITIZEN = "citizen", _("Citizens")
    COMPANY = "company", _("Companies")
    BOTH = "both", _("Citizens and companies")


class ActorRole(models.TextChoices):
    CITIZEN = "citizen", _("Applicant")
    AGENT = "agent", _("Agent")
    SYSTEM = "system", _("System")


class DocumentKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    DECISION = "decision", _("Decision")
    ATTACHMENT = "attachment", _("Supporting document")


class ScanStatus(models.TextChoices):
    """Where a document is in the antivirus check (procedures/antivirus.py): only a clean one
    can be opened. The documents the guichet renders itself are clean from the start."""

    PENDING = "pending", pgettext_lazy("antivirus", "Being checked")
    CLEAN = "clean", pgettext_lazy("antivirus", "Checked")
    INFECTED = "infected", pgettext_lazy("antivirus", "Virus found: deleted")


class Silence(models.TextChoices):
    """What the administration's silence means once the due date has passed (Code des
    relations entre le public et l'administration, L231-1 and L231-4): the request is deemed
    accepted, deemed rejected, or silence decides nothing."""

    ACCEPTANCE = "acceptance", _("deemed accepted")
    REJECTION = "rejection", _("deemed rejected")
    NOTHING = "nothing", _("no implicit decision")


class DelayUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar", _("calendar days")
    WORKING_DAYS = "working", _("working days")
