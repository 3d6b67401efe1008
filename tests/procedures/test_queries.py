"""'Mon espace' and the case page cost the same number of queries for 1 case as for 100."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from procedures import workflow
from procedures.constants import ActorRole
from procedures.views import CASES_PER_PAGE
from tests.factories import UserFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)  # warm: the first request after a log-in also refreshes the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_my_space_is_constant(client, demo_service):
    one, many = UserFactory(), UserFactory()
    CaseFactory(applicant=one, submitted=True)
    CaseFactory.create_batch(100, applicant=many, submitted=True)
    CaseFactory.create_batch(5, applicant=many)  # drafts
    log_in(client, one)
    few = _queries(client, reverse("procedures:my_space"))
    log_in(client, many)
    assert _queries(client, reverse("procedures:my_space")) == few


def test_my_space_pages_the_cases(client, demo_service):
    citizen = UserFactory()
    CaseFactory.create_batch(CASES_PER_PAGE + 1, applicant=citizen, submitted=True)
    log_in(client, citizen)
    url = reverse("procedures:my_space")
    first = client.get(url).content.decode()
    assert first.count("/dossiers/") == CASES_PER_PAGE
    assert 'aria-label="Pages de mes dossiers"' in first and "?page=2" in first
    assert client.get(url, {"page": 2}).content.decode().count("/dossiers/") == 1


def test_case_page_is_constant(client, demo_service, agent):
    quiet = CaseFactory(submitted=True)
    busy = CaseFactory(submitted=True)
    workflow.post_message(quiet.pk, quiet.applicant, ActorRole.CITIZEN, body="Une question")
    workflow.start_review(busy.pk, agent)
    for n in range(50):
        workflow.post_message(busy.pk, agent, ActorRole.AGENT, body=f"Question {n}")
        workflow.post_message(busy.pk, busy.applicant, ActorRole.CITIZEN, body=f"Réponse {n}")
    log_in(client, quiet.applicant)
    few = _queries(client, reverse("procedures:case", args=[quiet.public_id]))
    log_in(client, busy.applicant)
    assert _queries(client, reverse("procedures:case", args=[busy.public_id])) == few
