"""(2) Receipt rendering, in a warm process as a worker runs it: the median time to render the
receipt of a submitted case with 15 answers and its QR code, against the floor (one paragraph
with the receipt's own stylesheet and fonts, documents.render_floor_pdf), interleaved so that
both see the same machine. Target: ≤ 5 × the floor. The process's resident memory over 500
renders must stay flat: its peak against the resident size after the warm-up, ≤ 1.1."""

import statistics
import time

from procedures import documents, workflow

from . import environment, population
from .results import Result

ANSWERS = 15


def _sizes(quick):
    return {"warmup": 3, "renders": 20, "floor_every": 2} if quick else \
        {"warmup": 10, "renders": 500, "floor_every": 5}


def resident_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def submitted_case():
    """A case submitted through the workflow, as the receipt task finds it."""
    population.services()
    citizen = population.citizens(1)[0]
    draft = population.drafts([citizen])[0]
    case = workflow.submit(draft.pk, citizen)
    environment.flush_broker()  # its receipt task: rendered here, not by a worker
    answers = sum(len(rows) for _, rows in case.procedure_obj.summarise(case.answers))
    if answers != ANSWERS:
        raise RuntimeError(f"The receipt's case has {answers} answers, not {ANSWERS}.")
    return case


def _timed(render):
    started = time.perf_counter()
    pdf = render()
    elapsed = time.perf_counter() - started
    if not pdf.startswith(b"%PDF"):
        raise RuntimeError("The renderer did not return a PDF.")
    return elapsed


def run(quick, shared):
    environment.require_font_subsetting()
    sizes = _sizes(quick)
    population.clear_cases()
    case = submitted_case()
    documents.prepare()

    def receipt():
        return documents.render_receipt_pdf(case, "0123ABCDEF")

    for _ in range(sizes["warmup"]):
        _timed(receipt)
        _timed(documents.render_floor_pdf)
    warm = resident_mb()
    receipts, floors, peak = [], [], warm
    for i in range(sizes["renders"]):
        receipts.append(_timed(receipt))
        if i % sizes["floor_every"] == 0:
            floors.append(_timed(documents.render_floor_pdf))
        peak = max(peak, resident_mb())

    median = statistics.median(receipts)
    shared["receipt_seconds"] = median
    return [
        Result("receipt.render_ms", median * 1000, statistics.median(floors) * 1000, "<= 5"),
        Result("receipt.render_p95_ms", statistics.quantiles(receipts, n=20)[-1] * 1000),
        Result("receipt.peak_rss_mb", peak, warm, "<= 1.1"),
        Result("receipt.renders", len(receipts)),
    ]
