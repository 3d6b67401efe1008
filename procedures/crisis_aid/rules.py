"""Who receives the crisis aid and how much: pure rules over plain values, no request, no ORM.

Law: décret n° 2020-371 du 30 mars 2020 relatif au fonds de solidarité à destination des
entreprises particulièrement touchées par les conséquences économiques, financières et sociales
de la propagation de l'épidémie de covid-19 (version of 31 March 2020).
- Article 2: at most 10 employees (3°); the turnover of the last closed financial year below
  1 000 000 € (4°); the taxable profit of that year below 60 000 € (5°).
- Article 3: an administrative closure (a ban on receiving the public) between 1 and 31 March
  2020, or a turnover loss of at least 50 % over March 2020 against March 2019 — for a company
  created after 1 March 2019, against its monthly average turnover from its creation to
  29 February 2020; the aid equals the loss, at most 1 500 €.
Not modelled here (sworn by the applicant): activity started before 1 February 2020, no
insolvency declared at 1 March 2020, no full-time employment contract of the manager.

A scheme is data (the admin's AidScheme, one version a month); MARCH_2020 is the first.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..display import money

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Scheme:
    """The parameters of one version of the fund (a month of loss it compensates)."""

    name: str
    loss_month: datetime.date  # the first day of the month of loss
    max_employees: int  # at most
    turnover_ceiling: Decimal  # last closed year's turnover strictly below
    taxable_profit_ceiling: Decimal  # strictly below
    min_loss_ratio: Decimal  # the loss over the month, at least (0.5 = 50 %)
    aid_cap: Decimal  # the aid is the loss, at most this
    closure_qualifies: bool  # an administrative closure qualifies whatever the loss
    source: str = ""


MARCH_2020 = Scheme(
    name="Fonds de solidarité — mars 2020",
    loss_month=datetime.date(2020, 3, 1),
    max_employees=10,
    turnover_ceiling=Decimal("1000000"),
    taxable_profit_ceiling=Decimal("60000"),
    min_loss_ratio=Decimal("0.5"),
    aid_cap=Decimal("1500"),
    closure_qualifies=True,
    source="Décret n° 2020-371 du 30 mars 2020, articles 2 et 3",
)


@dataclass(frozen=True)
class Assessment:
    eligible: bool
    reasons: tuple[str, ...]  # each unmet condition, in words (empty when eligible)
    loss: Decimal  # turnover lost over the month, in euros (0 if it did not fall)
    aid: Decimal  # in euros (0 when not eligible)


class MissingReferenceTurnover(ValueError):
    """The reference turnover is zero or missing: no loss can be measured against it."""

    def __init__(self):
        super().__init__(_(
            "The reference turnover is missing or zero: the loss is measured against it. Give "
            "the turnover of the same month a year earlier or, for a company created since, "
            "its average monthly turnover from its creation."))


def _number(value, places):
    value = Decimal(value)
    whole = value == value.to_integral()
    return number_format(value, decimal_pos=0 if whole else places, use_l10n=True,
                         force_grouping=True)


def assess(scheme, *, employees, last_year_turnover, taxable_profit, administrative_closure,
           reference_turnover, crisis_turnover) -> Assessment:
    """Assess a request against `scheme`. Amounts are Decimals in euros; `reference_turnover`
    is the same month a year earlier, or the monthly average since creation."""
    if reference_turnover is None or reference_turnover <= 0:
        raise MissingReferenceTurnover()
    loss = max(reference_turnover - crisis_turnover, Decimal(0)).quantize(CENT, ROUND_HALF_UP)
    ratio = loss / reference_turnover
    reasons = []
    if employees > scheme.max_employees:
        reasons.append(_("The company has %(employees)s employees: the fund is for companies "
                         "of at most %(max)s.") % {"employees": employees,
                                                   "max": scheme.max_employees})
    if last_year_turnover >= scheme.turnover_ceiling:
        reasons.append(_("The turnover of the last closed year (%(turnover)s) is not below "
                         "%(ceiling)s.") % {"turnover": money(last_year_turnover),
                                            "ceiling": money(scheme.turnover_ceiling)})
    if taxable_profit >= scheme.taxable_profit_ceiling:
        reasons.append(_("The taxable profit (%(profit)s) is not below %(ceiling)s.")
                       % {"profit": money(taxable_profit),
                          "ceiling": money(scheme.taxable_profit_ceiling)})
    closed = administrative_closure and scheme.closure_qualifies
    if loss == 0:
        reasons.append(_("The turnover of the month did not fall: there is no loss to "
                         "compensate."))
    elif not closed and ratio < scheme.min_loss_ratio:
        reasons.append(_("The turnover fell by %(ratio)s %%, less than the %(min)s %% "
                         "required%(closure)s.") % {
            "ratio": _number((ratio * 100).quantize(Decimal("0.1"), ROUND_DOWN), 1),
            "min": _number(scheme.min_loss_ratio * 100, 1),
            "closure": _(", and the company was not closed by an administrative decision")
            if scheme.closure_qualifies else ""})
    eligible = not reasons
    return Assessment(eligible=eligible, reasons=tuple(reasons), loss=loss,
                      aid=min(loss, scheme.aid_cap).quantize(CENT) if eligible else Decimal("0.00"))


def review_flags(*, company_name, account_holder, last_year_turnover, reference_turnover):
    """Why an eligible request should still be looked at by an agent rather than granted by the
    system (the 2020 fund's later filters), in words: an account held by someone else than the
    company (maybe a personal account), or a reference month far above last year's monthly
    average (three times or more)."""
    flags = []
    if _plain(account_holder) != _plain(company_name):
        flags.append(_("The account holder (%(holder)s) is not the company (%(company)s).")
                     % {"holder": account_holder, "company": company_name})
    if last_year_turnover > 0 and reference_turnover >= 3 * last_year_turnover / 12:
        flags.append(_("The reference turnover (%(reference)s) is three times last year’s "
                       "monthly average or more (%(average)s).") % {
            "reference": money(reference_turnover),
            "average": money((last_year_turnover / 12).quantize(CENT, ROUND_HALF_UP))})
    return tuple(flags)


def _plain(name):
    return " ".join(name.casefold().replace(".", " ").split())
