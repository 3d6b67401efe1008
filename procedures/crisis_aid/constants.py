from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    """The legal forms the small businesses of the fund mostly have (INSEE's categories)."""

    SOLE_TRADER = "ei", _("Sole trader (entreprise individuelle, micro-entrepreneur)")
    EURL = "eurl", _("EURL")
    SARL = "sarl", _("SARL")
    SASU = "sasu", _("SASU")
    SAS = "sas", _("SAS")
    SA = "sa", _("SA")
    SNC = "snc", _("SNC")
    OTHER = "other", _("Another legal form")


class Reference(models.TextChoices):
    """What the turnover of the month of loss is compared with (décret n° 2020-371, art. 3)."""

    SAME_MONTH = "same_month", _("The same month a year earlier")
    AVERAGE = "average", _("The monthly average since the company was created")
