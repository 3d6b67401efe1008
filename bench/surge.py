"""(4) Surge: 10 000 submissions enqueued (through the workflow, as the web process does), then
drained by 2 Celery worker processes — each case's receipt rendered and its e-mail sent (with the
receipt attached). Throughput, from the workers being ready to the last e-mail, against twice
the single-process receipt rate of (2). Target: ≥ 0.7; and every case has its receipt and its
sent e-mail (counted)."""

import datetime
import time

from django.db.models import Exists, OuterRef
from django.utils import timezone

from procedures import workflow
from procedures.constants import CaseStatus, DocumentKind
from procedures.models import Case, Channel, Document, Notification

from . import environment, population, processes, receipt
from .results import Result

WORKERS = 2


def _sizes(quick):
    return {"cases": 100, "drain_limit": 120} if quick else {"cases": 10_000, "drain_limit": 600}


def _receipts():
    return Document.objects.filter(kind=DocumentKind.RECEIPT)


def _emails_sent():
    return Notification.objects.filter(channel=Channel.EMAIL, sent_at__isnull=False)


def _complete():
    """Submitted cases with their receipt and their e-mail sent."""
    return Case.objects.filter(status=CaseStatus.SUBMITTED).filter(
        Exists(_receipts().filter(case=OuterRef("pk"))),
        Exists(_emails_sent().filter(case=OuterRef("pk"))),
    ).count()


def run(quick, shared):
    if "receipt_seconds" not in shared:  # run alone: measure the single-process rate first
        receipt.run(True, shared)
    sizes = _sizes(quick)
    population.clear_cases()
    environment.flush_broker()
    population.services()
    number = sizes["cases"]
    users = population.citizens(number)
    drafts = population.drafts(users)

    started = time.monotonic()
    for draft, user in zip(drafts, users, strict=True):
        workflow.submit(draft.pk, user)
    enqueued = time.monotonic() - started

    with processes.celery_worker(concurrency=WORKERS, limit=sizes["drain_limit"] + 60):
        ready = timezone.now()
        deadline = time.monotonic() + sizes["drain_limit"]
        while time.monotonic() < deadline:
            if _receipts().count() >= number and _emails_sent().count() >= number:
                break
            time.sleep(1)
    last = _emails_sent().order_by("-sent_at").values_list("sent_at", flat=True).first()
    drained = ((last or timezone.now()) - ready) / datetime.timedelta(seconds=1)
    complete = _complete()
    environment.flush_broker()

    single = 1 / shared["receipt_seconds"]
    return [
        Result("surge.cases_per_s", complete / drained, WORKERS * single, ">= 0.7"),
        Result("surge.cases_complete", complete, number, "== 1"),
        Result("surge.enqueue_per_s", number / enqueued),
        Result("surge.drain_s", drained),
    ]
