"""How a value reads to a person: an answer as the form offered it, an amount of money."""

import datetime
from decimal import Decimal

from django import forms
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language, gettext

from portal.wording import date_format

NARROW_NO_BREAK_SPACE = "\N{NARROW NO-BREAK SPACE}"



def money(amount):
    """An amount in euros in the active language, the cents only when there are some:
    "48 000 €" and "1 234,56 €" in French (narrow no-break spaces), "€48,000" in English.
    `amount`: a Decimal, an int or a string of Decimal (as compute() stores them). The one way
    euros read: templates use the `money` filter (procedures/templatetags/money.py)."""
    value = Decimal(amount)
    places = 0 if value == value.to_integral_value() else 2
    number = number_format(abs(value), decimal_pos=places, use_l10n=True, force_grouping=True)
    sign = "-" if value < 0 else ""
    if (get_language() or "fr").startswith("fr"):
        grouped = number.replace(get_format("THOUSAND_SEPARATOR"), NARROW_NO_BREAK_SPACE)
        return f"{sign}{grouped}{NARROW_NO_BREAK_SPACE}€"
    return f"{sign}€{number}"


class MoneyField(forms.DecimalField):
    """An amount in euros asked in a form (to the cent): it reads as money() on the review
    page, the receipt and the agents' page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def display(self, value):
        return money(value) if value not in (None, "") else ""


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
