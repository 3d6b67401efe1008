"""How a value reads to a person: an answer as the form offered it, an amount of money."""

import datetime
from decimal import Decimal

from django import forms
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext


def money(amount):
    """An amount in euros, to the cent, in the active language: "1 234,56 €" in French.
    `amount`: a Decimal, an int or a string of Decimal (as compute() stores them)."""
    number = number_format(Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{number}\N{NO-BREAK SPACE}€"


def display_value(field, value):
    """An answer as a person reads it. A field may say how its values read with a method
    `display(value)` (an amount in euros…)."""
    if hasattr(field, "display"):
        return field.display(value)
    if isinstance(value, dict) and "name" in value:  # an uploaded document
        return value["name"]
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, forms.DateField) and value:  # stored as an ISO string
        return date_format(datetime.date.fromisoformat(value))
    choices = dict(getattr(field, "choices", ()) or ())
    if choices:
        if isinstance(value, list):
            return ", ".join(str(choices.get(item, item)) for item in value)
        return str(choices.get(value, value))
    return str(value)
