"""(1) Submission throughput: gunicorn serving the real stack, 16 concurrent clients posting the
final submission (the review page) of complete drafts, each of a different citizen, for 20 s;
against the baseline view (bench/views.py: same middleware, login and CSRF, one insert and a
redirect), posted by the same citizens for 20 s, in turns of 5 s with the submissions.
Target: submit throughput ≥ 0.5 × baseline."""

import itertools
import os

from django.urls import reverse

from procedures.constants import CaseStatus
from procedures.models import Case

from . import environment, load, population, processes
from .models import Ping
from .results import Result

CLIENTS = 16


def _sizes(quick):
    # drafts: more than the submissions 16 clients can make in warm-up + measure
    return {"duration": 2, "warmup": 0.5, "turns": 2, "drafts": 1500} if quick else \
        {"duration": 20, "warmup": 3, "turns": 4, "drafts": 12000}


def run(quick, shared):
    sizes = _sizes(quick)
    population.clear_cases()
    population.services()
    users = population.citizens(sizes["drafts"])
    keys = population.sessions(users)
    cases = population.drafts(users)
    csrf = population.csrf_secret()
    pings = [load.Request(reverse("bench:baseline"), keys[user.pk], csrf) for user in users]
    submissions = iter([
        load.Request(reverse("procedures:review", args=[case.public_id]),
                     keys[case.applicant_id], csrf)
        for case in cases
    ])

    def redirected_to(prefix):
        return lambda response: (response.status_code == 302
                                 and response.headers["location"].startswith(prefix))

    port = processes.free_port()
    workers = 2 * (os.cpu_count() or 1) + 1  # gunicorn's advice for sync workers
    budget = 4 * (sizes["duration"] + sizes["warmup"]) + 60
    url = f"http://127.0.0.1:{port}"
    with processes.gunicorn(port, workers=workers, limit=budget):
        def measure(requests, expect, duration):
            return load.run(url, requests, duration=duration, clients=CLIENTS, expect=expect)

        baseline_expect = redirected_to(reverse("procedures:my_space"))
        submit_expect = redirected_to("/dossiers/")
        measure(itertools.cycle(pings), baseline_expect, sizes["warmup"])
        measure(submissions, submit_expect, sizes["warmup"])
        # In turns, so that both see the same machine (others may be busy on it).
        turn = sizes["duration"] / sizes["turns"]
        baselines, submits = [], []
        for _ in range(sizes["turns"]):
            baselines.append(measure(itertools.cycle(pings), baseline_expect, turn))
            submits.append(measure(submissions, submit_expect, turn))
    baseline, submit = load.Run.combine(baselines), load.Run.combine(submits)
    environment.flush_broker()  # the receipts they enqueued are not this benchmark's

    if submit.exhausted:
        raise RuntimeError("The drafts ran out before the end: raise the number of drafts.")
    submitted = Case.objects.filter(status=CaseStatus.SUBMITTED).count()
    if submitted != Case.objects.exclude(status=CaseStatus.DRAFT).count():
        raise RuntimeError("Some drafts ended in another state than submitted.")
    if Ping.objects.count() < baseline.requests:
        raise RuntimeError("The baseline view did not insert one row per request.")

    results = [Result("submit.throughput_rps", submit.per_second, baseline.per_second, ">= 0.5")]
    for p in (50, 95, 99):
        results.append(Result(f"submit.latency_p{p}_ms", submit.percentile(p) * 1000,
                              baseline.percentile(p) * 1000))
    results.append(Result("submit.requests", submit.requests, baseline.requests))
    return results
