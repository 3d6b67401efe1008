"""Steps as specs, through the views, with the demo household procedure (procedures.demo):
a step for couples only, and a repeatable block of children (0 to 30 rows)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from procedures import workflow
from procedures.constants import CaseStatus
from procedures.display import money
from procedures.models import Case
from tests.factories import ServiceFactory, UserFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

COUPLE = {"situation": "couple"}
SINGLE = {"situation": "single"}
SPOUSE = {"spouse_first_name": "Thomas", "spouse_last_name": "Lefèvre"}


def _step(case, name):
    return reverse("procedures:step", args=[case.public_id, name])


def _review(case):
    return reverse("procedures:review", args=[case.public_id])


def _rows(*rows, total=None):
    data = {"children-TOTAL_FORMS": str(len(rows) if total is None else total),
            "children-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"children-{index}-{name}": value for name, value in row.items()})
    return data


@pytest.fixture
def start(client, demo_service):
    def start(user=None):
        log_in(client, user or UserFactory(last_name="Martin"))
        client.post(reverse("procedures:start", args=["demo-household"]))
        return Case.objects.latest("pk")
    return start


def test_the_spouse_step_appears_for_a_couple_and_disappears_with_its_answers(client, start):
    case = start()
    response = client.post(_step(case, "household"), COUPLE)
    assert response["Location"] == _step(case, "spouse")
    page = client.get(_step(case, "spouse")).content.decode()
    assert "Étape 2 sur 3" in page and 'value="Martin"' in page  # prefilled from the profile
    response = client.post(_step(case, "spouse"), SPOUSE)
    assert response["Location"] == _step(case, "children")
    assert "Étape 3 sur 3" in client.get(_step(case, "children")).content.decode()
    client.post(_step(case, "children"), _rows({"first_name": "Léa", "birth_year": "2018"}))
    assert "Thomas" in client.get(_review(case)).content.decode()

    # Single after all: the spouse step no longer applies anywhere.
    response = client.post(_step(case, "household"), SINGLE)
    assert response["Location"] == _step(case, "children")
    page = client.get(_step(case, "children")).content.decode()
    assert "Étape 2 sur 2" in page
    assert client.get(_step(case, "spouse")).status_code == 404
    review = client.get(_review(case)).content.decode()
    assert "Thomas" not in review and "Votre conjoint" not in review
    client.post(_review(case))
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert set(case.answers) == {"household", "children"}  # the spouse's answers dropped
    assert case.computed == {"members": 2, "allowance": "617.28"}


def test_a_step_that_applies_must_be_answered_before_submission(client, start):
    case = start()
    client.post(_step(case, "household"), COUPLE)
    client.post(_step(case, "children"), _rows())
    review = client.get(_review(case)).content.decode()
    assert "Étapes pas encore remplies" in review and _step(case, "spouse") in review
    client.post(_review(case))
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT


@pytest.mark.parametrize("count", [0, 1, 30])
def test_a_repeatable_block_takes_0_1_or_30_rows(client, start, count):
    case = start()
    client.post(_step(case, "household"), SINGLE)
    rows = [{"first_name": f"Enfant {n}", "birth_year": str(2000 + n % 20)} for n in range(count)]
    response = client.post(_step(case, "children"), _rows(*rows))
    assert response["Location"] == _review(case)
    case.refresh_from_db()
    assert case.answers["children"] == [
        {"first_name": row["first_name"], "birth_year": int(row["birth_year"])} for row in rows]
    review = client.get(_review(case)).content.decode()
    assert review.count("<tr><td>Enfant ") == count  # the summary's table, one line a row
    assert money(Decimal("617.28") * count) in review  # the computed allowance, before submitting
    client.post(_review(case))
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED and len(case.answers["children"]) == count


def test_more_rows_than_allowed_are_refused_for_the_block(client, start):
    case = start()
    client.post(_step(case, "household"), SINGLE)
    rows = [{"first_name": f"Enfant {n}", "birth_year": "2010"} for n in range(31)]
    response = client.post(_step(case, "children"), _rows(*rows))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez au plus 30 lignes." in html
    assert 'aria-labelledby="children_block_legend children_block_error"' in html
    assert 'value="Enfant 30"' in html  # nothing typed is lost


def test_a_row_error_is_tied_to_its_field_and_the_other_rows_are_kept(client, start):
    case = start()
    client.post(_step(case, "household"), SINGLE)
    response = client.post(_step(case, "children"), _rows(
        {"first_name": "Léa", "birth_year": "2018"}, {"first_name": "Noé", "birth_year": "1900"}))
    html = response.content.decode()
    assert 'aria-describedby="id_children-1-birth_year_error"' in html
    assert 'id="id_children-1-birth_year_error"' in html
    assert 'href="#id_children-1-birth_year"' in html  # the error summary links to the field
    assert 'id_children-0-birth_year_error' not in html  # the first row is fine
    assert 'value="Léa"' in html and 'value="Noé"' in html and 'value="1900"' in html
    case.refresh_from_db()
    assert "children" not in case.answers


def test_rows_are_added_and_removed_without_javascript_and_nothing_else_is_lost(client, start):
    case = start()
    client.post(_step(case, "household"), SINGLE)
    rows = [{"first_name": "Léa", "birth_year": "2018"}, {"first_name": "Noé", "birth_year": ""},
            {"first_name": "Zoé", "birth_year": "2021"}]
    html = client.post(_step(case, "children"), {**_rows(*rows), "_add_row": "1"}
                       ).content.decode()
    assert 'name="children-3-first_name"' in html and 'value="Noé"' in html
    assert "fr-input--error" not in html  # adding a row is not a submission: no error yet
    html = client.post(_step(case, "children"), {**_rows(*rows), "_remove_row": "1"}
                       ).content.decode()
    assert 'value="Noé"' not in html and 'name="children-2-first_name"' not in html
    assert 'name="children-1-first_name" value="Zoé"' in html  # renumbered, kept
    # A blank row past the minimum is ignored.
    response = client.post(_step(case, "children"), _rows(rows[0], rows[2], {}))
    assert response["Location"] == _review(case)
    case.refresh_from_db()
    assert [row["first_name"] for row in case.answers["children"]] == ["Léa", "Zoé"]


def test_an_invalid_step_saved_for_later_comes_back_with_its_errors_on_another_device(
        client, start):
    user = UserFactory()
    case = start(user)
    client.post(_step(case, "household"), COUPLE)
    response = client.post(_step(case, "spouse"), {"spouse_first_name": "Thomas",
                                                   "spouse_last_name": "", "_leave": "1"})
    assert response["Location"] == reverse("procedures:my_space")
    case.refresh_from_db()
    assert case.answers["spouse"] == {"spouse_first_name": "Thomas", "spouse_last_name": ""}

    other_device = client.__class__()
    log_in(other_device, user)
    html = other_device.get(_step(case, "spouse")).content.decode()
    assert 'value="Thomas"' in html
    assert 'aria-describedby="id_spouse_last_name_error"' in html  # the error is back
    review = other_device.get(_review(case)).content.decode()
    assert "Indiquez « Nom du conjoint »." in review
    other_device.post(_review(case))
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT


def test_previous_on_a_step_with_errors_keeps_what_was_typed(client, start):
    case = start()
    client.post(_step(case, "household"), SINGLE)
    response = client.post(_step(case, "children"), {
        **_rows({"first_name": "Léa", "birth_year": "vingt"}), "_previous": "1"})
    assert response["Location"] == _step(case, "household")
    html = client.get(_step(case, "children")).content.decode()
    assert 'value="vingt"' in html and "Saisissez un nombre entier." in html


def test_a_routed_case_goes_to_the_service_its_answers_name_and_the_history_says_so(
        client, start, demo_service, agent):
    couples = ServiceFactory(code="demo-couples", name="Service des couples")
    case = start()
    client.post(_step(case, "household"), COUPLE)
    client.post(_step(case, "spouse"), SPOUSE)
    client.post(_step(case, "children"), _rows())
    client.post(_review(case))
    case.refresh_from_db()
    assert case.service == couples
    assert case.events.get(kind="submit").data == {"routed_to": "demo-couples"}

    # An agent of the couples' service sends it back; the history records it.
    registrar = UserFactory(is_staff=True)
    registrar.memberships.create(service=couples)
    workflow.reroute(case.pk, registrar, demo_service, text="Pas un couple.")
    case.refresh_from_db()
    assert case.service == demo_service and case.assigned_to is None
    event = case.events.get(kind="reroute")
    assert event.data == {"from": "demo-couples", "to": "demo-service"}
    assert event.actor == registrar and event.text == "Pas un couple."


def test_without_the_routed_service_the_case_stays_with_the_default_one(client, start,
                                                                         demo_service):
    case = start()
    client.post(_step(case, "household"), COUPLE)
    client.post(_step(case, "spouse"), SPOUSE)
    client.post(_step(case, "children"), _rows())
    client.post(_review(case))
    case.refresh_from_db()
    assert case.service == demo_service
    assert case.events.get(kind="submit").data == {"routed_to": "demo-service"}
