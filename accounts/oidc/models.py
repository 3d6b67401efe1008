import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.wording import date_format

IDENTITY_CLAIMS = (
    ("given_name", _("Given names")),
    ("family_name", _("Family name")),
    ("birthdate", _("Date of birth")),
    ("birthplace", _("Place of birth (official geographic code)")),
    ("birthcountry", _("Country of birth (official geographic code)")),
    ("gender", _("Gender")),
)
GENDERS = {"female": _("Female"), "male": _("Male")}


class ExternalIdentity(models.Model):
    """An account's identity at a provider (its `sub`), with the claims it last gave.

    An identity found for an account that already existed waits for `confirmed_at`: the
    owner of the account's address confirms the link from an e-mail. Sign-in uses confirmed
    identities only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    provider = models.CharField(_("provider"), max_length=30)
    subject = models.CharField(_("subject at the provider"), max_length=255)
    claims = models.JSONField(_("claims"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="unique_provider_subject"),
            models.UniqueConstraint(fields=["provider", "user"], name="one_identity_per_provider"),
        ]

    def __str__(self):
        return f"{self.provider}:{self.subject}"

    def identity_rows(self):
        """[(label, value)] of the identity claims the provider gave, for the profile page."""
        rows = []
        for claim, label in IDENTITY_CLAIMS:
            value = self.claims.get(claim)
            if not value:
                continue
            if claim == "birthdate":
                try:
                    value = date_format(datetime.date.fromisoformat(value))
                except ValueError:
                    pass
            elif claim == "gender":
                value = GENDERS.get(value, value)
            rows.append((label, value))
        return rows


def verified_identity(user):
    """The FranceConnect identity of `user` (confirmed), or None."""
    from .providers import FRANCECONNECT

    if not user.is_authenticated:
        return None
    return user.external_identities.filter(
        provider=FRANCECONNECT, confirmed_at__isnull=False).first()
