"""The user-facing labels of the values of rules.py (a test checks that they match)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Situation(models.TextChoices):
    SINGLE = "single", _("Single")
    MARRIED = "married", _("Married")
    PACS = "pacs", _("Bound by a civil partnership (PACS)")
    DIVORCED = "divorced", _("Divorced or separated")
    WIDOWED = "widowed", _("Widowed")


COUPLES = (Situation.MARRIED, Situation.PACS)
