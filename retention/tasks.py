import logging

from celery import shared_task

from . import purge

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=660)
def apply_retention():
    """Celery beat, every night: warn, delete and purge what retention says is due."""
    report = purge.run()
    logger.info("Retention: %s warned, %s drafts deleted, %s cases purged.",
                len(report.warned), len(report.deleted), len(report.purged))
