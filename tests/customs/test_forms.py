from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from procedures.customs.forms import DeclarantForm, DocumentsForm, GoodsItemForm, TransportForm

from .conftest import DECLARANT, OVEN, TRANSPORT

pytestmark = pytest.mark.usefixtures("french")


def test_the_eori_is_normalised():
    form = DeclarantForm(data={"eori": "fr 732 829 320 00074"})
    assert form.is_valid()
    assert form.cleaned_data == {"eori": "FR73282932000074", "guarantee_reference": ""}


def test_a_french_eori_with_a_wrong_check_digit_says_so():
    form = DeclarantForm(data={**DECLARANT, "eori": "FR73282932000075"})
    assert form.errors == {"eori": [
        "Le SIREN ou le SIRET de ce numéro EORI n’est pas valide : vérifiez ses chiffres (le "
        "dernier est une clé de contrôle)."]}


def test_a_goods_item():
    form = GoodsItemForm(data={**OVEN, "commodity_code": "8438 10 10"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["commodity_code"] == "84381010"
    assert form.cleaned_data["customs_value"] == Decimal("12000.00")


@pytest.mark.parametrize(("changes", "errors"), [
    ({"commodity_code": "77011000"}, {"commodity_code": [
        "Le chapitre 77 est réservé dans la nomenclature : aucune marchandise n’y est "
        "classée."]}),
    ({"customs_value": "0"}, {"customs_value": [
        "Assurez-vous que cette valeur est supérieure ou égale à 0.01."]}),
    ({"duty_rate": "120"}, {"duty_rate": [
        "Assurez-vous que cette valeur est inférieure ou égale à 100."]}),
    ({"origin": "XX"}, {"origin": [
        "Sélectionnez un choix valide. XX n’en fait pas partie."]}),
])
def test_a_goods_item_refused(changes, errors):
    assert GoodsItemForm(data={**OVEN, **changes}).errors == errors


def test_transport_and_parties():
    assert TransportForm(data=TRANSPORT).is_valid()
    form = TransportForm(data={**TRANSPORT, "destination_country": "CN", "incoterm": "FOT"})
    assert set(form.errors) == {"destination_country", "incoterm"}


def test_the_country_names_are_french():
    choices = dict(TransportForm().fields["dispatch_country"].choices)
    assert choices["CN"] == "Chine" and choices["DE"] == "Allemagne"


def test_the_commercial_invoice_is_required():
    assert DocumentsForm(data={}, files={}).errors == {"invoice": ["Ce champ est obligatoire."]}
    invoice = SimpleUploadedFile("facture.pdf", b"%PDF-1.4\n%%EOF\n",
                                 content_type="application/pdf")
    assert DocumentsForm(data={}, files={"invoice": invoice}).is_valid()
