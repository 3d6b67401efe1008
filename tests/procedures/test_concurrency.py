"""Submissions racing each other, on PostgreSQL with real connections (one per thread)."""

import threading

import pytest
from django.db import connection

from procedures import workflow
from procedures.constants import CaseStatus
from procedures.models import Case, CaseEvent
from tests.procedures.factories import CaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(calls):
    """Run the calls at the same moment, each in its own thread and database connection."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as error:  # collected and re-raised in the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_twenty_concurrent_submits_of_one_draft_make_one_submission(demo_service):
    case = CaseFactory()
    errors = _race([lambda: workflow.submit(case.pk, case.applicant)] * 20)
    assert errors == []
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert CaseEvent.objects.filter(case=case, kind="submit").count() == 1


def test_fifty_concurrent_submissions_get_fifty_distinct_references(demo_service):
    drafts = [CaseFactory() for _ in range(50)]
    errors = _race([lambda d=d: workflow.submit(d.pk, d.applicant) for d in drafts])
    assert errors == []
    references = list(Case.objects.values_list("reference", flat=True))
    assert len(references) == 50 and len(set(references)) == 50
    assert all(reference.startswith("DM-") for reference in references)


def test_the_first_references_of_a_year_race_safely():
    from procedures.references import new_reference

    with connection.cursor() as cursor:
        cursor.execute('DROP SEQUENCE IF EXISTS "case_reference_zz_2999"')
    taken = []
    errors = _race([lambda: taken.append(new_reference("ZZ", 2999))] * 20)
    assert errors == []
    assert sorted(taken) == [f"ZZ-2999-{n:06d}" for n in range(1, 21)]
