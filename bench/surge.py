"""(4) Surge: 10 000 submissions enqueued (through the workflow, as the web process does), then
drained by 2 Celery worker processes — each case's receipt rendered and its e-mail sent (with the
receipt attached). Throughput, from the workers being ready to the last e-mail, against twice
the single-process receipt rate of (2). Target: ≥ 0.7; and every case has its receipt and its
sent e-mail (counted). A drain that outlasts its window reports how much drained and its rate
over the window, without a ratio."""

import datetime
import sys
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

    window = sizes["drain_limit"]
    with processes.celery_worker(concurrency=WORKERS, limit=window + 60):
        ready = timezone.now()
        deadline = time.monotonic() + window
        while time.monotonic() < deadline:
            if _receipts().count() >= number and _emails_sent().count() >= number:
                break
            time.sleep(1)
        complete = _complete()  # counted before the workers stop
        ended = timezone.now()
    last = _emails_sent().order_by("-sent_at").values_list("sent_at", flat=True).first()
    if complete == number:
        ended = last
    drained = (ended - ready) / datetime.timedelta(seconds=1)
    environment.flush_broker()
    return [*results(number, complete, drained, WORKERS / shared["receipt_seconds"]),
            Result("surge.enqueue_per_s", number / enqueued)]


def results(number, complete, drained, baseline):
    """The surge's figures. A drain that outlasted its window still gives its rate and how much
    drained, but no ratio against the target: that would read as the surge of a finished run."""
    rate = complete / drained
    if complete < number:
        print(f"# surge: the drain outlasted its window: {complete} of {number} cases complete "
              f"({complete / number:.0%}) in {drained:.0f} s, {rate:.2f} cases/s; no surge "
              "ratio for an unfinished run", file=sys.stderr, flush=True)
        figure = Result("surge.unfinished_cases_per_s", rate)
    else:
        figure = Result("surge.cases_per_s", rate, baseline, ">= 0.7")
    return [figure, Result("surge.cases_complete", complete, number, "== 1"),
            Result("surge.drain_s", drained)]
