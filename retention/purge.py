"""Retention: drafts untouched for settings.DRAFT_RETENTION_DAYS are deleted, and the documents
and personal data of cases finished for their procedure's `retention_days` are purged; in both
cases the applicant is warned settings.RETENTION_WARNING_DAYS before, nothing is touched while
a legal hold stands, and each deletion or purge leaves a PurgeRecord. What a purged case keeps:
its reference, procedure, service, status and dates (the history and the indicators)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from procedures.constants import FINAL_KINDS, StateKind
from procedures.models import Case, Document, Message
from procedures.registry import registry

from .models import LegalHold, Notice, PurgeRecord, RetentionNotice


@dataclass
class Report:
    warned: list = field(default_factory=list)  # (notice kind, case)
    deleted: list = field(default_factory=list)  # drafts
    purged: list = field(default_factory=list)  # finished cases


def _not_held(cases):
    held = LegalHold.objects.filter(case=OuterRef("pk"), lifted_at__isnull=True)
    return cases.exclude(Exists(held))


def _case_notice(**filters):
    return Exists(RetentionNotice.objects.filter(case=OuterRef("pk"), kind=Notice.CASE,
                                                 **filters))


def _retention(slug):
    procedure = registry.get(slug)
    return getattr(procedure, "retention_days", None) or settings.CASE_RETENTION_DAYS


def run(now=None, dry_run=False):
    """Warn, delete and purge what is due at `now`; with dry_run, only say what would be."""
    now = now or timezone.now()
    warning = timedelta(days=settings.RETENTION_WARNING_DAYS)
    report = Report()

    # Drafts. A warning counts only if the draft was not touched since (updated_at).
    drafts = _not_held(Case.objects.filter(status_kind__in=[StateKind.DRAFT,
                                                            StateKind.DISCARDED]))
    limit = now - timedelta(days=settings.DRAFT_RETENTION_DAYS)
    warned = Exists(RetentionNotice.objects.filter(
        case=OuterRef("pk"), kind=Notice.DRAFT, warned_at__gt=OuterRef("updated_at"),
        warned_at__lte=now - warning))
    for case in drafts.filter(updated_at__lt=limit).filter(
            Q(status_kind=StateKind.DISCARDED) | warned).select_related("applicant"):
        report.deleted.append(case)
        if not dry_run:
            _delete_draft(case)
    to_warn = drafts.filter(status_kind=StateKind.DRAFT, updated_at__lt=limit + warning).exclude(
        Exists(RetentionNotice.objects.filter(case=OuterRef("pk"), kind=Notice.DRAFT,
                                              warned_at__gt=OuterRef("updated_at"))))
    for case in to_warn.select_related("applicant"):
        report.warned.append((Notice.DRAFT, case))
        if not dry_run:
            _warn(case, Notice.DRAFT, now, case.updated_at + timedelta(
                days=settings.DRAFT_RETENTION_DAYS))

    # Finished cases, per procedure (each its own retention period).
    purged = PurgeRecord.objects.filter(case_public_id=OuterRef("public_id"),
                                        action=PurgeRecord.Action.CASE_PURGED)
    finished = _not_held(Case.objects.filter(status_kind__in=FINAL_KINDS)
                         .exclude(status_kind=StateKind.DISCARDED).exclude(Exists(purged))
                         .annotate(ended=Coalesce("decided_at", "updated_at")))
    for slug in finished.values_list("procedure", flat=True).distinct():
        days = _retention(slug)
        ended_before = now - timedelta(days=days)
        cases = finished.filter(procedure=slug).select_related("applicant")
        for case in cases.filter(ended__lt=ended_before).filter(
                _case_notice(warned_at__lte=now - warning)):
            report.purged.append(case)
            if not dry_run:
                purge_case(case, days)
        for case in cases.filter(ended__lt=ended_before + warning).exclude(_case_notice()):
            report.warned.append((Notice.CASE, case))
            if not dry_run:
                _warn(case, Notice.CASE, now, case.ended + timedelta(days=days))
    return report


def _warn(case, kind, now, on):
    """E-mail the applicant, then record the warning (a failed e-mail is tried again next run)."""
    context = {"case": case, "user": case.applicant, "on": on,
               "url": settings.SITE_URL + reverse("procedures:my_space")}
    with translation.override(getattr(case.applicant, "language", None) or settings.LANGUAGE_CODE):
        subject = render_to_string(f"retention/{kind}_warning_subject.txt", context)
        body = render_to_string(f"retention/{kind}_warning_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [case.applicant.email])
    RetentionNotice.objects.update_or_create(case=case, kind=kind, defaults={"warned_at": now})


def _delete_files(documents):
    count = 0
    for document in documents:
        document.file.delete(save=False)
        count += 1
    return count


def _delete_draft(case):
    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(
            pk=case.pk, status_kind__in=[StateKind.DRAFT, StateKind.DISCARDED]).first()
        if locked is None or LegalHold.objects.filter(case=case, lifted_at__isnull=True).exists():
            return
        documents = _delete_files(Document.objects.filter(case=case))
        PurgeRecord.objects.create(
            action=PurgeRecord.Action.DRAFT_DELETED, case_public_id=case.public_id,
            procedure=case.procedure, retention_days=settings.DRAFT_RETENTION_DAYS,
            documents=documents)
        locked.delete()


def purge_case(case, days):
    """Delete the case's documents (files and rows), empty its messages, its answers and its
    computed values; keep the case row, its history and a record of the purge."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if LegalHold.objects.filter(case=case, lifted_at__isnull=True).exists():
            return
        documents = Document.objects.filter(case=locked)
        count = _delete_files(documents)
        documents.delete()
        messages = Message.objects.filter(case=locked).update(body="")
        Case.objects.filter(pk=locked.pk).update(answers={}, computed={})
        PurgeRecord.objects.create(
            action=PurgeRecord.Action.CASE_PURGED, case_public_id=locked.public_id,
            reference=locked.reference or "", procedure=locked.procedure, retention_days=days,
            documents=count, messages=messages)
