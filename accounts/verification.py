"""E-mail verification links: a signed, time-limited token carrying the user id and e-mail."""

from django.conf import settings
from django.core import signing
from django.utils import timezone

SALT = "accounts.email-verification"


def make_token(user):
    return signing.dumps({"id": user.pk, "email": user.email}, salt=SALT)


def read_token(token):
    """Return (user_id, email) from a valid token, or None if forged or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return data["id"], data["email"]


def mark_verified(user):
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
