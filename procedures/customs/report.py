"""How each risk rule performs over a period, against the random selection: the declarations it
selected, the controls done, the non-conform findings (the hit rate) and the amounts
recovered. Declarations drawn at random are an unbiased sample: their hit rate is the
baseline a rule must beat to be worth its controls."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import Clearance, Reason, RiskRule


@dataclass(frozen=True)
class Row:
    rule: RiskRule | None  # None: the random selection
    selected: int
    controlled: int
    non_conform: int
    recovered: Decimal

    @property
    def hit_rate(self):
        return self.non_conform / self.controlled if self.controlled else None


def _bounds(since, until):
    """[since 00:00, the day after until 00:00) in the local time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(since, datetime.time(), zone)
    end = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time(), zone)
    return start, end


def _measures(prefix=""):
    return {
        "selected": Count(f"{prefix}pk"),
        "controlled": Count(f"{prefix}pk", filter=Q(**{f"{prefix}controlled_at__isnull": False})),
        "non_conform": Count(f"{prefix}pk", filter=Q(**{f"{prefix}non_conform": True})),
        "recovered": Sum(f"{prefix}recovered", default=Decimal("0.00")),
    }


def rule_report(since, until):
    """([Row per rule that selected a declaration], Row of the random selection) for the
    declarations selected from `since` to `until` (dates, both included)."""
    start, end = _bounds(since, until)
    by_rule = list(Reason.objects
                   .filter(clearance__selected_at__gte=start, clearance__selected_at__lt=end)
                   .values("rule").annotate(**_measures("clearance__")).order_by())
    names = RiskRule.objects.in_bulk([row["rule"] for row in by_rule])
    rows = sorted((Row(names[row.pop("rule")], **row) for row in by_rule),
                  key=lambda row: (-row.selected, row.rule.name))
    random = (Clearance.objects.filter(selected_at__gte=start, selected_at__lt=end)
              .exclude(random_lane="").aggregate(**_measures()))
    return rows, Row(None, **random)
