import io

import pytest
from django.core.management import call_command

from procedures.constants import CaseStatus
from procedures.models import Case

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", stdout=io.StringIO())


def _returns():
    return {case.answers["year"]["income_year"]: case for case in
            Case.objects.filter(procedure="tax_filing", applicant__email="citoyen@guichet.example")}


def test_the_demo_returns_one_a_year_however_often_it_is_seeded():
    _seed()
    _seed()
    returns = _returns()
    assert {year: case.status for year, case in returns.items()} == {
        2023: CaseStatus.ACCEPTED, 2024: CaseStatus.IN_REVIEW, 2025: CaseStatus.DRAFT}


def test_the_demo_return_in_review_was_corrected_through_the_workflow():
    _seed()
    corrected = _returns()[2024]
    assert [event.kind for event in corrected.events.all()] == [
        "submit", "start_review", "correct_income"]
    assert corrected.answers["incomes"]["spouse_salaries"] == 33150
    [correction] = corrected.computed["corrections"]
    assert (correction["old_amount"], correction["new_amount"]) == ("32000", "33150")
    assert correction["old_net_tax"] != correction["new_net_tax"]
