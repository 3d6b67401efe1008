"""The user-facing labels of the customs values; the values are those of rules.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import rules


class Lane(models.TextChoices):
    """For officers only: the declarant reads “under control”, never the lane."""

    GREEN = rules.GREEN, _("Green — release")
    BLUE = rules.BLUE, _("Blue — release, post-clearance audit")
    ORANGE = rules.ORANGE, _("Orange — documentary check")
    RED = rules.RED, _("Red — physical inspection")


SELECTING_LANES = [(value, label) for value, label in Lane.choices if value != Lane.GREEN]


class Condition(models.TextChoices):
    CHAPTER = rules.CHAPTER, _("Commodity chapter (2 digits)")
    HEADING = rules.HEADING, _("Commodity heading (4 digits)")
    ORIGIN = rules.ORIGIN, _("Country of origin of an item")
    DECLARANT = rules.DECLARANT, _("Declarant (EORI number)")
    VALUE_ABOVE = rules.VALUE_ABOVE, _("Total customs value above (euros)")
    FIRST_DECLARATION = rules.FIRST_DECLARATION, _("First declaration of the declarant")


class Payment(models.TextChoices):
    PAID = "paid", _("Paid")
    GUARANTEED = "guaranteed", _("Guaranteed")


class Incoterm(models.TextChoices):
    """Incoterms® 2020 (International Chamber of Commerce)."""

    EXW = "EXW", _("EXW — Ex Works")
    FCA = "FCA", _("FCA — Free Carrier")
    CPT = "CPT", _("CPT — Carriage Paid To")
    CIP = "CIP", _("CIP — Carriage and Insurance Paid To")
    DAP = "DAP", _("DAP — Delivered at Place")
    DPU = "DPU", _("DPU — Delivered at Place Unloaded")
    DDP = "DDP", _("DDP — Delivered Duty Paid")
    FAS = "FAS", _("FAS — Free Alongside Ship")
    FOB = "FOB", _("FOB — Free on Board")
    CFR = "CFR", _("CFR — Cost and Freight")
    CIF = "CIF", _("CIF — Cost, Insurance and Freight")


class TransportMode(models.TextChoices):
    """Mode of transport at the border (Union Customs Code data requirements, code list of
    data element 19 03 — Commission Delegated Regulation (EU) 2015/2446, Annex B)."""

    SEA = "1", _("Sea")
    RAIL = "2", _("Rail")
    ROAD = "3", _("Road")
    AIR = "4", _("Air")
    POST = "5", _("Postal consignment")
    FIXED = "7", _("Fixed transport installation (pipeline, power line)")
    INLAND_WATERWAY = "8", _("Inland waterway")
    OWN_PROPULSION = "9", _("Own propulsion")
