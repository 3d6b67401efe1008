"""What a step's form says: a field left empty says what to enter, a memorable date is three
fields that read a whole date or say which part is missing, a field revealed by one answer is
required only for it."""

import datetime

import pytest
from django import forms

from procedures.civil_status.forms import DeliveryForm, PersonForm
from procedures.field_messages import say_what_is_needed
from procedures.memorable_date import MemorableDateField
from procedures.uploads import DocumentField


class Everything(forms.Form):
    name = forms.CharField(label="Nom")
    colour = forms.ChoiceField(label="Couleur", choices=[("red", "Rouge")])
    days = forms.MultipleChoiceField(label="Jours", choices=[("mon", "Lundi")])
    sworn = forms.BooleanField(label="Je certifie")
    proof = DocumentField(label="Justificatif")
    nickname = forms.CharField(label="Surnom", error_messages={"required": "Indiquez-le."})


def test_each_kind_of_field_says_what_to_do():
    form = say_what_is_needed(Everything(data={}))
    assert form.errors == {
        "name": ["Indiquez « Nom »."],
        "colour": ["Choisissez une réponse pour « Couleur »."],
        "days": ["Choisissez au moins une réponse pour « Jours »."],
        "sworn": ["Cochez « Je certifie » pour continuer."],
        "proof": ["Joignez le fichier « Justificatif »."],
        "nickname": ["Indiquez-le."],  # a field's own message is kept
    }


class Birth(forms.Form):
    birth_date = MemorableDateField(label="Date de naissance")


@pytest.mark.parametrize(("data", "expected"), [
    ({"birth_date_0": "14", "birth_date_1": "7", "birth_date_2": "1990"},
     datetime.date(1990, 7, 14)),
    ({"birth_date": "1990-07-14"}, datetime.date(1990, 7, 14)),  # stored answers, or an ISO post
    ({"birth_date": ["14", "07", "1990"]}, datetime.date(1990, 7, 14)),  # kept as typed
])
def test_a_memorable_date_reads_its_three_parts(data, expected):
    form = Birth(data=data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["birth_date"] == expected


@pytest.mark.parametrize(("parts", "error"), [
    (("", "", ""), "Ce champ est obligatoire."),
    (("14", "7", ""), "Indiquez aussi l’année."),
    (("", "7", "1990"), "Indiquez aussi le jour."),
    (("14", "", ""), "Indiquez le jour, le mois et l’année."),
    (("31", "2", "1990"), "Indiquez une date qui existe, par exemple 14 7 1990."),
    (("14", "juillet", "1990"), "Indiquez une date qui existe, par exemple 14 7 1990."),
    (("14", "7", "90"), "Indiquez l’année en 4 chiffres, par exemple 1990."),
])
def test_a_memorable_date_says_what_is_wrong(parts, error):
    form = Birth(data={f"birth_date_{index}": part for index, part in enumerate(parts)})
    assert form.errors == {"birth_date": [error]}


def test_the_birth_date_keeps_its_parts_as_typed():
    form = PersonForm(data={"birth_date_0": "14", "birth_date_1": "7", "birth_date_2": "9"})
    assert form["birth_date"].data == ["14", "7", "9"]
    html = form["birth_date"].as_widget()
    assert 'name="birth_date_0"' in html and 'value="9"' in html


def test_the_address_is_required_only_for_delivery_by_post():
    assert not DeliveryForm(data={"method": "post"}).is_valid()
    electronic = DeliveryForm(data={"method": "electronic", "address": "x" * 300})
    assert electronic.is_valid(), electronic.errors  # what was typed is dropped, not checked
    assert electronic.cleaned_data["address"] == ""
    unbound = DeliveryForm()
    assert all(unbound.fields[name].required for name in ("address", "postal_code", "city"))
    assert unbound.revealed_when("address") == "method=post"
    assert unbound.revealed_when("method") == ""
