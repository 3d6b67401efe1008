"""The daily digests of the history and audit rows, chained by SHA-256 (docs/audit-trail.md).

Each day's digest is the SHA-256 of the previous day's digest and, per table, the number and the
SHA-256 of the rows written that day (local time): the case events of filed cases, the agents'
reads and every django-simple-history table. The first digest covers everything before the end
of its day. `verify()` recomputes every sealed day from the rows: a row changed, deleted or
backdated since, or a digest altered or removed, shows as a problem of its day."""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.models import HistoricalChanges

from .constants import NOT_FILED_KINDS
from .models import AgentRead, AuditDigest, CaseEvent

CHUNK_ROWS = 2000


@dataclass(frozen=True)
class Problem:
    day: datetime.date
    what: str

    def __str__(self):
        return f"{self.day}: {self.what}"


def _sealed_tables():
    """(label, rows, time field) of each table the digests cover."""
    # A draft's events go with it when retention deletes it: only filed cases' are sealed.
    yield ("procedures.caseevent",
           CaseEvent.objects.exclude(case__status_kind__in=NOT_FILED_KINDS), "created_at")
    yield "procedures.agentread", AgentRead.objects.all(), "at"
    for model in sorted((m for m in apps.get_models() if issubclass(m, HistoricalChanges)),
                        key=lambda m: m._meta.label_lower):
        yield model._meta.label_lower, model._default_manager.all(), "history_date"


def _end_of(day):
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1),
                                                         datetime.time.min))


def _tables(after_day, day):
    """Per table with rows in the window (after `after_day`'s end, up to `day`'s end):
    [number of rows, SHA-256 of the rows in primary-key order]."""
    tables = {}
    for label, rows, field in _sealed_tables():
        window = {f"{field}__lt": _end_of(day)}
        if after_day is not None:
            window[f"{field}__gte"] = _end_of(after_day)
        columns = [f.attname for f in rows.model._meta.concrete_fields]
        sha, count = hashlib.sha256(), 0
        for row in rows.filter(**window).order_by("pk").values_list(*columns).iterator(
                chunk_size=CHUNK_ROWS):
            sha.update(_canonical(row) + b"\n")
            count += 1
        if count:
            tables[label] = [count, sha.hexdigest()]
    return tables


def _canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str).encode()


def _digest(day, previous, tables):
    return hashlib.sha256(_canonical(
        {"day": day.isoformat(), "previous": previous, "tables": tables})).hexdigest()


def seal(until=None):
    """Digest every day not sealed yet, in order, up to `until` (yesterday by default); a day
    already sealed is left as it is. Returns the digests made."""
    until = until or timezone.localdate() - datetime.timedelta(days=1)
    latest = AuditDigest.objects.order_by("-day").first()
    day = latest.day + datetime.timedelta(days=1) if latest else until
    made = []
    while day <= until:
        previous = latest.digest if latest else ""
        tables = _tables(latest.day if latest else None, day)
        try:
            with transaction.atomic():
                latest = AuditDigest.objects.create(
                    day=day, previous=previous, tables=tables,
                    digest=_digest(day, previous, tables))
        except IntegrityError:  # another run sealed this day meanwhile: it goes on
            return made
        made.append(latest)
        day += datetime.timedelta(days=1)
    return made


def verify():
    """Every problem found by recomputing the sealed days; none: the chain holds."""
    problems = []
    previous = None
    for sealed in AuditDigest.objects.order_by("day").iterator():
        if previous and sealed.day != previous.day + datetime.timedelta(days=1):
            problems.append(Problem(sealed.day, f"the digests since {previous.day} are missing"))
        if sealed.previous != (previous.digest if previous else ""):
            problems.append(Problem(sealed.day, "not chained to the previous day's digest"))
        if sealed.digest != _digest(sealed.day, sealed.previous, sealed.tables):
            problems.append(Problem(sealed.day, "the digest row was altered"))
        now = _tables(previous.day if previous else None, sealed.day)
        for label in sorted(set(now) | set(sealed.tables)):
            was, is_ = sealed.tables.get(label, [0, ""]), now.get(label, [0, ""])
            if was != is_:
                problems.append(Problem(sealed.day, (
                    f"{label}: rows changed, deleted or added since sealed "
                    f"({was[0]} sealed, {is_[0]} now)")))
        previous = sealed
    return problems
