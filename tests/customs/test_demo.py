import io
from collections import Counter

import pytest
from django.core.management import call_command

from procedures.models import Case

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", stdout=io.StringIO())


def _declarations():
    return Counter(Case.objects.filter(procedure="customs").values_list(
        "status", "clearance__lane"))


EXPECTED = {("draft", None): 1, ("released", "green"): 1, ("submitted", "green"): 1,
            ("released", "blue"): 1, ("under_control", "orange"): 1,
            ("under_control", "red"): 1, ("controlled", "red"): 1, ("released", "red"): 1,
            ("refused", "orange"): 1, ("seized", "red"): 1}


def test_the_demo_has_declarations_in_every_lane_and_state_however_often_it_is_seeded():
    _seed()
    assert _declarations() == EXPECTED
    _seed()
    assert _declarations() == EXPECTED


def test_the_demo_declarations_went_through_the_workflow(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # their documents rendered
        _seed()
    released = Case.objects.get(procedure="customs", status="released", clearance__lane="red")
    assert [e.kind for e in released.events.all()] == [
        "submit", "start_control", "record_control", "release"]
    assert released.clearance.non_conform and released.clearance.recovered > 0
    assert released.computed["liquidation"] != released.computed["declared_liquidation"]
    assert released.documents.filter(kind="decision").exists()
    green = Case.objects.get(procedure="customs", status="released", clearance__lane="green")
    assert green.events.get(kind="release_at_once").actor is None
    seized = Case.objects.get(procedure="customs", status="seized")
    assert seized.events.get(kind="seize").actor.email == "superviseur@guichet.example"
