"""Thin Celery tasks of the quality app (see complaints.py, indicators.py, silence.py)."""

from celery import shared_task

from procedures.tasks import RETRY

from . import complaints


@shared_task(soft_time_limit=30, time_limit=45, **RETRY)
def notify_complaint_event(event_id):
    complaints.notify(event_id)
