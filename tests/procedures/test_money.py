"""Euros read one way everywhere: procedures.display.money and its template filter."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from procedures.display import money

NNBSP = "\N{NARROW NO-BREAK SPACE}"


@pytest.mark.parametrize(("language", "amount", "text"), [
    ("fr", Decimal("48000.00"), f"48{NNBSP}000{NNBSP}€"),
    ("fr", "1234.5", f"1{NNBSP}234,50{NNBSP}€"),
    ("fr", 7, f"7{NNBSP}€"),
    ("fr", Decimal("-1500"), f"-1{NNBSP}500{NNBSP}€"),
    ("en", Decimal("48000.00"), "€48,000"),
    ("en", "1234.5", "€1,234.50"),
    ("en", Decimal("-1500"), "-€1,500"),
])
def test_money_in_each_language(language, amount, text):
    with translation.override(language):
        assert money(amount) == text


def test_the_template_filter_an_empty_amount_and_a_placeholder():
    template = Template("{% load money %}[{{ amount|money }}][{{ none|money }}][{{ dash|money }}]")
    with translation.override("fr"):
        assert template.render(Context({"amount": Decimal("1500.00"), "none": None,
                                        "dash": "—"})) == f"[1{NNBSP}500{NNBSP}€][][—]"
