"""A declaration's liquidation as the case keeps it (JSON, money as strings of Decimal), from
its goods items as the forms give them (the duty rate in per cent)."""

from decimal import Decimal

from django.utils.formats import number_format

from . import rules

HUNDRED = Decimal(100)


def of_items(items, *, on):
    """rules.liquidate over goods items as answered (or as found by an inspection), as JSON."""
    liquidation = rules.liquidate(
        [{"commodity_code": item["commodity_code"], "customs_value": item["customs_value"],
          "duty_rate": Decimal(item["duty_rate"]) / HUNDRED} for item in items], on=on)
    return {
        "lines": [{"commodity_code": line.commodity_code,
                   "customs_value": str(line.customs_value),
                   "duty_rate": str(Decimal(item["duty_rate"])), "duties": str(line.duties),
                   "vat": str(line.vat), "basis": line.basis}
                  for item, line in zip(items, liquidation.lines, strict=True)],
        "duties": str(liquidation.duties), "vat": str(liquidation.vat),
        "total": str(liquidation.total), "low_value": liquidation.low_value,
        "on": on.isoformat(),
    }


def difference(before, after):
    """What a re-liquidation changes in the total due (positive: more to pay)."""
    return Decimal(after["total"]) - Decimal(before["total"])


def table(current, items):
    """The liquidation's lines for a page or a PDF: each item's code, description, origin,
    value, rate, duties, VAT, money formatted in the active language."""
    from ..display import money

    return [{"number": number, "commodity_code": line["commodity_code"],
             "description": item.get("description", ""), "origin": item.get("origin", ""),
             "net_mass": item.get("net_mass", ""), "customs_value": money(line["customs_value"]),
             "duty_rate": number_format(Decimal(line["duty_rate"]), decimal_pos=2, use_l10n=True),
             "duties": money(line["duties"]),
             "vat": money(line["vat"]), "basis": line["basis"]}
            for number, (line, item) in enumerate(zip(current["lines"], items, strict=True),
                                                  start=1)]


def totals(current):
    from ..display import money

    return {"duties": money(current["duties"]), "vat": money(current["vat"]),
            "total": money(current["total"])}
