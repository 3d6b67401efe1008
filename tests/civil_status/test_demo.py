import io
from collections import Counter

import pytest
from django.core.management import call_command

from accounts.constants import ServiceKind
from accounts.models import Service, User
from procedures.constants import CaseStatus
from procedures.models import Case

pytestmark = pytest.mark.django_db

STATES = ["draft", "submitted", "in_review", "awaiting_info", "accepted", "rejected", "closed",
          "withdrawn"]


def _seed():
    call_command("seed_demo", stdout=io.StringIO())


def _states():
    citizen = User.objects.get(email="citoyen@guichet.example")
    return Counter(Case.objects.filter(procedure="civil_status", applicant=citizen)
                   .values_list("status", flat=True))


def test_the_demo_has_one_case_in_each_state_however_often_it_is_seeded():
    _seed()
    assert _states() == dict.fromkeys(STATES, 1)
    _seed()
    assert _states() == dict.fromkeys(STATES, 1)


def test_the_demo_cases_went_through_the_workflow():
    _seed()
    accepted = Case.objects.get(procedure="civil_status", status=CaseStatus.ACCEPTED)
    assert [event.kind for event in accepted.events.all()] == ["submit", "start_review", "accept"]
    assert accepted.events.get(kind="accept").actor.memberships.get().service == accepted.service
    assert accepted.reference.startswith("EC-") and accepted.decided_at


def test_the_demo_has_two_town_halls_and_routes_a_birth_in_lyon_to_lyon():
    _seed()
    town_halls = Service.objects.filter(kind=ServiceKind.CIVIL_STATUS)
    assert set(town_halls.values_list("code", flat=True)) == {"mairie-etat-civil",
                                                              "mairie-lyon-etat-civil"}
    own_birth = Case.objects.get(procedure="civil_status", status=CaseStatus.WITHDRAWN)
    assert own_birth.answers["person"]["birth_place"] == "Lyon"
    assert own_birth.service.code == "mairie-lyon-etat-civil"
    assert all(town_hall.memberships.filter(role="supervisor").exists()
               for town_hall in town_halls)
