"""A request goes to the town hall of the place of its event when the guichet has that town
hall's service; its agents can send a misrouted one on, through the back office."""

import pytest
from django.urls import reverse

from accounts.constants import ServiceKind
from procedures import workflow
from procedures.admin.scope import scope
from procedures.civil_status import rules
from procedures.models import Case
from tests.factories import AgentFactory, ServiceFactory
from tests.second_factor import log_in

from .conftest import ANSWERS, PERSON


@pytest.mark.parametrize(("record", "person", "town"), [
    ("birth", {"birth_place": "Lyon"}, "Lyon"),
    ("birth", {"birth_place": "Lyon (Rhône)"}, "Lyon"),
    ("birth", {"birth_place": "Saint-Étienne, France"}, "Saint-Étienne"),
    ("death", {"birth_place": "Lyon", "death_place": "Villebourg"}, "Villebourg"),
    ("marriage", {"birth_place": "Lyon"}, None),  # the form asks no place of marriage
    ("birth", {"birth_place": ""}, None),
])
def test_the_town_of_the_event(record, person, town):
    assert rules.event_town(record, person) == town


def test_a_town_hall_code():
    assert rules.town_hall_code("Saint-Étienne") == "mairie-saint-etienne-etat-civil"
    with pytest.raises(ValueError):
        rules.event_town("divorce", {})


@pytest.fixture
def lyon(db):
    return ServiceFactory(code="mairie-lyon-etat-civil", name="Mairie de Lyon — état civil",
                          kind=ServiceKind.CIVIL_STATUS)


def _submit(citizen, town_hall, person):
    case = Case.objects.create(procedure="civil_status", applicant=citizen, service=town_hall,
                               answers={**ANSWERS, "person": person})
    return workflow.submit(case.pk, citizen)


def test_a_birth_in_lyon_goes_to_lyon_when_the_guichet_has_its_town_hall(citizen, town_hall,
                                                                          lyon):
    case = _submit(citizen, town_hall, {**PERSON, "birth_place": "Lyon"})
    assert case.service == lyon
    assert case.events.get(kind="submit").data == {"routed_to": "mairie-lyon-etat-civil"}


def test_a_birth_elsewhere_stays_with_the_default_town_hall(citizen, town_hall, lyon):
    case = _submit(citizen, town_hall, {**PERSON, "birth_place": "Marseille"})
    assert case.service == town_hall
    assert case.events.get(kind="submit").data == {"routed_to": "mairie-etat-civil"}


def test_an_agent_sends_a_misrouted_case_to_another_town_hall_from_the_case_page(
        client, citizen, town_hall, lyon):
    case = _submit(citizen, town_hall, {**PERSON, "birth_place": "Lyon"})
    lyon_agent = AgentFactory(service=lyon)
    log_in(client, lyon_agent)
    page = client.get(reverse("admin:procedures_case_change", args=[case.pk])).content.decode()
    url = reverse("admin:procedures_case_reroute", args=[case.pk])
    assert url in page

    refused = client.post(url, {"version": case.version, "service": town_hall.pk, "text": ""})
    assert refused.status_code == 400
    assert 'aria-describedby="id_text_error"' in refused.content.decode()

    response = client.post(url, {"version": case.version, "service": town_hall.pk,
                                 "text": "Née à Lyon 3e, acte transcrit à Villebourg."})
    assert response["Location"] == reverse("admin:procedures_case_changelist")
    case.refresh_from_db()
    assert case.service == town_hall
    event = case.events.get(kind="reroute")
    assert (event.actor, event.data) == (lyon_agent, {"from": "mairie-lyon-etat-civil",
                                                      "to": "mairie-etat-civil"})
    # Lyon no longer sees it; Villebourg's registrar does, with the history.
    assert client.get(url).status_code == 404
    log_in(client, AgentFactory(service=town_hall))
    page = client.get(reverse("admin:procedures_case_change", args=[case.pk])).content.decode()
    assert "Née à Lyon 3e" in page


def test_an_agent_of_another_service_cannot_reroute(citizen, town_hall, lyon):
    case = _submit(citizen, town_hall, {**PERSON, "birth_place": "Lyon"})
    with pytest.raises(workflow.NotPermitted):
        workflow.reroute(case.pk, AgentFactory(service=town_hall), town_hall)


def test_every_town_hall_handles_civil_status_in_the_back_office(rf, town_hall, lyon):
    """Lyon's agents get the civil-status columns and filters, as Villebourg's do."""
    request = rf.get("/admin/")
    request.user = AgentFactory(service=lyon)
    assert [procedure.slug for procedure in scope(request).procedures] == ["civil_status"]
