from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
    CLAIM_ACCEPTED = "claim_accepted", _("Company claim accepted")
    CLAIM_REFUSED = "claim_refused", _("Company claim refused")
    LINK_IDENTITY = "link_identity", _("Confirmation of a FranceConnect or ProConnect link")


class ClaimRole(models.TextChoices):
    LEGAL_REPRESENTATIVE = "legal_representative", _(
        "I am its legal representative (manager, chair…), named on its Kbis extract")
    MANDATED = "mandated", _("I act under a mandate its legal representative signed")


class ClaimStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("company claim", "Being checked")
    ACCEPTED = "accepted", pgettext_lazy("company claim", "Accepted")
    REFUSED = "refused", pgettext_lazy("company claim", "Refused")
