"""The user-facing labels of the values of rules.py (a test checks that they match)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Situation(models.TextChoices):
    SINGLE = "single", pgettext_lazy("tax situation", "Single")
    MARRIED = "married", pgettext_lazy("tax situation", "Married")
    PACS = "pacs", pgettext_lazy("tax situation", "Bound by a civil partnership (PACS)")
    DIVORCED = "divorced", pgettext_lazy("tax situation", "Divorced or separated")
    WIDOWED = "widowed", pgettext_lazy("tax situation", "Widowed")


COUPLES = (Situation.MARRIED, Situation.PACS)
