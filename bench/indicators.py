"""(5) The public indicators over a year of history: 1 000 000 filed cases (20 000 in
--quick) submitted over the last twelve months, their submission and decision events and one
applicant message in five (half of them answered), loaded with COPY. Measured: the monthly
refresh the beat runs (the current month hourly, the twelve months nightly) and the public
pages, which read the precomputed rows. Target: a page in under 200 ms."""

import datetime
import json
import random
import statistics
import time
import uuid

from django.db import connection
from django.test import Client
from django.urls import reverse

from procedures.constants import CaseStatus
from procedures.registry import registry
from procedures.transitions import STATES as ENGINE_STATES
from quality import tasks

from . import bulk, population
from .results import Result

S = CaseStatus
STATES = {S.SUBMITTED: 15, S.IN_REVIEW: 15, S.AWAITING_INFO: 5, S.ACCEPTED: 50,
          S.REJECTED: 10, S.CLOSED: 3, S.WITHDRAWN: 2}
PAGE_TARGET_MS = 200
REPEAT = 15


def _load_cases(number, queues, applicants):
    rng = random.Random(5)
    now = datetime.datetime.now(datetime.UTC)
    states = rng.choices(list(STATES), weights=list(STATES.values()), k=number)
    references = bulk.References()

    def rows():
        for i, status in enumerate(states):
            service_id, procedure, agent_id = queues[i % len(queues)]
            submitted = now - datetime.timedelta(minutes=rng.randrange(360 * 24 * 60))
            decided = None
            if ENGINE_STATES[status].decided:
                decided = min(submitted + datetime.timedelta(hours=rng.randrange(1, 60 * 24)),
                              now)
            yield (uuid.uuid4(), references.next("IX", 9000 + i % 900), procedure.slug,
                   procedure.version, applicants[i % len(applicants)], status,
                   ENGINE_STATES[status].kind, "{}", "{}",
                   service_id, agent_id, submitted, decided or submitted, submitted,
                   (submitted + datetime.timedelta(days=procedure.delay)).date(), decided, 4)

    bulk._copy("procedures_case", bulk.CASE_COLUMNS, rows())


EVENTS = """
INSERT INTO procedures_caseevent (case_id, kind, actor_role, from_status, to_status, text,
                                  data, case_version, created_at)
SELECT id, 'submit', 'citizen', 'draft', 'submitted', '', '{}', 2, submitted_at
  FROM procedures_case;
INSERT INTO procedures_caseevent (case_id, kind, actor_role, from_status, to_status, text,
                                  data, case_version, created_at)
SELECT id, 'decide', 'agent', 'in_review', status, '', '{}', 4, decided_at
  FROM procedures_case WHERE decided_at IS NOT NULL;
INSERT INTO procedures_caseevent (case_id, kind, actor_role, from_status, to_status, text,
                                  data, case_version, created_at)
SELECT id, 'message', 'citizen', status, status, 'Bonjour', '{}', 3,
       submitted_at + interval '1 hour'
  FROM procedures_case WHERE id % 5 = 0;
INSERT INTO procedures_caseevent (case_id, kind, actor_role, from_status, to_status, text,
                                  data, case_version, created_at)
SELECT id, 'message', 'agent', status, status, 'Bonjour', '{}', 3,
       submitted_at + (id % 9) * interval '1 day' + interval '2 hours'
  FROM procedures_case WHERE id % 10 = 0;
VACUUM ANALYZE procedures_case;
VACUUM ANALYZE procedures_caseevent;
"""


def _page_ms(client, url):
    client.get(url)
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        if response.status_code != 200 or b"<caption" not in response.content:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return statistics.median(times) * 1000


def run(quick, shared):
    number = 20_000 if quick else 1_000_000
    population.clear_cases()
    fallback = population.procedure()
    by_service = {p.service_code: p for p in registry}
    queues = [(service.pk, by_service.get(service.code, fallback), agent.pk)
              for service, agent in population.services()]
    applicants = bulk.load_users(max(number // 10, 1), "indicators")

    started = time.monotonic()
    _load_cases(number, queues, applicants)
    with connection.cursor() as cursor:
        for statement in filter(str.strip, EVENTS.split(";")):
            cursor.execute(statement)
        cursor.execute("SELECT count(*) FROM procedures_caseevent")
        events = cursor.fetchone()[0]
    loaded = time.monotonic() - started

    started = time.monotonic()
    tasks.refresh_indicators()  # the hourly run: the current month
    hourly = time.monotonic() - started
    started = time.monotonic()
    tasks.refresh_indicators(past_months=12)  # the nightly run
    nightly = time.monotonic() - started

    client = Client()
    guichet = _page_ms(client, reverse("quality:indicators"))
    procedure = _page_ms(client, reverse("quality:procedure_indicators", args=[fallback.slug]))
    started = time.perf_counter()
    response = client.get(reverse("quality:open_data_json"))
    open_data = (time.perf_counter() - started) * 1000
    rows = len(json.loads(response.content)["rows"])
    population.clear_cases()
    return [
        Result("indicators.cases", number),
        Result("indicators.events", events),
        Result("indicators.load_s", loaded),
        Result("indicators.refresh_current_month_s", hourly),
        Result("indicators.refresh_twelve_months_s", nightly),
        Result("indicators.guichet_page_ms", guichet, PAGE_TARGET_MS, "<= 1"),
        Result("indicators.procedure_page_ms", procedure, PAGE_TARGET_MS, "<= 1"),
        Result("indicators.open_data_json_ms", open_data),
        Result("indicators.open_data_rows", rows),
    ]
