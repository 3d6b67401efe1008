"""The steps of an import declaration (the EU's H1 data set, as France's DELTA I asks it)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ..display import MoneyField
from ..uploads import OFFICE, PDF, DocumentField
from . import rules
from .constants import Incoterm, TransportMode

# The Member States: the destination of goods released for free circulation in the Union.
EU_MEMBER_STATES = ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR",
                    "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO",
                    "SE", "SI", "SK")
CHOOSE = [("", _("Choose a country"))]


def all_countries():
    return CHOOSE + [(country.code, country.name) for country in countries]


def member_states():
    return CHOOSE + [(country.code, country.name) for country in countries
                     if country.code in EU_MEMBER_STATES]


class DeclarantForm(forms.Form):
    eori = forms.CharField(
        label=_("Declarant’s EORI number"), max_length=20,
        help_text=_("Filled in from your company’s SIRET (FR followed by the SIRET): change it "
                    "if your company is registered under another number."))
    guarantee_reference = forms.CharField(
        label=_("Reference of your comprehensive guarantee"), max_length=60, required=False,
        help_text=_("If your company defers the payment of duties under a guarantee: the goods "
                    "may then be released at once. Otherwise, the duties are paid to the office "
                    "before release."))

    def clean_eori(self):
        return rules.validate_eori(self.cleaned_data["eori"])


class TransportForm(forms.Form):
    incoterm = forms.ChoiceField(label=_("Incoterm® 2020"), choices=Incoterm.choices)
    incoterm_place = forms.CharField(label=_("Place named with the incoterm"), max_length=120,
                                     help_text=_("For example: Le Havre, for “CIF Le Havre”."))
    dispatch_country = forms.ChoiceField(label=_("Country of dispatch"), choices=all_countries)
    destination_country = forms.ChoiceField(label=_("Country of destination"),
                                            choices=member_states, initial="FR")
    transport_mode = forms.ChoiceField(label=_("Mode of transport at the border"),
                                       choices=TransportMode.choices)
    consignor_name = forms.CharField(label=_("Consignor (the seller or shipper)"),
                                     max_length=150)
    consignor_address = forms.CharField(label=_("Consignor’s address"), max_length=255)
    consignor_country = forms.ChoiceField(label=_("Consignor’s country"), choices=all_countries)


class GoodsItemForm(forms.Form):
    """One goods item: a row of the repeatable block."""

    commodity_code = forms.CharField(
        label=_("Commodity code"), max_length=14,
        help_text=_("The 8 digits of the Combined Nomenclature, e.g. 6109 10 00."))
    description = forms.CharField(label=_("Description of the goods"), max_length=280)
    origin = forms.ChoiceField(label=_("Country of origin"), choices=all_countries)
    customs_value = MoneyField(label=_("Customs value (euros)"), max_digits=14,
                               min_value=Decimal("0.01"))
    net_mass = forms.DecimalField(label=_("Net mass (kg)"), max_digits=12, decimal_places=3,
                                  min_value=Decimal("0.001"))
    duty_rate = forms.DecimalField(
        label=_("Duty rate (%)"), max_digits=5, decimal_places=2, min_value=Decimal(0),
        max_value=Decimal(100),
        help_text=_("The conventional rate of the tariff (TARIC) for this code and origin."))

    def clean_commodity_code(self):
        return rules.validate_commodity_code(self.cleaned_data["commodity_code"])


class DocumentsForm(forms.Form):
    invoice = DocumentField(label=_("Commercial invoice"))
    transport_document = DocumentField(
        label=_("Transport document (bill of lading, air waybill, CMR)"), required=False)
    origin_proof = DocumentField(label=_("Proof of origin (certificate, statement)"),
                                 required=False)
    other = DocumentField(label=_("Other document (licence, certificate)"), required=False,
                          allowed_types={**PDF, **OFFICE})
