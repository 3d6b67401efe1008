"""(8) Bulk confirmation: 10 000 crisis-aid requests waiting with their proposal (9 in 10 a
grant, 1 in 10 a refusal, as the pre-assessment made them), confirmed at once by an agent of
the aid desk (`proposals.confirm`, as the queue's action does), then applied in the background
by 2 Celery worker processes: each case its own decision, decision document and e-mail.
Reported: the agent's click (the batch recorded and enqueued), cases decided per second (until
the batch is finished), the drain until every case has its document and e-mail, and the
workers' memory: the largest resident size of a worker process while the first 1 000 cases are
decided, against the same over the 10 000 (target ≤ 1.1: flat, whatever the batch's size)."""

import datetime
import sys
import threading
import time
from pathlib import Path

from django.db.models import Exists, OuterRef
from django.utils import timezone

from procedures import proposals
from procedures.calendar import due_date
from procedures.constants import CaseStatus, DocumentKind, StateKind
from procedures.models import BatchItem, Case, Channel, Document, Notification, Proposal
from procedures.registry import registry

from . import companies, environment, population, processes
from .bulk import References
from .results import Result

WORKERS = 2
FIRST = 1_000  # the memory of the first cases decided, against that of all of them


def _sizes(quick):
    return {"cases": 100, "first": 20, "drain_limit": 120} if quick else \
        {"cases": 10_000, "first": FIRST, "drain_limit": 900}


def waiting_cases(number):
    """`number` submitted crisis-aid requests with their proposal, written in bulk (the
    submissions themselves are the crisis bench's)."""
    procedure = registry["crisis_aid"]
    users = population.citizens(number)
    drafts = companies.drafts(users, first=1_000_000)  # after the crisis bench's
    now = timezone.now()
    references = References()
    due = due_date(timezone.localdate(), procedure.delay, procedure.delay_unit)
    for case in drafts:
        case.status, case.status_kind = CaseStatus.SUBMITTED, StateKind.OPEN
        case.reference = references.next(procedure.reference_prefix, 2025)
        case.submitted_at, case.due_at, case.version = now, due, 2
        case.computed = procedure.compute(case.answers)
    Case.objects.bulk_update(drafts, ["status", "status_kind", "reference", "submitted_at",
                                      "due_at", "version", "computed"], batch_size=2000)
    rows = []
    for case in drafts:
        transition, motivation, amount = procedure.proposal(case)
        rows.append(Proposal(case=case, transition=transition, motivation=motivation,
                             amount=amount))
    Proposal.objects.bulk_create(rows, batch_size=2000)
    return Case.objects.filter(pk__in=[case.pk for case in drafts])


def _tree_rss(root):
    """{pid: resident bytes} of `root` and its descendants (from /proc)."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    sizes, todo = {}, [root]
    while todo:
        pid = todo.pop()
        try:
            pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError):
            continue
        sizes[pid] = pages * 4096
        todo.extend(children.get(pid, ()))
    return sizes


class MemorySampler(threading.Thread):
    """The largest resident size of one worker process, sampled every 0.2 s; `mark()` keeps
    the peak so far (the first cases') apart."""

    def __init__(self, root):
        super().__init__(daemon=True)
        self.root, self.peak, self.first_peak = root, 0, None
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(0.2):
            self.peak = max(self.peak, *_tree_rss(self.root).values(), 0)

    def mark(self):
        self.first_peak = self.peak


def _complete(cases):
    """Decided cases with their decision document and its e-mail sent."""
    mail = Notification.objects.filter(case=OuterRef("pk"), channel=Channel.EMAIL,
                                       sent_at__isnull=False, event__kind__in=("grant", "refuse"))
    return cases.exclude(status=CaseStatus.SUBMITTED).filter(
        Exists(Document.objects.filter(case=OuterRef("pk"), kind=DocumentKind.DECISION)),
        Exists(mail)).count()


def run(quick, shared):
    sizes = _sizes(quick)
    population.clear_cases()
    environment.flush_broker()
    agent = next(agent for service, agent in population.services()
                 if service.code == registry["crisis_aid"].service_code)
    cases = waiting_cases(sizes["cases"])
    number = sizes["cases"]

    window = sizes["drain_limit"]
    with processes.celery_worker(concurrency=WORKERS, limit=window + 60) as worker:
        sampler = MemorySampler(worker.pid)
        sampler.start()
        time.sleep(1)  # a sample of the idle workers
        started = time.monotonic()
        clicked = timezone.now()
        batch, _without = proposals.confirm(cases, agent)
        click = time.monotonic() - started
        deadline = started + window
        done = BatchItem.objects.filter(batch=batch).exclude(result=BatchItem.Result.PENDING)
        while time.monotonic() < deadline and done.count() < sizes["first"]:
            time.sleep(0.2)
        sampler.mark()
        while time.monotonic() < deadline and _complete(cases) < number:
            time.sleep(1)
        complete = _complete(cases)
        ended = timezone.now()
        sampler.stopped.set()
        sampler.join()
    batch.refresh_from_db()
    decided = done.count()
    finished = batch.finished_at if decided == number else ended
    last_mail = Notification.objects.filter(case__in=cases, sent_at__isnull=False).order_by(
        "-sent_at").values_list("sent_at", flat=True).first()
    drain_end = last_mail if complete == number else ended
    seconds = (finished - clicked) / datetime.timedelta(seconds=1)
    drain = (drain_end - clicked) / datetime.timedelta(seconds=1)
    environment.flush_broker()
    return results(number, decided, complete, seconds, drain, click,
                   sampler.first_peak, sampler.peak)


def results(number, decided, complete, seconds, drain, click, first_peak, peak):
    """The bulk confirmation's figures; an unfinished run says how far it got and gives no
    rate as if it had finished."""
    mib = 1024 * 1024
    figures = [Result("confirm.click_ms", click * 1000)]
    if decided < number or complete < number:
        print(f"# confirm: the drain outlasted its window: {decided} of {number} cases decided, "
              f"{complete} with their document and e-mail, in {drain:.0f} s",
              file=sys.stderr, flush=True)
        figures.append(Result("confirm.unfinished_decided_per_s", decided / seconds))
    else:
        figures += [Result("confirm.decided_per_s", decided / seconds),
                    Result("confirm.complete_per_s", complete / drain)]
    return [*figures,
            Result("confirm.cases_decided", decided, number, "== 1"),
            Result("confirm.cases_complete", complete, number, "== 1"),
            Result("confirm.drain_s", drain),
            Result("confirm.worker_peak_rss_mb", peak / mib, first_peak / mib, "<= 1.1")]
