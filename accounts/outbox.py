"""Account e-mails through an outbox: `queue` writes a row in the caller's transaction and
enqueues its id on commit; `send` (a task) renders the e-mail, builds its link at that moment,
and marks the row sent under a row lock, so a second delivery sends nothing. The sweep enqueues
again the rows still unsent (a broker outage, a worker lost), as procedures.tasks.sweep does
for the case events."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from . import login_links, verification
from .constants import AccountEmailKind
from .models import AccountEmail
from .oidc import linking
from .oidc.providers import LABELS

logger = logging.getLogger(__name__)

# Links older than this are useless (a reset or log-in link expires): not worth sending late.
SWEEP_WINDOW = timedelta(days=1)


def queue(user, kind, language=None, **data):
    """`language`: the recipient's, when the request is not theirs (an agent's decision)."""
    email = AccountEmail.objects.create(
        user=user, kind=kind, data=data,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    transaction.on_commit(lambda: enqueue(email.pk))
    return email


def enqueue(email_id):
    from .tasks import send_account_email

    try:
        send_account_email.delay(email_id)
    except Exception:  # broker down: the sweep sends it once the broker is back
        logger.warning("Could not enqueue account e-mail %s; the sweep will.", email_id)


def _link(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def _context(email):
    user = email.user
    context = {"user": user, "site_url": settings.SITE_URL, **email.data}
    if email.kind == AccountEmailKind.VERIFICATION:
        context["url"] = _link("accounts:verify_email", verification.make_token(user))
    elif email.kind == AccountEmailKind.PASSWORD_RESET:
        context["url"] = _link("accounts:password_reset_confirm",
                               urlsafe_base64_encode(force_bytes(user.pk)),
                               default_token_generator.make_token(user))
    elif email.kind == AccountEmailKind.LOGIN_LINK:
        context["url"] = _link("accounts:login_link", login_links.make_token(user))
    elif email.kind in (AccountEmailKind.CLAIM_ACCEPTED, AccountEmailKind.CLAIM_REFUSED):
        context["companies_url"] = _link("accounts:companies")
    elif email.kind == AccountEmailKind.LINK_IDENTITY:
        identity = linking.waiting_identity(email.data["identity"], user.pk)
        context["url"] = _link("accounts:oidc_link", linking.make_token(identity))
        context["provider"] = LABELS[identity.provider]
    else:  # SIGNUP_EXISTING, LOGIN_ALERT: where to go next
        context["login_url"] = _link("accounts:login")
        context["reset_url"] = _link("accounts:password_reset")
        context["login_link_url"] = _link("accounts:login_link_request")
    return context


def render(email):
    """(subject, body) of an outbox row, in the language of the request that queued it."""
    with translation.override(email.language):
        context = _context(email)
        subject = render_to_string(f"accounts/email/{email.kind}_subject.txt", context)
        body = render_to_string(f"accounts/email/{email.kind}_body.txt", context)
    return " ".join(subject.split()), body


def send(email_id):
    with transaction.atomic():
        email = (AccountEmail.objects.select_for_update().select_related("user")
                 .filter(pk=email_id, sent_at__isnull=True).first())
        if email is None:
            return
        if (email.kind == AccountEmailKind.LINK_IDENTITY
                and linking.waiting_identity(email.data["identity"], email.user_id) is None):
            email.delete()  # the link would confirm nothing, or for another account: not sent
            return
        subject, body = render(email)
        send_mail(subject, body, None, [email.user.email])
        email.sent_at = timezone.now()
        email.save(update_fields=["sent_at"])


def unsent(since, until, limit):
    return list(AccountEmail.objects.filter(
        sent_at__isnull=True, created_at__gte=since, created_at__lt=until,
    ).order_by("pk").values_list("pk", flat=True)[:limit])
