"""The officers' queue of declarations: its columns (lane, rule fired, amount due) and filters
(lane, rule fired, amount, post-clearance audit), read from the clearance and the liquidation
by annotations: one query for the page."""

from decimal import Decimal

from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.db.models import DecimalField, F, OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..display import money
from .constants import Lane
from .models import Reason, RiskRule

RANDOM = "random"
AMOUNTS = {"small": (None, Decimal(1000)), "medium": (Decimal(1000), Decimal(10000)),
           "large": (Decimal(10000), None)}


def annotate(cases):
    first_rule = (Reason.objects.filter(clearance__case=OuterRef("pk"))
                  .order_by("pk").values("rule__name")[:1])
    total = KeyTextTransform("total", KeyTransform("liquidation", "computed"))
    return cases.annotate(
        customs_lane=F("clearance__lane"), customs_random=F("clearance__random_lane"),
        customs_rule=Subquery(first_rule),
        customs_total=Cast(total, DecimalField(max_digits=14, decimal_places=2)),
    )


@admin.display(description=_("lane"), ordering="customs_lane")
def lane(case):
    if not case.customs_lane:
        return "—"
    return format_html('<span class="customs-lane customs-lane--{}">{}</span>', case.customs_lane,
                       Lane(case.customs_lane).label)


@admin.display(description=_("rule fired"), ordering="customs_rule")
def rule_fired(case):
    if case.customs_rule:
        return case.customs_rule
    return _("random") if case.customs_random else "—"


@admin.display(description=_("amount due"), ordering="customs_total")
def amount(case):
    return money(case.customs_total) if case.customs_total is not None else "—"


class LaneFilter(SimpleListFilter):
    title = _("lane")
    parameter_name = "lane"

    def lookups(self, request, model_admin):
        return Lane.choices

    def queryset(self, request, queryset):
        return queryset.filter(clearance__lane=self.value()) if self.value() else queryset


class RuleFilter(SimpleListFilter):
    title = _("rule fired")
    parameter_name = "rule"

    def lookups(self, request, model_admin):
        return [*((str(pk), name) for pk, name in RiskRule.objects.values_list("pk", "name")),
                (RANDOM, _("Drawn at random"))]

    def queryset(self, request, queryset):
        if self.value() == RANDOM:
            return queryset.exclude(clearance__random_lane="").filter(clearance__isnull=False)
        if self.value() in dict(self.lookup_choices):
            return queryset.filter(clearance__reasons__rule_id=self.value())
        return queryset


class AmountFilter(SimpleListFilter):
    title = _("amount due")
    parameter_name = "amount"

    def lookups(self, request, model_admin):
        return [("small", _("Under 1,000 €")), ("medium", _("1,000 to 10,000 €")),
                ("large", _("Over 10,000 €"))]

    def queryset(self, request, queryset):
        if self.value() not in AMOUNTS:
            return queryset
        low, high = AMOUNTS[self.value()]
        if low is not None:
            queryset = queryset.filter(customs_total__gte=low)
        return queryset.filter(customs_total__lt=high) if high is not None else queryset


class AuditFilter(SimpleListFilter):
    title = _("post-clearance audit")
    parameter_name = "audit"

    def lookups(self, request, model_admin):
        return [("yes", _("Listed for a post-clearance audit"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(clearance__post_clearance_audit=True)
        return queryset


COLUMNS = (lane, rule_fired, amount)
FILTERS = (LaneFilter, RuleFilter, AmountFilter, AuditFilter)
