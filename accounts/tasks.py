import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import outbox

logger = logging.getLogger(__name__)

RETRY = {"acks_late": True, "autoretry_for": (Exception,), "retry_backoff": 5,
         "retry_jitter": True, "max_retries": 5}  # then the sweep picks it up again
SWEEP_GRACE_SECONDS = 120  # what is younger may still be in the queue
SWEEP_BATCH = 500


@shared_task(soft_time_limit=30, time_limit=45, **RETRY)
def send_account_email(email_id):
    """Takes the outbox row's id, never a link: the link is built when the e-mail is sent."""
    outbox.send(email_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def sweep_account_emails(grace_seconds=SWEEP_GRACE_SECONDS):
    """Celery beat, every two minutes: enqueue again the account e-mails still unsent."""
    until = timezone.now() - timedelta(seconds=grace_seconds)
    email_ids = outbox.unsent(until - outbox.SWEEP_WINDOW, until, SWEEP_BATCH)
    for email_id in email_ids:
        send_account_email.delay(email_id)
    if email_ids:
        logger.warning("Sweep: %s account e-mails enqueued again.", len(email_ids))
