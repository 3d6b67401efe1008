"""(7) Crisis day: company users file the crisis aid through HTTP (gunicorn, 16 clients) as fast
as the machine takes them, while 2 Celery worker processes run: each case gets its receipt, its
proposal (the stored assessment) and, when clean, its decision by the system with the decision
document and e-mail. Reported: submissions per second and their p95; the drain (from the first
submission to the last case complete); its document rate against the pure rendering rate of
the same workers (2 × the single-process rate of this procedure's receipt; target ≥ 0.7); and
the hours this machine needs for the 2020 load (204 000 requests in 36 hours)."""

import datetime
import os
import statistics
import sys
import time

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from procedures import documents, workflow
from procedures.constants import CaseStatus, DocumentKind
from procedures.models import Case, Channel, Document, Notification

from . import companies, environment, load, population, processes
from .results import Result

WORKERS = 2
CLIENTS = 16
LOAD_2020 = (204_000, 36)  # requests, hours


def _sizes(quick):
    return {"companies": 60, "renders": 3, "drain_limit": 180} if quick else \
        {"companies": 2000, "renders": 20, "drain_limit": 900}


def _documents(kind):
    return Document.objects.filter(kind=kind, case=OuterRef("pk"))


def _complete():
    """Filed cases with their receipt and proposal, and — when granted by the system — their
    decision document and its e-mail sent."""
    decided_mail = Notification.objects.filter(
        case=OuterRef("pk"), channel=Channel.EMAIL, sent_at__isnull=False,
        event__kind="grant_at_once")
    filed = Case.objects.filter(procedure="crisis_aid").exclude(status=CaseStatus.DRAFT)
    return filed.filter(Exists(_documents(DocumentKind.RECEIPT)), proposal__isnull=False).filter(
        ~Q(status=CaseStatus.ACCEPTED)
        | Q(Exists(_documents(DocumentKind.DECISION)), Exists(decided_mail)))


def _single_render_seconds(renders):
    """The median time this process takes to render the aid's receipt (the workers' floor)."""
    population.services()
    user = population.citizens(1)[0]
    draft = companies.drafts([user], first=9_000_000)[0]
    case = workflow.submit(draft.pk, user)
    environment.flush_broker()
    documents.prepare()
    times = []
    for _ in range(renders + 2):
        started = time.perf_counter()
        documents.render_receipt_pdf(case, "0123ABCDEF")
        times.append(time.perf_counter() - started)
    case.delete()
    return statistics.median(times[2:])


def run(quick, shared):
    sizes = _sizes(quick)
    population.clear_cases()
    environment.flush_broker()
    single = _single_render_seconds(sizes["renders"])
    population.clear_cases()
    population.services()
    users = population.citizens(sizes["companies"])
    keys = population.sessions(users)
    drafts = companies.drafts(users)
    clean = sum(companies.kind(i) == "clean" for i in range(len(drafts)))
    csrf = population.csrf_secret()
    requests = [load.Request(reverse("procedures:review", args=[case.public_id]),
                             keys[case.applicant_id], csrf) for case in drafts]

    port = processes.free_port()
    budget = sizes["drain_limit"] + 120
    with processes.celery_worker(concurrency=WORKERS, limit=budget), \
            processes.gunicorn(port, workers=2 * (os.cpu_count() or 1) + 1, limit=budget):
        started = timezone.now()
        filed = load.run(f"http://127.0.0.1:{port}", requests, duration=sizes["drain_limit"],
                         clients=CLIENTS, expect=lambda r: r.status_code == 302
                         and r.headers["location"].startswith("/dossiers/"))
        deadline = time.monotonic() + sizes["drain_limit"]
        while time.monotonic() < deadline and _complete().count() < len(drafts):
            time.sleep(1)
        finished = timezone.now()
    complete = _complete().count()
    decided = Case.objects.filter(procedure="crisis_aid", status=CaseStatus.ACCEPTED).count()
    rendered = Document.objects.filter(kind__in=(DocumentKind.RECEIPT, DocumentKind.DECISION),
                                       created_at__lte=finished).count()
    if complete == len(drafts):  # the drain ended with its last document or e-mail
        finished = max(filter(None, (
            Document.objects.order_by("-created_at").values_list("created_at", flat=True)
            .first(),
            Notification.objects.filter(sent_at__isnull=False).order_by("-sent_at")
            .values_list("sent_at", flat=True).first())), default=finished)
    drain = (finished - started) / datetime.timedelta(seconds=1)
    environment.flush_broker()
    return [
        Result("crisis.submit_rps", filed.per_second),
        Result("crisis.submit_p95_ms", filed.percentile(95) * 1000),
        *results(len(drafts), complete, drain, rendered, WORKERS / single,
                 filed.per_second),
        Result("crisis.decided_by_system", decided, clean, "== 1"),
    ]


def results(number, complete, drain, rendered, baseline, submit_rps):
    """The drain's figures. One that outlasted its window says how much drained and its rate
    over the window, with no ratio to the rendering rate and no hours for the 2020 load: they
    would read as the figures of a finished run."""
    cases_per_s = complete / drain
    figures = [Result("crisis.cases_complete", complete, number, "== 1"),
               Result("crisis.drain_s", drain)]
    if complete < number:
        print(f"# crisis: the drain outlasted its window: {complete} of {number} cases "
              f"complete ({complete / number:.0%}) in {drain:.0f} s, {cases_per_s:.2f} "
              "cases/s; no ratio for an unfinished run", file=sys.stderr, flush=True)
        return [*figures, Result("crisis.unfinished_cases_per_s", cases_per_s)]
    hours = LOAD_2020[0] / min(submit_rps, cases_per_s) / 3600
    return [*figures, Result("crisis.cases_per_s", cases_per_s),
            Result("crisis.documents_per_s", rendered / drain, baseline, ">= 0.7"),
            Result("crisis.hours_for_2020_load", hours, LOAD_2020[1], "<= 1")]
