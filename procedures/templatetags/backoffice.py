"""The admin home of an agent: per service, the cases to process; and their own open cases."""

from django import template
from django.db.models import Count, Min, Q
from django.utils import timezone

from ..admin.scope import queue, scope
from ..constants import CaseStatus
from ..models.case import overdue_condition

register = template.Library()

MY_CASES_SHOWN = 10


@register.simple_tag(takes_context=True)
def backoffice_overview(context):
    request = context["request"]
    services = scope(request).services
    if not services:
        return None
    open_cases = queue(request.user).still_open()
    counts = {
        row.pop("service"): row
        for row in open_cases.filter(service__in=services).order_by().values("service").annotate(
            new=Count("pk", filter=Q(status=CaseStatus.SUBMITTED)),
            # in work: every other open state, the procedures' own included (customs: control)
            in_review=Count("pk", filter=~Q(status__in=[CaseStatus.SUBMITTED,
                                                        CaseStatus.AWAITING_INFO])),
            awaiting=Count("pk", filter=Q(status=CaseStatus.AWAITING_INFO)),
            overdue=Count("pk", filter=overdue_condition()),
            # the case waiting longest for the service (not for its applicant)
            oldest=Min("submitted_at", filter=~Q(status=CaseStatus.AWAITING_INFO)),
        )
    }
    now = timezone.now()
    for row in counts.values():
        row["oldest_days"] = (now - row["oldest"]).days if row["oldest"] else None
    empty = {"new": 0, "in_review": 0, "awaiting": 0, "overdue": 0, "oldest": None}
    mine = open_cases.filter(assigned_to=request.user).select_related("applicant", "company")
    my_cases = list(mine.order_by("due_at", "pk")[: MY_CASES_SHOWN + 1])
    return {
        "services": [(service, counts.get(service.pk, empty)) for service in services],
        "my_cases": my_cases[:MY_CASES_SHOWN],
        "more_cases": len(my_cases) > MY_CASES_SHOWN,
        "today": timezone.localdate(),
    }
