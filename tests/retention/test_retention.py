"""Retention with the clock moved forward: drafts warned then deleted, finished cases warned
then purged, a record kept, nothing touched under a legal hold."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from procedures.constants import DocumentKind
from procedures.models import Case, Document, Message
from retention import purge
from retention.models import LegalHold, PurgeRecord
from tests.procedures.factories import CaseFactory

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def attach(case, name="justificatif.pdf"):
    document = Document(case=case, kind=DocumentKind.ATTACHMENT, name=name,
                        content_type="application/pdf", size=9, sha256="0" * 64)
    document.file.save(name, ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document.file.name


@pytest.fixture
def start(demo_service):
    return timezone.now()


def test_an_untouched_draft_is_warned_then_deleted_a_touched_one_kept(start):
    old, touched = CaseFactory(), CaseFactory()
    path = attach(old)
    days, warning = settings.DRAFT_RETENTION_DAYS, settings.RETENTION_WARNING_DAYS

    report = purge.run(now=start + (days - warning - 1) * DAY)
    assert not report.warned and not mail.outbox  # not yet

    report = purge.run(now=start + (days - warning + 1) * DAY)
    assert {case.pk for _kind, case in report.warned} == {old.pk, touched.pk}
    to_old = next(m for m in mail.outbox if m.to == [old.applicant.email])
    assert to_old.subject == "Guichet : votre brouillon sera supprimé"
    assert "« Demande de démonstration »" in to_old.body and "http://127.0.0.1:8000/mon-espace/" \
        in to_old.body
    # The second applicant comes back to their draft after the warning.
    Case.objects.filter(pk=touched.pk).update(updated_at=start + (days - warning + 5) * DAY)

    report = purge.run(now=start + (days + 1) * DAY)
    assert [case.pk for case in report.deleted] == [old.pk]
    assert not Case.objects.filter(pk=old.pk).exists()
    assert not default_storage.exists(path)
    assert Case.objects.filter(pk=touched.pk).exists()
    record = PurgeRecord.objects.get(case_public_id=old.public_id)
    assert (record.action, record.documents) == (PurgeRecord.Action.DRAFT_DELETED, 1)
    assert len(mail.outbox) == 2  # one warning each, nothing more


def test_a_finished_case_is_warned_then_purged_and_a_held_one_untouched(start):
    case = CaseFactory(accepted=True, decided_at=start)
    held = CaseFactory(accepted=True, decided_at=start)
    paths = [attach(case), attach(held)]
    Message.objects.create(case=case, author=case.applicant, body="Mon numéro fiscal est 123")
    LegalHold.objects.create(case=held, reason="Recours contentieux en cours")
    days, warning = settings.CASE_RETENTION_DAYS, settings.RETENTION_WARNING_DAYS

    # A dry run a year early, as of the purge date: says what would go, changes nothing.
    out = StringIO()
    call_command("apply_retention", "--dry-run",
                 "--at", (start + (days + 1) * DAY).date().isoformat(), stdout=out)
    assert f"warning (case) would be sent: {case.reference}" in out.getvalue()
    assert held.reference not in out.getvalue()
    assert not mail.outbox and not PurgeRecord.objects.exists()

    # Before the warning has run its course, nothing is purged, however late.
    report = purge.run(now=start + (days + 1) * DAY)
    assert [c.pk for _kind, c in report.warned] == [case.pk] and not report.purged
    [warning_mail] = mail.outbox
    assert warning_mail.to == [case.applicant.email]
    assert case.reference in warning_mail.subject
    assert "seront supprimés le" in warning_mail.body

    report = purge.run(now=start + (days + warning + 2) * DAY)
    assert [c.pk for c in report.purged] == [case.pk]
    case.refresh_from_db()
    assert case.answers == {} and case.computed == {}
    assert case.reference and case.status == "accepted"  # the case itself stays, for the record
    assert not Document.objects.filter(case=case).exists()
    assert not default_storage.exists(paths[0])
    assert Message.objects.get(case=case).body == ""
    record = PurgeRecord.objects.get(case_public_id=case.public_id)
    assert (record.reference, record.retention_days, record.documents, record.messages) == (
        case.reference, days, 1, 1)

    held.refresh_from_db()
    assert held.answers and Document.objects.filter(case=held).exists()
    assert default_storage.exists(paths[1])
    assert len(mail.outbox) == 1
    assert not purge.run(now=start + (days + warning + 3) * DAY).purged  # once only


def test_a_procedure_sets_its_own_retention_period(start, monkeypatch):
    from procedures.registry import registry
    monkeypatch.setattr(registry.get("demo"), "retention_days", 10)
    case = CaseFactory(accepted=True, decided_at=start)
    purge.run(now=start + 11 * DAY)
    report = purge.run(now=start + (11 + settings.RETENTION_WARNING_DAYS) * DAY)
    assert [c.pk for c in report.purged] == [case.pk]
    assert PurgeRecord.objects.get().retention_days == 10
