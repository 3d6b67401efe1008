"""A procedure's own columns, filters and panel in the back office (Procedure.queue_columns,
queue_filters, queue_queryset, admin_panel), shown when the queue is that procedure's alone."""

import pytest
from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.db.models import F
from django.db.models.functions import Upper

from procedures.demo.procedure import DemoProcedure

from .conftest import QUEUE, case_url, listed, make_cases


@admin.display(description="Topic")
def topic(case):
    return f"topic: {case.loud_reference}"


class EvenFilter(SimpleListFilter):
    title = "even"
    parameter_name = "even"

    def lookups(self, request, model_admin):
        return [("yes", "Even cases")]

    def queryset(self, request, queryset):
        return queryset.filter(pk__in=[c.pk for c in queryset if c.pk % 2 == 0]) \
            if self.value() == "yes" else queryset


class ExtendedDemo(DemoProcedure):
    queue_columns = (topic,)
    queue_filters = (EvenFilter,)

    def queue_queryset(self, cases):
        return cases.annotate(loud_reference=Upper(F("reference")))

    def admin_panel(self, case):
        return {"template": "procedures/status_badge.html", "context": {}}


@pytest.fixture
def extended(registered):
    return registered(ExtendedDemo)[0]


def test_the_procedures_columns_filters_and_panel(extended, login, agent_a, service_a):
    cases = make_cases(4, service_a)
    client = login(agent_a)
    page = client.get(QUEUE, {"procedure": "demo"}).content.decode()
    assert f"topic: {cases[0].reference.upper()}" in page and "Even cases" in page
    even = {case.reference for case in cases if case.pk % 2 == 0}
    assert listed(client.get(QUEUE, {"procedure": "demo", "even": "yes"})) == even
    page = client.get(case_url(cases[0])).content.decode()
    assert 'class="fr-badge fr-badge--sm' in page  # the panel's template, with the case


def test_not_in_a_queue_of_several_procedures(extended, login, agent_a, service_a):
    make_cases(2, service_a)  # the demo service handles several demo procedures
    page = login(agent_a).get(QUEUE).content.decode()
    assert "topic:" not in page and "Even cases" not in page
