import datetime

import pytest

from procedures import workflow
from procedures.constants import DelayUnit
from procedures.errors import IncompleteCase
from procedures.models import Case
from procedures.registry import registry

from .conftest import ANSWERS, CERTIFICATE, PERSON

pytestmark = pytest.mark.usefixtures("french")

procedure = registry["civil_status"]


def test_it_is_handled_by_the_town_hall_in_ten_working_days():
    assert procedure.service_code == "mairie-etat-civil"
    assert (procedure.delay, procedure.delay_unit) == (10, DelayUnit.WORKING_DAYS)
    assert procedure.reference_prefix == "EC"
    assert procedure.step_names() == ["certificate", "person", "delivery"]


def test_the_delivery_address_is_prefilled_from_the_profile(citizen):
    assert procedure.prefill("delivery", user=citizen, company=None, answers={}) == {
        "address": "12 rue des Lilas", "postal_code": "69003", "city": "Lyon"}


def test_the_person_step_is_shaped_by_the_certificate_chosen():
    form = procedure.bound_form("person", {
        "certificate": {"record": "marriage", "kind": "extract_without_parentage",
                        "relation": "other"},
        "person": PERSON,
    })
    assert {"spouse_name", "marriage_date"} <= set(form.fields)
    assert "first_parent" not in form.fields


def test_the_summary_reads_in_french():
    sections = procedure.summarise(ANSWERS)
    assert [str(step.title) for step, rows in sections] == [
        "Le document demandé", "La personne concernée par l’acte", "Réception du document"]
    certificate_rows = sections[0][1]
    assert certificate_rows == [
        ("Quel acte ?", "Acte de naissance"),
        ("Quel document ?", "Extrait plurilingue"),
        ("Qui êtes-vous pour la personne concernée par l’acte ?",
         "Son ascendant (parent, grand-parent…)"),
    ]
    assert ("Date de naissance", "5 mars 2018") in sections[1][1]


def test_changing_the_document_afterwards_asks_again_for_what_it_needs(citizen, town_hall):
    """The person step was filled for an extract without parentage; a full copy needs the
    parents: submission is refused until the person step is completed."""
    person = {key: value for key, value in PERSON.items() if "parent" not in key}
    case = Case.objects.create(procedure="civil_status", applicant=citizen, service=town_hall,
                               answers={**ANSWERS, "person": person})
    with pytest.raises(IncompleteCase) as refused:
        workflow.submit(case.pk, citizen)
    assert refused.value.errors == {
        "person": ["Indiquez le nom et les prénoms du premier parent."]}


def test_a_forbidden_request_is_refused_at_submission_too():
    answers = {**ANSWERS, "certificate": {**CERTIFICATE, "relation": "other"}}
    assert procedure.validate(answers) == {"certificate": [
        "Pour cet acte, le document « Extrait plurilingue » n’est délivré qu’à la personne "
        "concernée par l’acte, son époux ou son épouse, un ascendant, un descendant ou son "
        "représentant légal. Vous pouvez demander à la place le document « Extrait sans "
        "filiation »."]}
    assert procedure.validate(ANSWERS) == {}


def _decided(case, registrar, decide):
    workflow.start_review(case.pk, registrar)
    decide(case.pk, registrar, text="Motivation.")
    return case.events.last()


@pytest.mark.parametrize("decide", [workflow.reject, workflow.close])
def test_a_refusal_or_a_closure_issues_no_certificate(decide, submitted_case, registrar):
    event = _decided(submitted_case, registrar, decide)
    assert procedure.decision_details(submitted_case, event) is None


@pytest.mark.parametrize(("production", "specimen"), [(False, True), (True, False)])
def test_an_accepted_request_issues_the_certificate(production, specimen, submitted_case,
                                                    registrar, settings):
    settings.PRODUCTION = production
    event = _decided(submitted_case, registrar, workflow.accept)
    details = procedure.decision_details(submitted_case, event)
    assert details["template"] == "civil_status/certificate.html"
    assert details["context"]["kind"] == "multilingual"
    assert details["context"]["person"]["birth_date"] == datetime.date(2018, 3, 5)
    assert details["context"]["specimen"] is specimen


def test_the_certificate_prints_only_what_the_document_shows(citizen, town_hall, registrar):
    """The parents were given for a first choice of document, then the citizen chose an
    extract without parentage: the answers still hold them, the extract does not."""
    answers = {**ANSWERS, "certificate": {**CERTIFICATE, "kind": "extract_without_parentage"}}
    case = Case.objects.create(procedure="civil_status", applicant=citizen, service=town_hall,
                               answers=answers)
    workflow.submit(case.pk, citizen)
    event = _decided(case, registrar, workflow.accept)
    person = procedure.decision_details(case, event)["context"]["person"]
    assert "first_parent" not in person and person["last_name"] == "Lefèvre Martin"


def test_the_person_is_prefilled_from_the_profile_when_the_requester_is_that_person(citizen):
    citizen.birth_date, citizen.birth_place = datetime.date(1988, 4, 12), "Lyon"
    mine = {"certificate": {**CERTIFICATE, "relation": "self"}}
    assert procedure.prefill("person", user=citizen, company=None, answers=mine) == {
        "last_name": "Martin", "first_names": "Camille", "birth_date": "1988-04-12",
        "birth_place": "Lyon"}
    assert procedure.prefill("person", user=citizen, company=None, answers=ANSWERS) == {}
