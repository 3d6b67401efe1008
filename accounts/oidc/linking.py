"""Linking an identity found at a provider to an account that already uses its e-mail
address: never silently — the owner of the address confirms from an e-mail."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

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
    from .tasks import send_link_email

    language = translation.get_language()
    transaction.on_commit(lambda: send_link_email.delay(identity.pk, language))


def make_token(identity):
    return signing.dumps({"identity": identity.pk, "user": identity.user_id}, salt=SALT)


def pending_identity(token):
    """The identity waiting for the confirmation that `token` carries, or None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.OIDC_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return ExternalIdentity.objects.select_related("user").filter(
        pk=data["identity"], user_id=data["user"], confirmed_at__isnull=True
    ).first()


def confirm(identity):
    from .backend import record_login

    identity.confirmed_at = timezone.now()
    identity.save(update_fields=["confirmed_at"])
    record_login(identity, identity.claims)


def send_link_email(identity, language):
    from .providers import LABELS

    url = settings.SITE_URL + reverse("accounts:oidc_link", args=[make_token(identity)])
    with translation.override(language):
        context = {"user": identity.user, "url": url, "provider": LABELS[identity.provider]}
        subject = render_to_string("accounts/email/link_identity_subject.txt", context).strip()
        body = render_to_string("accounts/email/link_identity_body.txt", context)
    send_mail(subject, body, None, [identity.user.email])
