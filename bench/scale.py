"""(3) The queue at scale: 1 000 000 cases loaded with COPY, then the agents' queue in the admin
(filtered by service and status, ordered by due date — its default order) and the search by
reference: server time and query count against the same pages over 1 000 cases, held in a copy
of the bench database so that both are measured in turn, on the same machine at the same
moment. "Mon espace" of a citizen with 500 cases against one with 5, in the big database.
Target: time ratio ≤ 2 and the same number of queries."""

import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.constants import MembershipRole
from accounts.models import Membership
from procedures.constants import CaseStatus
from procedures.models import Case
from procedures.registry import registry

from . import bulk, environment, population
from .results import Result

CASES_PER_CITIZEN = 10
SMALL_DATABASE = f"{environment.DATABASE_NAME}_small"
PAGE_SECONDS = 20


def _sizes(quick):
    if quick:
        return {"small": 1000, "big": 20_000, "rich": 50, "poor": 5, "repeat": 5}
    return {"small": 1000, "big": 1_000_000, "rich": 500, "poor": 5, "repeat": 15}


@dataclass(frozen=True)
class Page:
    database: str
    client: Client
    url: str
    expect: str  # in the page when it shows what it should


def _use(database):
    if connection.settings_dict["NAME"] != database:
        connection.close()
        connection.settings_dict["NAME"] = database


def _queues():
    """(service id, procedure, agent id) for every service; a service whose procedure is not
    installed gets the civil-status one (the queue does not care which)."""
    fallback = population.procedure()
    by_service = {p.service_code: p for p in registry}
    return [(service.pk, by_service.get(service.code, fallback), agent.pk)
            for service, agent in population.services()]


def _client(user):
    if user.is_staff:
        return population.admin_client(user)
    client = Client()
    client.force_login(user)
    return client


def _queue_agent(queues):
    """An agent of every service, who filters the queue down to one of them."""
    agent = population.citizens(1)[0]
    agent.is_staff = True
    agent.save(update_fields=["is_staff"])
    Membership.objects.bulk_create([
        Membership(user=agent, service_id=service_id, role=MembershipRole.AGENT)
        for service_id, _, _ in queues
    ])
    return agent


def _populate(database, number, sizes):
    """Load `number` cases into `database`; its queue pages and "Mon espace" pages."""
    _use(database)
    queues = _queues()
    agent = _client(_queue_agent(queues))
    applicants = bulk.load_users(max(number // CASES_PER_CITIZEN, 1), "scale")
    references = bulk.References()
    bulk.load_cases(number, queues=queues, applicants=applicants, references=references, seed=1)
    citizens = {}
    for name in ("rich", "poor"):
        citizen = population.citizens(1)[0]
        bulk.load_cases(sizes[name], queues=queues, applicants=[citizen.pk],
                        references=references, seed=2)
        citizens[name] = Page(database, _client(citizen), reverse("procedures:my_space"),
                              "fr-table")
    bulk.analyse()
    service_id = queues[0][0]
    sample = (Case.objects.filter(service_id=service_id, status=CaseStatus.SUBMITTED)
              .order_by("pk").first())
    admin = reverse("admin:procedures_case_changelist")
    return {
        "admin_queue": Page(database, agent, f"{admin}?" + urlencode(
            {"service": service_id, "status": CaseStatus.SUBMITTED}), "case-status--submitted"),
        "admin_search": Page(database, agent, f"{admin}?" + urlencode(
            {"q": sample.reference, "status": "all"}), sample.reference),
        **citizens,
    }


def _queries(page):
    """The number of queries of a warm GET of `page`, checking what it shows."""
    _use(page.database)
    page.client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        response = page.client.get(page.url)
    count = len(queries)  # now: the next request clears the log
    if response.status_code != 200 or page.expect.encode() not in response.content:
        raise RuntimeError(f"{page.url} answered {response.status_code} without {page.expect!r}")
    return count


def _compare(pairs, repeat):
    """{name: (baseline page, page)} → {name: ((baseline ms, queries), (ms, queries))}, the
    times being medians of GETs taken in turn (at least 3, fewer than `repeat` past
    PAGE_SECONDS: a page that takes seconds has said what it had to say)."""
    queries = {name: tuple(_queries(page) for page in pair) for name, pair in pairs.items()}
    times = {name: ([], []) for name in pairs}
    for name, pair in pairs.items():
        spent = 0
        while len(times[name][0]) < 3 or (len(times[name][0]) < repeat and spent < PAGE_SECONDS):
            for side, page in enumerate(pair):
                _use(page.database)
                connection.ensure_connection()  # after a switch of database: not timed
                started = time.perf_counter()
                page.client.get(page.url)
                elapsed = time.perf_counter() - started
                times[name][side].append(elapsed)
                spent += elapsed
    return {name: tuple((statistics.median(times[name][side]) * 1000, queries[name][side])
                        for side in (0, 1))
            for name in pairs}


def run(quick, shared):
    sizes = _sizes(quick)
    big_database = connection.settings_dict["NAME"]
    population.clear_cases()
    connection.close()
    environment.copy_database(SMALL_DATABASE)
    try:
        small = _populate(SMALL_DATABASE, sizes["small"], sizes)
        started = time.monotonic()
        big = _populate(big_database, sizes["big"], sizes)
        loaded = time.monotonic() - started
        measured = _compare({
            "admin_queue": (small["admin_queue"], big["admin_queue"]),
            "admin_search": (small["admin_search"], big["admin_search"]),
            "my_space": (big["poor"], big["rich"]),
        }, sizes["repeat"])
    finally:
        _use(big_database)
        connection.close()
        environment.drop_database(SMALL_DATABASE)

    results = [Result("scale.cases_loaded_per_s", sizes["big"] / loaded)]
    for name, ((small_ms, small_queries), (big_ms, big_queries)) in measured.items():
        results.append(Result(f"scale.{name}_ms", big_ms, small_ms, "<= 2"))
        results.append(Result(f"scale.{name}_queries", big_queries, small_queries, "== 1"))
    return results
