"""Linking an identity found at a provider to an account that already uses its e-mail
address: never silently — the owner of the address confirms from an e-mail."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from .. import outbox
from ..constants import AccountEmailKind
from .models import ExternalIdentity

SALT = "accounts.oidc.link"


def ask_owner_to_confirm(user, provider, claims):
    """Keep the identity as waiting for confirmation and e-mail its link to the account."""
    if ExternalIdentity.objects.filter(
        provider=provider.slug, user=user, confirmed_at__isnull=False
    ).exclude(subject=claims["sub"]).exists():
        return  # the account is linked to another identity at this provider already
    with transaction.atomic():
        ExternalIdentity.objects.filter(
            provider=provider.slug, user=user, confirmed_at__isnull=True
        ).exclude(subject=claims["sub"]).delete()
        identity, _ = ExternalIdentity.objects.update_or_create(
            provider=provider.slug, subject=claims["sub"], confirmed_at__isnull=True,
            defaults={"user": user, "claims": claims},
        )
        outbox.queue(user, AccountEmailKind.LINK_IDENTITY, identity=identity.pk)


def make_token(identity):
    return signing.dumps({"identity": identity.pk, "user": identity.user_id}, salt=SALT)


def waiting_identity(identity_id, user_id):
    """The identity still waiting for the confirmation of the account `user_id`, or None
    (confirmed, replaced by a newer sign-in, or offered to another account since)."""
    return ExternalIdentity.objects.select_related("user").filter(
        pk=identity_id, user_id=user_id, confirmed_at__isnull=True).first()


def pending_identity(token):
    """The identity waiting for the confirmation that `token` carries, or None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.OIDC_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return waiting_identity(data["identity"], data["user"])


def confirm(identity):
    from .backend import record_login

    identity.confirmed_at = timezone.now()
    identity.save(update_fields=["confirmed_at"])
    record_login(identity, identity.claims)

