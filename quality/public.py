"""The public indicators' pages and their open data (CSV, JSON): they read the rows that
quality.tasks precomputes, a few dozen rows whatever the number of cases."""

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from procedures.registry import registry

from . import indicators
from .indicators import ALL, SATISFACTION_MINIMUM
from .models import MonthlyIndicator

COLUMNS = [
    ("procedure", gettext_lazy("Procedure identifier (empty: the whole guichet)")),
    ("month", gettext_lazy("Month, YYYY-MM")),
    ("filed", gettext_lazy("Cases filed in the month")),
    ("decided", gettext_lazy("Cases decided in the month (accepted, rejected or closed)")),
    ("decided_in_time", gettext_lazy("Of those, decided by their announced due date")),
    ("median_days", gettext_lazy("Median processing time of the cases decided, in days")),
    ("p90_days", gettext_lazy("90th percentile of that processing time, in days")),
    ("messages", gettext_lazy("Messages from applicants in the month")),
    ("messages_answered_in_time",
     gettext_lazy("Of those, answered by the service within 5 working days")),
    ("complaints", gettext_lazy("Complaints filed in the month")),
    ("complaints_answered_in_time", gettext_lazy("Of those, answered by their due date")),
    ("satisfaction_answers", gettext_lazy("Satisfaction questionnaires answered in the month")),
    ("satisfaction_points", gettext_lazy("Sum of the scores of “how did it go” "
                                         "(well 10, average 5, badly 0)")),
]


def _procedures():
    return sorted((p for p in registry if p.listed), key=lambda p: str(p.title))


def _table(rows):
    return [{
        "row": row,
        "in_time": indicators.share(row.decided_in_time, row.decided),
        "messages_in_time": indicators.share(row.messages_answered_in_time, row.messages),
        "complaints_in_time": indicators.share(row.complaints_answered_in_time, row.complaints),
    } for row in rows]


@require_GET
def indicators_page(request, slug=None):
    procedure = None
    if slug is not None:
        procedure = registry.get(slug)
        if procedure is None or not procedure.listed:
            raise Http404
    rows = indicators.rows(procedure.slug if procedure else ALL)
    context = {
        "procedure": procedure, "table": _table(rows),
        "score": indicators.satisfaction_score(rows), "minimum": SATISFACTION_MINIMUM,
        "procedures": _procedures(), "columns": COLUMNS,
        "computed_at": max((row.computed_at for row in rows if row.pk), default=None),
        "title": _("Quality results"),
    }
    return render(request, "quality/indicators.html", context)



def _open_data():
    months = indicators.last_months()
    slugs = [ALL, *(p.slug for p in _procedures())]
    stored = MonthlyIndicator.objects.filter(month__in=months, procedure__in=slugs)
    by_key = {(row.procedure, row.month): row for row in stored}
    for slug in slugs:
        for month in months:
            row = by_key.get((slug, month)) or MonthlyIndicator(procedure=slug, month=month)
            yield {name: _value(row, name) for name, _label in COLUMNS}


def _value(row, name):
    if name == "month":
        return row.month.strftime("%Y-%m")
    return getattr(row, name)


@require_GET
def open_data_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="guichet-indicateurs.csv"'
    writer = csv.DictWriter(response, fieldnames=[name for name, _label in COLUMNS])
    writer.writeheader()
    writer.writerows(_open_data())
    return response


@require_GET
def open_data_json(request):
    return JsonResponse({
        "columns": [{"name": name, "description": str(label)} for name, label in COLUMNS],
        "satisfaction_minimum_answers": SATISFACTION_MINIMUM,
        "rows": list(_open_data()),
    }, json_dumps_params={"ensure_ascii": False})

