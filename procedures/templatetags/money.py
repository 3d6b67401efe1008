"""{% load money %}{{ amount|money }}: euros as procedures.display.money writes them."""

from django import template

from ..display import money as money_text

register = template.Library()


@register.filter
def money(amount):
    return "" if amount in (None, "") else money_text(amount)
