"""{% load money %}{{ amount|money }}: euros as procedures.display.money writes them; an empty
amount gives "", a placeholder that is not a number ("—") is left as it is."""

from decimal import Decimal, InvalidOperation

from django import template

from ..display import money as money_text

register = template.Library()


@register.filter
def money(amount):
    if amount in (None, ""):
        return ""
    try:
        Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        return amount
    return money_text(amount)
