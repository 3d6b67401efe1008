"""Side effects of a case event, scheduled after the transaction commits.

The Celery task `procedures.tasks.handle_event` renders the documents and sends the
notifications the event calls for; the periodic `procedures.tasks.sweep` re-enqueues what is
still missing, so a broker outage delays them but never loses them — and never fails or slows
down the request that changed the case.
"""

import logging
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)

# A broker that does not answer costs the request a fraction of a second, not the default
# retries: the sweep is the safety net.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}


def schedule(event):
    from .tasks import after_submission, handle_event

    transaction.on_commit(partial(_enqueue, handle_event, event.pk))
    if event.kind == "submit" and event.case.procedure_obj.has_automatic_step:
        transaction.on_commit(partial(_enqueue, after_submission, event.case_id))


def _enqueue(task, object_id):
    try:
        task.apply_async((object_id,), retry=True, retry_policy=PUBLISH_RETRY)
    except Exception:  # broker down: the periodic sweep will find the missing work
        logger.warning("Could not enqueue %s(%s); the sweep will.", task.name, object_id)
