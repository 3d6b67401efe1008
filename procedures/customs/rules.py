"""The customs rules of an import declaration: identifiers, liquidation and lane selection.
Pure functions over plain values; the Django app attaches the forms, models and labels.

Figures of law are dated parameters (a value valid from a date, with its source), so a new rule
from a date is a row here, not a change of the functions.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.fr import siren, siret

CENT = Decimal("0.01")


def to_cent(amount):
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


# --- identifiers ---

def _compact(value):
    return "".join(str(value or "").split()).upper()


def validate_eori(value) -> str:
    """The normalised EORI number (spaces removed, upper case), else ValidationError.

    Commission Implementing Regulation (EU) 2015/2447, article 7 and Annex 12-01: an EORI
    number is the ISO code of the Member State (2 letters) followed by up to 15 characters.
    France builds it from the company's SIREN (9 digits) or SIRET (14 digits), checked here
    with their Luhn key (python-stdnum)."""
    eori = _compact(value)
    country, rest = eori[:2], eori[2:]
    if not (len(country) == 2 and country.isascii() and country.isalpha()):
        raise ValidationError(
            _("An EORI number starts with the two letters of its country (FR for France)."),
            code="eori_country")
    if not 1 <= len(rest) <= 15 or not (rest.isascii() and rest.isalnum()):
        raise ValidationError(
            _("After the country code, an EORI number has 1 to 15 letters or digits."),
            code="eori_length")
    if country == "FR":
        if not rest.isdigit() or len(rest) not in (9, 14):
            raise ValidationError(
                _("A French EORI number is FR followed by the company’s SIREN (9 digits) or "
                  "SIRET (14 digits)."), code="eori_fr_length")
        if not (siren if len(rest) == 9 else siret).is_valid(rest):
            raise ValidationError(
                _("The SIREN or SIRET in this EORI number is not valid: check its digits "
                  "(its last digit is a check digit)."), code="eori_fr_checksum")
    return eori


def eori_from_siret(company_siret):
    """The French EORI of a company: FR + its SIRET."""
    return f"FR{_compact(company_siret)}"


# Combined Nomenclature (Council Regulation (EEC) No 2658/87, Annex I): 8 digits, chapters 01
# to 97; chapter 77 is reserved for a possible future use.
RESERVED_CHAPTERS = ("77",)


def validate_commodity_code(value) -> str:
    """The 8-digit Combined Nomenclature code (spaces removed), else ValidationError."""
    code = _compact(value)
    if code and not (code.isascii() and code.isdigit()):
        raise ValidationError(_("A commodity code has digits only (8 digits)."),
                              code="commodity_digits")
    if len(code) != 8:
        raise ValidationError(
            _("A commodity code of the Combined Nomenclature has 8 digits; this one has "
              "%(count)s.") % {"count": len(code)}, code="commodity_length")
    chapter = code[:2]
    if not "01" <= chapter <= "97":
        raise ValidationError(
            _("Chapter %(chapter)s does not exist: chapters run from 01 to 97.")
            % {"chapter": chapter}, code="commodity_chapter")
    if chapter in RESERVED_CHAPTERS:
        raise ValidationError(
            _("Chapter 77 is reserved in the nomenclature: no goods are classified there."),
            code="commodity_reserved")
    return code


# --- liquidation ---

@dataclass(frozen=True)
class LowValueRule:
    """What a low-value consignment (intrinsic value at most `threshold`) pays from
    `valid_from`: no customs duty (flat_duty None) or a flat duty per distinct tariff
    subheading (the first 6 digits), charged on its first item, instead of the ad-valorem duty.
    Items of the excluded chapters and headings always pay their ad-valorem duty."""

    valid_from: datetime.date
    threshold: Decimal
    flat_duty: Decimal | None
    excluded_chapters: tuple[str, ...]
    excluded_headings: tuple[str, ...]
    source: str


LOW_VALUE_RULES = (
    LowValueRule(
        valid_from=datetime.date(2009, 12, 30), threshold=Decimal("150"), flat_duty=None,
        excluded_chapters=("22", "24"), excluded_headings=("3303",),
        source="Council Regulation (EC) No 1186/2009 (duty reliefs), articles 23 and 24: "
               "relief for consignments of negligible value up to EUR 150, except alcoholic "
               "products (chapter 22), tobacco (chapter 24), perfumes and toilet waters "
               "(heading 3303)."),
    LowValueRule(
        valid_from=datetime.date(2026, 7, 1), threshold=Decimal("150"), flat_duty=Decimal("3"),
        excluded_chapters=("22", "24"), excluded_headings=("3303",),
        source="Council of the EU, agreement of 12 December 2025 on the end of the EUR 150 "
               "duty relief: a temporary flat customs duty of EUR 3 per distinct tariff "
               "subheading of a low-value consignment, from 1 July 2026, the exclusions of "
               "Regulation (EC) No 1186/2009, article 24, still applying."),
)

# Code général des impôts, article 278: the normal rate of VAT, applied on importation to the
# customs value plus the duties (article 292).
VAT_RATE = Decimal("0.20")


def low_value_rule(on):
    """The low-value consignment rule in force on the date `on` (None before the first)."""
    rules = [rule for rule in LOW_VALUE_RULES if rule.valid_from <= on]
    return max(rules, key=lambda rule: rule.valid_from) if rules else None


@dataclass(frozen=True)
class Line:
    commodity_code: str
    customs_value: Decimal
    duty_rate: Decimal
    duties: Decimal
    vat: Decimal
    basis: str  # "ad_valorem", "relief" (no duty) or "flat" (the flat duty, or 0 after it)

    @property
    def total(self):
        return self.duties + self.vat


@dataclass(frozen=True)
class Liquidation:
    lines: tuple[Line, ...]
    duties: Decimal
    vat: Decimal
    total: Decimal
    low_value: bool  # a low-value consignment rule applied
    rule_source: str = ""


def _field(item, name):
    return item[name] if isinstance(item, Mapping) else getattr(item, name)


def liquidate(items, *, on, vat_rate=VAT_RATE) -> Liquidation:
    """Duties and VAT of the goods items on the date of the declaration's acceptance `on`.

    Per item: duties = value × duty rate, VAT = (value + duties) × VAT rate, each to the cent
    (half up); the totals are the sums of the lines. A low-value consignment (the sum of the
    customs values at most the rule's threshold) follows the rule in force on `on`."""
    goods = [(validate_commodity_code(_field(item, "commodity_code")),
              Decimal(_field(item, "customs_value")), Decimal(_field(item, "duty_rate")))
             for item in items]
    rule = low_value_rule(on)
    low_value = rule is not None and sum(value for _, value, _ in goods) <= rule.threshold
    charged = set()  # the subheadings whose flat duty is charged already
    lines = []
    for code, value, rate in goods:
        excluded = low_value and (code[:2] in rule.excluded_chapters
                                  or code[:4] in rule.excluded_headings)
        if not low_value or excluded:
            basis, duties = "ad_valorem", to_cent(value * rate)
        elif rule.flat_duty is None:
            basis, duties = "relief", Decimal("0.00")
        else:
            basis = "flat"
            duties = to_cent(0 if code[:6] in charged else rule.flat_duty)
            charged.add(code[:6])
        vat = to_cent((value + duties) * vat_rate)
        lines.append(Line(code, value, rate, duties, vat, basis))
    duties = sum((line.duties for line in lines), Decimal("0.00"))
    vat = sum((line.vat for line in lines), Decimal("0.00"))
    return Liquidation(tuple(lines), duties, vat, duties + vat, low_value,
                       rule.source if low_value else "")


# --- lanes ---

GREEN, BLUE, ORANGE, RED = "green", "blue", "orange", "red"
LANES = (GREEN, BLUE, ORANGE, RED)  # by severity: the most severe wins
CONTROLLED_LANES = (ORANGE, RED)  # a documentary check, a physical inspection

# What a risk rule's condition looks at.
CHAPTER, HEADING, ORIGIN, DECLARANT, VALUE_ABOVE, FIRST_DECLARATION = (
    "chapter", "heading", "origin", "declarant", "value_above", "first_declaration")
CONDITIONS = (CHAPTER, HEADING, ORIGIN, DECLARANT, VALUE_ABOVE, FIRST_DECLARATION)


@dataclass(frozen=True)
class Facts:
    """What the lane selection looks at in a declaration."""

    eori: str
    commodity_codes: tuple[str, ...]
    origins: tuple[str, ...]
    total_value: Decimal
    first_declaration: bool


@dataclass(frozen=True)
class RiskRule:
    id: int
    condition: str  # one of CONDITIONS
    value: str  # "22", "3303", "CN", an EORI, "10000"; empty for FIRST_DECLARATION
    lane: str
    valid_from: datetime.date
    valid_until: datetime.date | None = None
    active: bool = True

    def in_force(self, on):
        return (self.active and self.valid_from <= on
                and (self.valid_until is None or on <= self.valid_until))

    def matches(self, facts):
        value = self.value.strip().upper()
        if self.condition == CHAPTER:
            return any(code[:2] == value for code in facts.commodity_codes)
        if self.condition == HEADING:
            return any(code[:4] == value for code in facts.commodity_codes)
        if self.condition == ORIGIN:
            return value in facts.origins
        if self.condition == DECLARANT:
            return value == facts.eori
        if self.condition == VALUE_ABOVE:
            return facts.total_value > Decimal(value)
        if self.condition == FIRST_DECLARATION:
            return facts.first_declaration
        raise ValueError(f"unknown condition: {self.condition!r}")


RANDOM = "random"


@dataclass(frozen=True)
class Reason:
    lane: str
    rule_id: int | None  # None: drawn at random


@dataclass(frozen=True)
class LaneSelection:
    lane: str
    reasons: tuple[Reason, ...]  # the rules fired and the random draw, if it selected a lane

    @property
    def random(self):
        return any(reason.rule_id is None for reason in self.reasons)


def severity(lane):
    return LANES.index(lane)


def draw_random_lane(random_rates: Mapping[str, Decimal], draw: float):
    """The lane a uniform draw in [0, 1) selects: the most severe lane takes the first
    `rate` of the interval, the next one the following share, and so on; None for the rest."""
    floor = Decimal(0)
    for lane in reversed(LANES):
        floor += Decimal(random_rates.get(lane, 0))
        if Decimal(draw) < floor:
            return lane
    return None


def select_lane(facts: Facts, rules: Iterable[RiskRule], random_rates: Mapping[str, Decimal],
                rng, *, on) -> LaneSelection:
    """The lane of a declaration: the most severe of the lanes of the rules in force that
    match, and of the random draw (`rng.random()`, one draw whose share of each lane is its
    minimum random rate); green when nothing selects."""
    reasons = [Reason(rule.lane, rule.id) for rule in rules
               if rule.in_force(on) and rule.matches(facts)]
    drawn = draw_random_lane(random_rates, rng.random())
    if drawn:
        reasons.append(Reason(drawn, None))
    lane = max((reason.lane for reason in reasons), key=severity, default=GREEN)
    return LaneSelection(lane, tuple(sorted(reasons, key=lambda r: -severity(r.lane))))


def facts_of(items: Sequence, *, eori, first_declaration):
    return Facts(
        eori=eori,
        commodity_codes=tuple(_compact(_field(item, "commodity_code")) for item in items),
        origins=tuple(str(_field(item, "origin")).upper() for item in items),
        total_value=sum((Decimal(_field(item, "customs_value")) for item in items), Decimal(0)),
        first_declaration=first_declaration,
    )
