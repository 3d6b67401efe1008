import io
from collections import Counter

import pytest
from django.core.management import call_command

from procedures.models import Case

pytestmark = pytest.mark.django_db


def _seed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # as `make demo`, tasks in-process
        call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_company_has_one_request_of_each_kind(django_capture_on_commit_callbacks):
    _seed(django_capture_on_commit_callbacks)
    _seed(django_capture_on_commit_callbacks)  # idempotent
    cases = Case.objects.filter(procedure="crisis_aid")
    assert Counter(cases.values_list("status", flat=True)) == {
        "accepted": 1, "submitted": 2, "draft": 1}
    granted = cases.get(status="accepted")
    assert [e.kind for e in granted.events.all()] == ["submit", "proposed", "grant_at_once"]
    assert granted.company.name == "Boulangerie Benali SARL"
    refused, held = cases.filter(status="submitted").order_by("company__name")
    assert held.computed["eligible"] and held.computed["flags"]
    assert not refused.computed["eligible"]
