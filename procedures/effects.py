"""Side effects of a case event, scheduled after the transaction commits.

The Celery task `procedures.tasks.handle_event` renders the documents and sends the
notifications the event calls for; a periodic task re-enqueues what is still missing, so a
broker outage delays them but never loses them.
"""

import logging
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)


def schedule(event):
    from .tasks import handle_event

    transaction.on_commit(partial(_enqueue, handle_event, event.pk))


def _enqueue(task, event_id):
    try:
        task.delay(event_id)
    except Exception:  # broker down: the periodic sweep will find the missing work
        logger.warning("Could not enqueue event %s; the sweep will.", event_id)
