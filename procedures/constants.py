from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    AWAITING_INFO = "awaiting_info", _("Awaiting your answer")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DISCARDED = "discarded", _("Discarded draft")


DECIDED_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.REJECTED, CaseStatus.CLOSED)
FINAL_STATUSES = (*DECIDED_STATUSES, CaseStatus.WITHDRAWN, CaseStatus.DISCARDED)
NOT_FILED = (CaseStatus.DRAFT, CaseStatus.DISCARDED)


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


class DelayUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar", _("calendar days")
    WORKING_DAYS = "working", _("working days")
