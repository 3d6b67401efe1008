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


class AccountEmailKind(models.TextChoices):
    VERIFICATION = "verification", _("E-mail address confirmation")
    PASSWORD_RESET = "password_reset", _("Password reset")
    LOGIN_LINK = "login_link", _("One-time log-in link")
    SIGNUP_EXISTING = "signup_existing", _("Sign-up with an address already registered")
    LOGIN_ALERT = "login_alert", _("Failed log-ins on the account")
