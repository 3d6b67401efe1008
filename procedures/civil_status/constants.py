"""The user-facing labels of the civil-status values; the values are those of rules.py (a test
checks that they match)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Record(models.TextChoices):
    BIRTH = "birth", _("Birth record")
    MARRIAGE = "marriage", _("Marriage record")
    DEATH = "death", _("Death record")


class Kind(models.TextChoices):
    FULL_COPY = "full_copy", _("Full copy")
    EXTRACT_WITH_PARENTAGE = "extract_with_parentage", _("Extract with parentage")
    EXTRACT_WITHOUT_PARENTAGE = "extract_without_parentage", _("Extract without parentage")
    MULTILINGUAL = "multilingual", _("Multilingual extract")


class Relation(models.TextChoices):
    SELF = "self", _("I am the person named in the record")
    SPOUSE = "spouse", _("Their spouse")
    ASCENDANT = "ascendant", _("Their ascendant (parent, grandparent…)")
    DESCENDANT = "descendant", _("Their descendant (child, grandchild…)")
    LEGAL_REPRESENTATIVE = "legal_representative", _("Their legal representative (guardian…)")
    OTHER = "other", _("Another person")


class Delivery(models.TextChoices):
    POST = "post", _("By post, to a postal address")
    ELECTRONIC = "electronic", _("Electronically: a PDF to download from “My space”")

