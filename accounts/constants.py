from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    CIVIL_STATUS = "civil_status", _("Town hall — civil status")
    CUSTOMS = "customs", _("Customs office")
    TAX = "tax", _("Tax office")
    AID = "aid", _("Business aid desk")
    OTHER = "other", _("Other service")


class MembershipRole(models.TextChoices):
    AGENT = "agent", _("Agent")
    SUPERVISOR = "supervisor", _("Supervisor")
