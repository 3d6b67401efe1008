import datetime

import pytest
from django.utils import timezone

from procedures.civil_status import rules
from procedures.civil_status.constants import Kind, Record, Relation
from procedures.civil_status.forms import CertificateForm, DeliveryForm, PersonForm

from .conftest import DELIVERY, PERSON
from .test_rules import TRUTH_TABLE

pytestmark = pytest.mark.usefixtures("french")

REFUSAL = (
    "Pour cet acte, le document « {kind} » n’est délivré qu’à la personne concernée par "
    "l’acte, son époux ou son épouse, un ascendant, un descendant ou son représentant légal. "
    "Vous pouvez demander à la place le document « Extrait sans filiation »."
)
KIND_NAMES = {"full_copy": "Copie intégrale", "extract_with_parentage": "Extrait avec filiation",
              "multilingual": "Extrait plurilingue"}
TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def test_the_choices_are_the_values_of_the_rules():
    assert tuple(Record.values) == rules.RECORDS
    assert tuple(Kind.values) == rules.KINDS
    assert tuple(Relation.values) == rules.RELATIONS


@pytest.mark.parametrize(("record", "kind", "relation", "allowed"), TRUTH_TABLE)
def test_the_certificate_form_follows_the_rule(record, kind, relation, allowed):
    form = CertificateForm(data={"record": record, "kind": kind, "relation": relation})
    assert form.is_valid() is allowed
    if not allowed:
        assert form.errors == {"kind": [REFUSAL.format(kind=KIND_NAMES[kind])]}


def test_the_certificate_form_requires_all_three_answers():
    form = CertificateForm(data={"record": "birth"})
    assert set(form.errors) == {"kind", "relation"}


def _person(record, kind, **changes):
    data = {**PERSON, "spouse_name": "Lefèvre Thomas", "marriage_date": "2016-06-18",
            "death_date": "2019-01-27", "death_place": "Villebourg", **changes}
    return PersonForm(data=data, record=record, kind=kind)


@pytest.mark.parametrize("kind", ["full_copy", "extract_with_parentage", "multilingual"])
def test_parents_are_required_when_the_document_shows_them(kind):
    form = _person("birth", kind, first_parent="", second_parent="")
    assert form.errors == {
        "first_parent": ["Indiquez le nom et les prénoms du premier parent."]}


def test_a_single_parent_is_enough():
    assert _person("birth", "full_copy", second_parent="").is_valid()


def test_parents_are_not_asked_for_an_extract_without_parentage():
    form = _person("birth", "extract_without_parentage")
    assert form.is_valid()
    assert "first_parent" not in form.fields and "first_parent" not in form.cleaned_data


@pytest.mark.parametrize(("record", "asked", "not_asked"), [
    ("birth", set(), {"spouse_name", "marriage_date", "death_date", "death_place"}),
    ("marriage", {"spouse_name", "marriage_date"}, {"death_date", "death_place"}),
    ("death", {"death_date", "death_place"}, {"spouse_name", "marriage_date"}),
])
def test_the_record_decides_the_event_fields(record, asked, not_asked):
    form = _person(record, "extract_without_parentage", **dict.fromkeys(asked, ""))
    assert set(form.errors) == asked
    assert not not_asked & set(form.fields)


@pytest.mark.parametrize(("record", "field"), [
    ("birth", "birth_date"), ("marriage", "marriage_date"), ("death", "death_date"),
])
def test_dates_in_the_future_are_refused(record, field):
    form = _person(record, "full_copy", **{field: TOMORROW})
    assert form.errors[field] == ["Cette date ne peut pas être dans le futur."]


@pytest.mark.parametrize(("record", "field"), [("marriage", "marriage_date"),
                                                ("death", "death_date")])
def test_an_event_before_the_birth_is_refused(record, field):
    form = _person(record, "full_copy", **{field: "2000-01-01"})
    assert form.errors == {
        field: ["Cette date ne peut pas être antérieure à la date de naissance."]}


def test_delivery_by_post_needs_the_address():
    form = DeliveryForm(data={"method": "post", "address": "", "postal_code": "", "city": ""})
    assert form.errors == {"address": ["Indiquez l’adresse postale."],
                           "postal_code": ["Indiquez le code postal."],
                           "city": ["Indiquez la commune."]}


def test_electronic_delivery_keeps_no_address():
    form = DeliveryForm(data={**DELIVERY, "method": "electronic"})
    assert form.is_valid()
    assert form.cleaned_data == {"method": "electronic", "address": "", "postal_code": "",
                                 "city": ""}
