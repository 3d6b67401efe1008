"""Human references such as EC-2026-000042: unique, never duplicated under concurrency, and
gap-tolerant (a number taken by a submission that rolls back is not reused)."""

import re

from django.db import connection
from django.db.models import F

from .models import ReferenceCounter

PREFIX = re.compile(r"^[A-Z]{2,5}$")


def _next_from_sequence(prefix, year):
    # A PostgreSQL sequence is never rolled back and never blocks concurrent submissions; the
    # function (migration 0003) creates the year's sequence on first use.
    with connection.cursor() as cursor:
        cursor.execute("SELECT guichet_next_reference(%s)",
                       [f"case_reference_{prefix.lower()}_{year}"])
        return cursor.fetchone()[0]


def _next_from_counter(prefix, year):
    # SQLite serialises writers: a counter row is enough there.
    ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
    ReferenceCounter.objects.filter(prefix=prefix, year=year).update(value=F("value") + 1)
    return ReferenceCounter.objects.get(prefix=prefix, year=year).value


def new_reference(prefix, year):
    if not PREFIX.match(prefix):
        raise ValueError(f"bad reference prefix {prefix!r}")
    if connection.vendor == "postgresql":
        number = _next_from_sequence(prefix, year)
    else:
        number = _next_from_counter(prefix, year)
    return f"{prefix}-{year}-{number:06d}"
