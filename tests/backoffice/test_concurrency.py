"""Two agents deciding the same case at once: one decision, the other is told why."""

import threading

import pytest
from django.db import connection
from django.test import Client

from procedures.constants import CaseStatus
from procedures.models import CaseEvent
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

from .conftest import case_url


def decide(client, case, name, version, text=""):
    return client.post(case_url(case), {
        "operation": "transition", "transition": name, f"{name}-version": version,
        f"{name}-text": text,
    }, HTTP_ACCEPT_LANGUAGE="en")


def test_the_second_decision_on_the_same_page_version_is_refused(client, agent_a, colleague_a,
                                                                 service_a):
    case = CaseFactory(in_review=True, service=service_a)
    other = Client()
    log_in(client, agent_a)
    log_in(other, colleague_a)
    assert decide(client, case, "accept", case.version).status_code == 302
    refused = decide(other, case, "reject", case.version, "Incomplet.")
    assert refused.status_code == 409
    assert "Someone else changed this case" in refused.text
    assert list(CaseEvent.objects.values_list("kind", flat=True)) == ["accept"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_agents_deciding_at_the_same_moment(agent_a, colleague_a, service_a):
    case = CaseFactory(in_review=True, service=service_a)
    version = case.version
    start = threading.Barrier(2)
    responses = {}

    def agent(user, name, text):
        client = Client()
        log_in(client, user)
        start.wait()
        try:
            responses[name] = decide(client, case, name, version, text)
        finally:
            connection.close()

    threads = [threading.Thread(target=agent, args=(agent_a, "accept", "")),
               threading.Thread(target=agent, args=(colleague_a, "reject", "Incomplet."))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    codes = sorted(response.status_code for response in responses.values())
    assert codes == [302, 409]
    loser = next(r for r in responses.values() if r.status_code == 409)
    assert "Someone else changed this case" in loser.text
    case.refresh_from_db()
    events = list(CaseEvent.objects.filter(case=case))
    assert len(events) == 1 and events[0].to_status == case.status
    assert case.status in (CaseStatus.ACCEPTED, CaseStatus.REJECTED)
