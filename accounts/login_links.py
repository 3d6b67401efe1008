"""One-time log-in links, the way in that no stranger's failed attempts can close: a signed,
short-lived token carrying the user id and the time of their last log-in, so that the first
use (which moves `last_login`) spends it."""

from django.conf import settings
from django.core import signing

from .models import User

SALT = "accounts.login-link"


def _stamp(user):
    return user.last_login.isoformat() if user.last_login else ""


def make_token(user):
    return signing.dumps({"id": user.pk, "seen": _stamp(user)}, salt=SALT)


def read_token(token):
    """The active user a valid, unused, unexpired token names, or None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.LOGIN_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("id"), is_active=True).first()
    return user if user is not None and _stamp(user) == data.get("seen") else None
