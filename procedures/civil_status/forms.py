"""The steps of a civil-status certificate request. Which fields the person step asks for
depends on the certificate chosen first (see CivilStatusProcedure.form_kwargs)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from ..memorable_date import MemorableDateField
from ..revealed_fields import RevealedFieldsForm
from . import rules
from .constants import Delivery, Kind, Record, Relation

# Who may obtain a restricted certificate, as the refusal message names them.
WHO = {
    Relation.SELF: _("the person named in the record"),
    Relation.SPOUSE: _("their spouse"),
    Relation.ASCENDANT: _("an ascendant"),
    Relation.DESCENDANT: _("a descendant"),
    Relation.LEGAL_REPRESENTATIVE: _("their legal representative"),
}


def refusal_message(kind, refusal):
    """Why `kind` is refused (a rules.Refusal): who may ask, and what to ask for instead."""
    return _(
        "For this record, the document “%(kind)s” is delivered only to %(who)s. "
        "You may ask for the document “%(alternative)s” instead."
    ) % {
        "kind": Kind(kind).label,
        "who": get_text_list([str(WHO[relation]) for relation in refusal.allowed_relations]),
        "alternative": Kind(refusal.alternative_kind).label,
    }


def not_in_future(value):
    if value > timezone.localdate():
        raise ValidationError(_("This date cannot be in the future."), code="future")


def date_field(label, required_message):
    return forms.DateField(
        label=label, validators=[not_in_future], error_messages={"required": required_message},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def text_field(label, required_message, **kwargs):
    return forms.CharField(label=label, error_messages={"required": required_message},
                           **kwargs)


class CertificateForm(forms.Form):
    record = forms.ChoiceField(label=_("Which record?"), choices=Record.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": _("Choose the type of record.")})
    kind = forms.ChoiceField(
        label=_("Which document?"), choices=Kind.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose the document you need.")},
        help_text=_("A full copy reproduces the whole record. An extract with parentage gives "
                    "the parents’ names; an extract without parentage does not. The "
                    "multilingual extract is meant for use abroad."),
    )
    relation = forms.ChoiceField(
        label=_("Who are you, for the person named in the record?"), choices=Relation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who you are for the person named in the record.")})

    def clean(self):
        data = super().clean()
        if {"record", "kind", "relation"} <= data.keys():
            refusal = rules.refusal_reason(
                record=data["record"], kind=data["kind"], relation=data["relation"])
            if refusal:
                self.add_error("kind", refusal_message(data["kind"], refusal))
        return data


class PersonForm(forms.Form):
    """The person named in the record; parents, marriage or death only where they apply."""

    last_name = text_field(_("Last name (birth name)"), _("Enter the last name at birth."),
                           max_length=150)
    first_names = text_field(_("First names"), _("Enter the first names."), max_length=150)
    birth_date = MemorableDateField(
        label=_("Date of birth"), validators=[not_in_future],
        error_messages={"required": _("Enter the date of birth.")})
    birth_place = text_field(_("Place of birth"), _("Enter the place of birth."),
                             max_length=150, help_text=_("Town, and country if abroad"))
    first_parent = text_field(_("First parent’s full name"),
                              _("Enter the first parent’s full name."), max_length=255)
    second_parent = forms.CharField(
        label=_("Second parent’s full name"), max_length=255, required=False,
        help_text=_("Leave empty if the record names only one parent."))
    spouse_name = text_field(_("Spouse’s full name"), _("Enter the spouse’s full name."),
                             max_length=255)
    marriage_date = date_field(_("Date of marriage"), _("Enter the date of marriage."))
    death_date = date_field(_("Date of death"), _("Enter the date of death."))
    death_place = text_field(_("Place of death"), _("Enter the place of death."),
                             max_length=150)

    PARENT_FIELDS = ("first_parent", "second_parent")
    RECORD_FIELDS = {
        Record.MARRIAGE: ("spouse_name", "marriage_date"),
        Record.DEATH: ("death_date", "death_place"),
    }
    CONDITIONAL_FIELDS = {*PARENT_FIELDS, *RECORD_FIELDS[Record.MARRIAGE],
                          *RECORD_FIELDS[Record.DEATH]}
    EVENT_DATES = ("marriage_date", "death_date")

    def __init__(self, *args, record=None, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        asked = set(self.RECORD_FIELDS.get(record, ()))
        if kind and rules.needs_parents(kind):
            asked.update(self.PARENT_FIELDS)
        for name in self.CONDITIONAL_FIELDS - asked:
            del self.fields[name]

    def clean(self):
        data = super().clean()
        birth_date = data.get("birth_date")
        for name in self.EVENT_DATES:
            if birth_date and data.get(name) and data[name] < birth_date:
                self.add_error(name, _("This date cannot be before the date of birth."))
        return data


class DeliveryForm(RevealedFieldsForm):
    method = forms.ChoiceField(
        label=_("How do you want to receive the document?"), choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to receive the document.")})
    address = text_field(_("Postal address"), _("Enter the postal address."), max_length=255,
                         help_text=_("Only for delivery by post."))
    postal_code = text_field(_("Postal code"), _("Enter the postal code."), max_length=10)
    city = text_field(_("City (and country if abroad)"), _("Enter the town or city."),
                      max_length=150)

    revealed = {name: ("method", Delivery.POST) for name in ("address", "postal_code", "city")}
