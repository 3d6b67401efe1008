"""Thin Celery tasks: they take ids, return early when their work is done, and call
documents.py / notifications.py. All run with acks_late (a killed worker's task is delivered
again) and are idempotent, so a second delivery changes nothing."""

import gc
import logging
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_init, worker_process_init, worker_process_shutdown
from django.utils import timezone

from . import antivirus, audit_chain, documents, notifications, proposals, workflow
from .models import CaseEvent

logger = logging.getLogger(__name__)

RETRY = {
    "acks_late": True,
    "autoretry_for": (Exception,),
    "retry_backoff": 5,  # 5 s, 10 s, 20 s… with jitter
    "retry_backoff_max": 180,  # below the broker's visibility timeout (settings)
    "retry_jitter": True,
    "max_retries": 8,  # then the sweep picks it up again
}
SWEEP_GRACE_SECONDS = 120  # what is younger may still be in the queue (docs/architecture.md)
SWEEP_WINDOW = timedelta(days=7)
SWEEP_BATCH = 500


@worker_init.connect
def _import_weasyprint(**kwargs):
    import weasyprint  # noqa: F401  (once in the parent, shared by the forked children)


@worker_process_init.connect
def _prepare_documents(**kwargs):
    documents.prepare()
    # What is loaded by now lives as long as the process: out of the collector's reach, the
    # full collections that renders trigger no longer walk it (a few ms on average each).
    gc.freeze()


@worker_process_shutdown.connect
def _release_documents(**kwargs):
    documents.release()


@shared_task(soft_time_limit=60, time_limit=90, **RETRY)
def handle_event(event_id):
    """Render the document an event calls for (receipt, decision), then notify. The e-mails
    are sent here rather than by tasks of their own: one task a case drains a surge faster,
    and a retry repeats nothing (each step is idempotent)."""
    event = (CaseEvent.objects.select_related(
        "case__service", "case__company", "case__applicant__notification_preference")
        .filter(pk=event_id).first())
    if event is None:
        return
    if event.kind == "submit":
        documents.make_receipt(event)
    elif documents.needs_decision(event):
        documents.make_decision(event)
    for notification in notifications.create(event):
        notifications.send(notification)


@shared_task(soft_time_limit=60, time_limit=90, **RETRY)
def after_submission(case_id):
    """The procedure's automatic step after a submission; once, however often it runs."""
    workflow.run_automatic_step(case_id)


@shared_task(soft_time_limit=120, time_limit=150, **RETRY)
def apply_batch(batch_id):
    """A few cases of a bulk confirmation, then the next few in a task of their own."""
    if proposals.apply_some(batch_id):
        apply_batch.delay(batch_id)


@shared_task(soft_time_limit=30, time_limit=45, **RETRY)
def send_notification(notification_id):
    notification = notifications.unsent_email(notification_id)
    if notification is not None:
        notifications.send(notification)


@shared_task(soft_time_limit=120, time_limit=150, **{**RETRY, "max_retries": 4})
def scan_document(document_id):
    """The antivirus check of an upload; clamd unreachable: retried, then swept again."""
    antivirus.check_document(document_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def sweep(grace_seconds=SWEEP_GRACE_SECONDS):
    """Celery beat, every minute: enqueue again the documents, notifications, antivirus checks
    and automatic steps still missing (a broker outage, a worker killed for good, retries
    exhausted)."""
    until = timezone.now() - timedelta(seconds=grace_seconds)
    since = until - SWEEP_WINDOW
    event_ids = set(documents.missing(since, until, SWEEP_BATCH))
    event_ids.update(notifications.unhandled(since, until, SWEEP_BATCH))
    for event_id in sorted(event_ids):
        handle_event.delay(event_id)
    notification_ids = notifications.unsent(since, until, SWEEP_BATCH)
    for notification_id in notification_ids:
        send_notification.delay(notification_id)
    batch_ids = proposals.stalled(until)
    for batch_id in batch_ids:
        apply_batch.delay(batch_id)
    scan_ids = antivirus.pending(until, SWEEP_BATCH)
    for document_id in scan_ids:
        scan_document.delay(document_id)
    case_ids = workflow.automatic_steps_missing(since, until, SWEEP_BATCH)
    for case_id in case_ids:
        after_submission.delay(case_id)
    if event_ids or notification_ids or batch_ids or scan_ids or case_ids:
        logger.warning("Sweep: %s events, %s e-mails, %s bulk confirmations, %s antivirus "
                       "checks and %s automatic steps enqueued again.", len(event_ids),
                       len(notification_ids), len(batch_ids), len(scan_ids), len(case_ids))


@shared_task(acks_late=True, soft_time_limit=3000, time_limit=3600)
def seal_audit_days():
    """Celery beat, every night: the digests of the days not sealed yet, up to yesterday
    (a day sealed already is kept: running it twice makes one digest a day)."""
    for digest in audit_chain.seal():
        logger.info("Audit digest of %s: %s", digest.day, digest.digest)
