"""E-mail verification links: a signed, time-limited token carrying the user id and e-mail."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

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


def send_verification_email(user, language=None):
    url = settings.SITE_URL + reverse("accounts:verify_email", args=[make_token(user)])
    with translation.override(language or translation.get_language()):
        context = {"user": user, "url": url}
        subject = render_to_string("accounts/email/verify_subject.txt", context).strip()
        body = render_to_string("accounts/email/verify_body.txt", context)
    send_mail(subject, body, None, [user.email])


def mark_verified(user):
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
