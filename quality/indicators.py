"""The public indicators, per procedure and month, from the history of the cases.

For a month M (local time, Europe/Paris) and a procedure (or the whole guichet):

- filed: submissions (CaseEvent "submit") in M;
- decided: events moving a case to a decided status (accepted, rejected, closed) in M;
  decided_in_time: those dated no later than the case's due date, and the decisions by
  silence (the law dates them at the due date, whenever the task ran: quality.silence);
- median_days, p90_days: processing time of the cases decided in M, in days (decision minus
  submission, to the hour), median and 90th percentile (nearest rank);
- messages: the applicants' messages in M (CaseEvent "message" or "answer" by the applicant);
  messages_answered_in_time: those followed by an act of an agent on the case (a message, a
  request, a decision…) within 5 working days;
- complaints: complaints filed in M; complaints_answered_in_time: answered by their due date;
- satisfaction_answers, satisfaction_points: questionnaires answered in M, and the sum of the
  first question's scores (0 / 5 / 10). The score shown is points / answers over 12 months,
  only from SATISFACTION_MINIMUM answers.

`refresh(month)` computes a month for every procedure and the guichet and stores the rows
(MonthlyIndicator); the pages and the open data only read them.
"""

import datetime
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from procedures.calendar import due_date
from procedures.constants import DECIDED_KINDS, ActorRole, DelayUnit
from procedures.models import CaseEvent
from procedures.transitions import statuses_of_kind

from .models import Complaint, MonthlyIndicator, Satisfaction

SATISFACTION_MINIMUM = 100
MESSAGE_ANSWER_WORKING_DAYS = 5
MONTHS_SHOWN = 12
ALL = ""  # the procedure of the guichet-wide rows
BY_SILENCE = ("accept_by_silence", "reject_by_silence")


def month_start(day):
    return day.replace(day=1)


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_months(today=None, count=MONTHS_SHOWN):
    """The first days of the `count` months ending with this one, oldest first."""
    current = month_start(today or timezone.localdate())
    return [add_months(current, offset) for offset in range(1 - count, 1)]


def _bounds(month):
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(month, datetime.time.min, zone)
    end = datetime.datetime.combine(add_months(month, 1), datetime.time.min, zone)
    return start, end


def percentile(sorted_values, share):
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass
class Month:
    filed: int = 0
    decided: int = 0
    decided_in_time: int = 0
    median_days: float | None = None
    p90_days: float | None = None
    messages: int = 0
    messages_answered_in_time: int = 0
    complaints: int = 0
    complaints_answered_in_time: int = 0
    satisfaction_answers: int = 0
    satisfaction_points: int = 0


def compute(month):
    """{procedure slug or ALL: Month} for `month`, from the history."""
    start, end = _bounds(month)
    figures = defaultdict(Month)
    in_month = {"created_at__gte": start, "created_at__lt": end}

    for procedure in CaseEvent.objects.filter(kind="submit", **in_month).values_list(
            "case__procedure", flat=True).iterator(chunk_size=10_000):
        figures[procedure].filed += 1
        figures[ALL].filed += 1

    durations = defaultdict(list)
    decisions = (CaseEvent.objects.filter(to_status__in=statuses_of_kind(*DECIDED_KINDS),
                                          **in_month)
                 .exclude(from_status=F("to_status"))
                 .values_list("case__procedure", "kind", "created_at", "case__submitted_at",
                              "case__due_at"))
    for procedure, kind, decided_at, submitted_at, due_at in decisions.iterator(
            chunk_size=10_000):
        in_time = kind in BY_SILENCE or (
            due_at is not None and timezone.localdate(decided_at) <= due_at)
        days = round((decided_at - submitted_at).total_seconds() / 86400, 1)
        for key in (procedure, ALL):
            figures[key].decided += 1
            figures[key].decided_in_time += in_time
            durations[key].append(days)
    for key, values in durations.items():
        values.sort()
        figures[key].median_days = round(statistics.median(values), 1)
        figures[key].p90_days = percentile(values, 0.9)

    next_agent_act = (CaseEvent.objects.filter(case=OuterRef("case"), actor_role=ActorRole.AGENT,
                                               created_at__gt=OuterRef("created_at"))
                      .order_by("created_at").values("created_at")[:1])
    messages = (CaseEvent.objects.filter(kind__in=("message", "answer"),
                                         actor_role=ActorRole.CITIZEN, **in_month)
                .annotate(answered_at=Subquery(next_agent_act))
                .values_list("case__procedure", "created_at", "answered_at"))
    for procedure, sent_at, answered_at in messages.iterator(chunk_size=10_000):
        deadline = due_date(timezone.localdate(sent_at), MESSAGE_ANSWER_WORKING_DAYS,
                            DelayUnit.WORKING_DAYS)
        in_time = answered_at is not None and timezone.localdate(answered_at) <= deadline
        for key in (procedure, ALL):
            figures[key].messages += 1
            figures[key].messages_answered_in_time += in_time

    complaints = Complaint.objects.filter(filed_at__gte=start, filed_at__lt=end).values_list(
        "case__procedure", "due_at", "answered_at")
    for procedure, due_at, answered_at in complaints.iterator():
        in_time = answered_at is not None and timezone.localdate(answered_at) <= due_at
        for key in (procedure, ALL):
            figures[key].complaints += 1
            figures[key].complaints_answered_in_time += in_time

    answers = Satisfaction.objects.filter(**in_month).values_list("case__procedure",
                                                                  "how_it_went")
    for procedure, score in answers.iterator():
        for key in (procedure, ALL):
            figures[key].satisfaction_answers += 1
            figures[key].satisfaction_points += score
    return figures


def refresh(month, procedures):
    """Compute `month` and store its rows: one per procedure in `procedures` (slugs) and the
    guichet's; a procedure with no activity gets a row of zeros."""
    figures = compute(month)
    now = timezone.now()
    with transaction.atomic():
        for key in (ALL, *procedures):
            values = vars(figures.get(key, Month()))
            MonthlyIndicator.objects.update_or_create(
                procedure=key, month=month, defaults={**values, "computed_at": now})


@dataclass(frozen=True)
class Score:
    answers: int
    value: float | None  # on 10; None below SATISFACTION_MINIMUM answers

    @property
    def level(self):
        """The observatory's thresholds: ≥ 8 good, 5 to 8 average, < 5 poor."""
        if self.value is None:
            return None
        return "good" if self.value >= 8 else "average" if self.value >= 5 else "poor"


def satisfaction_score(rows):
    answers = sum(row.satisfaction_answers for row in rows)
    points = sum(row.satisfaction_points for row in rows)
    shown = answers >= SATISFACTION_MINIMUM
    return Score(answers, round(points / answers, 1) if shown else None)


def rows(procedure=ALL, months=None):
    """The stored rows of the last 12 months, oldest first, a row of zeros where none is."""
    months = months or last_months()
    stored = {row.month: row for row in MonthlyIndicator.objects.filter(
        procedure=procedure, month__in=months)}
    return [stored.get(month) or MonthlyIndicator(procedure=procedure, month=month)
            for month in months]


def share(part, whole):
    return None if not whole else round(100 * part / whole)

