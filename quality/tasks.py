"""Thin Celery tasks of the quality app (see complaints.py, indicators.py, silence.py)."""

from celery import shared_task

from procedures.registry import registry
from procedures.tasks import RETRY

from . import complaints, indicators, silence


@shared_task(soft_time_limit=30, time_limit=45, **RETRY)
def notify_complaint_event(event_id):
    complaints.notify(event_id)


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=1900)
def refresh_indicators(past_months=0):
    """Celery beat: the current month every hour; with `past_months`, nightly, the months
    before it too (a late decision or complaint answer changes a past month's figures)."""
    slugs = [procedure.slug for procedure in registry]
    for month in indicators.last_months(count=past_months + 1):
        indicators.refresh(month, slugs)


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=1900)
def decide_by_silence():
    """Celery beat, every evening: the cases whose silence decides, at their due date."""
    for case_id in silence.due_cases():
        decide_case_by_silence.delay(case_id)


@shared_task(soft_time_limit=60, time_limit=90, **RETRY)
def decide_case_by_silence(case_id):
    silence.decide(case_id)
