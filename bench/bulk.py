"""Cases by the hundred thousand, loaded with PostgreSQL's COPY (psycopg's `cursor.copy`):
across every service and state, with the dates, references and answers real cases have."""

import datetime
import json
import random
import uuid

from django.db import connection

from procedures.constants import CaseStatus
from procedures.transitions import STATES as ENGINE_STATES

S = CaseStatus
# A backlog's shape: mostly decided, a good share waiting for an agent.
STATES = {S.DRAFT: 4, S.SUBMITTED: 22, S.IN_REVIEW: 18, S.AWAITING_INFO: 5, S.ACCEPTED: 36,
          S.REJECTED: 8, S.CLOSED: 3, S.WITHDRAWN: 2, S.DISCARDED: 2}
# Past years only: the references the sequences give this year never collide with these.
YEARS = (2023, 2024, 2025)
CASE_COLUMNS = ("public_id", "reference", "procedure", "procedure_version", "applicant_id",
                "status", "status_kind", "answers", "computed", "service_id", "assigned_to_id",
                "created_at", "updated_at", "submitted_at", "due_at", "decided_at", "version")
USER_COLUMNS = ("password", "is_superuser", "email", "first_name", "last_name", "birth_place",
                "address", "postal_code", "city", "phone", "is_staff", "is_active",
                "date_joined")


def _copy(table, columns, rows):
    connection.ensure_connection()
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def load_users(number, label):
    """`number` citizens; returns their ids."""
    now = datetime.datetime.now(datetime.UTC)
    rows = (("!", False, f"{label}.{i}@bench.example", "Camille", f"Martin {i}", "Lyon",
             "12 rue des Lilas", "69003", "Lyon", "", False, True, now) for i in range(number))
    _copy("accounts_user", USER_COLUMNS, rows)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM accounts_user WHERE email LIKE %s ORDER BY id",
                       [f"{label}.%@bench.example"])
        return [row[0] for row in cursor.fetchall()]


class References:
    """Unique references per (prefix, year), continuing across loads."""

    def __init__(self):
        self.last = {}

    def next(self, prefix, year):
        number = self.last[prefix, year] = self.last.get((prefix, year), 0) + 1
        return f"{prefix}-{year}-{number:06d}"


def load_cases(number, *, queues, applicants, references, seed):
    """`number` cases spread over `queues` — (service id, procedure, agent id) triples — and
    `applicants` (user ids, taken in turn), in the states of STATES."""
    rng = random.Random(seed)
    states = rng.choices(list(STATES), weights=list(STATES.values()), k=number)
    answers = {}
    for _, procedure, _ in queues:
        answers[procedure.slug] = json.dumps(_answers(procedure), ensure_ascii=False)

    def rows():
        for i, status in enumerate(states):
            service_id, procedure, agent_id = queues[i % len(queues)]
            year = rng.choice(YEARS)
            submitted = datetime.datetime(year, 1, 1, 8, tzinfo=datetime.UTC) + \
                datetime.timedelta(minutes=rng.randrange(365 * 24 * 60))
            filed = status not in (S.DRAFT, S.DISCARDED)
            decided = submitted + datetime.timedelta(days=rng.randrange(1, 40)) \
                if ENGINE_STATES[status].decided else None
            worked = status not in (S.DRAFT, S.DISCARDED, S.SUBMITTED, S.WITHDRAWN)
            yield (
                uuid.uuid4(),
                references.next(procedure.reference_prefix, year) if filed else None,
                procedure.slug, procedure.version, applicants[i % len(applicants)], status,
                ENGINE_STATES[status].kind,
                answers[procedure.slug], "{}", service_id, agent_id if worked else None,
                submitted - datetime.timedelta(hours=1), decided or submitted,
                submitted if filed else None,
                (submitted + datetime.timedelta(days=procedure.delay)).date() if filed else None,
                decided, 4 if worked else 2,
            )

    _copy("procedures_case", CASE_COLUMNS, rows())


def _answers(procedure):
    from .population import ANSWERS, PROCEDURE

    return ANSWERS if procedure.slug == PROCEDURE else {}


def analyse():
    """What a production database has after a load: statistics and a visibility map."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE procedures_case")
        cursor.execute("VACUUM ANALYZE accounts_user")
