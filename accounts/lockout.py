"""Log-in throttling that a stranger cannot turn against the owner.

- The (account, client address) pair: after settings.LOGIN_FREE_FAILURES wrong passwords it
  waits 1, 2, 4… minutes between tries (an hour at most); it concerns that address only.
- One address, many accounts (password spraying): past RATE_LIMITS["login-address"] failures
  in the window, the address is refused log-ins by password.
- One account, many addresses: past RATE_LIMITS["login-account"] failures in the window, the
  password form is closed to browsers that never logged in to the account — a delay until
  the window ends, not a lock: the owner's usual browser carries a signed device cookie
  (OWASP's "device cookies") and still gets in, and anyone who owns the mailbox gets in
  through a one-time log-in link (accounts/login_links.py).
- Agents and administrators get an e-mail when their account collects failures.

Counters live in the shared cache (portal/ratelimit.py), keyed by the client's address as
portal/network.py reads it.
"""

import time

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from portal import ratelimit
from portal.network import client_ip

DEVICE_COOKIE = "guichet_device"
DEVICE_SALT = "accounts.device"
DEVICE_MAX_AGE = 365 * 24 * 3600
MAX_DELAY = 3600


def _wait_key(email, address):
    return ratelimit.key("login-wait", (email, address))


def _known_device(request, email):
    try:
        value = signing.loads(request.COOKIES.get(DEVICE_COOKIE, ""), salt=DEVICE_SALT,
                              max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return False
    return value == email


def refusal(request, email):
    """Why this log-in attempt is refused now (a message for the person), or None."""
    email, address = email.lower(), client_ip(request)
    until = ratelimit.cache_get(_wait_key(email, address))
    if until and until > time.time():
        minutes = max(1, round((until - time.time()) / 60))
        return _("Too many wrong passwords for this account from your connection. Try again in "
                 "%(minutes)s min, or receive a log-in link by e-mail.") % {"minutes": minutes}
    if _known_device(request, email):
        return None
    if ratelimit.exceeded("login-address", address):
        return _("Too many failed log-ins from your connection. Try again later, or receive a "
                 "log-in link by e-mail.")
    if ratelimit.exceeded("login-account", email):
        return _("For your safety, this account can only be opened from a browser already used "
                 "for it, or with a log-in link sent by e-mail. Try again in an hour.")
    return None


def failed(request, email, user=None):
    """Count a wrong password for `email` from this request's client address."""
    email, address = email.lower(), client_ip(request)
    failures = ratelimit.count("login-pair", email, address)
    if failures >= settings.LOGIN_FREE_FAILURES:
        delay = min(60 * 2 ** (failures - settings.LOGIN_FREE_FAILURES), MAX_DELAY)
        ratelimit.cache_set(_wait_key(email, address), time.time() + delay, timeout=delay)
    ratelimit.hit("login-address", address)
    account_failures = ratelimit.count("login-account", email)
    if user is not None and user.is_staff:
        _alert(user, address, account_failures)


def _alert(user, address, failures):
    """An e-mail to an agent or administrator at the LOGIN_ALERT_FAILURES-th failure of the
    window (then every tenth), with the addresses seen."""
    from .constants import AccountEmailKind
    from .outbox import queue

    key = ratelimit.key("login-alert-addresses", (user.email,))
    addresses = sorted({*(ratelimit.cache_get(key) or []), address})[:20]
    ratelimit.cache_set(key, addresses, timeout=settings.RATE_LIMITS["login-account"][1])
    threshold = settings.LOGIN_ALERT_FAILURES
    if failures == threshold or (failures > threshold and (failures - threshold) % 10 == 0):
        queue(user, AccountEmailKind.LOGIN_ALERT, failures=failures, addresses=addresses)


def succeeded(request, response, email):
    """The owner is in: forget the pair's failures and remember this browser for the account."""
    email, address = email.lower(), client_ip(request)
    ratelimit.clear("login-pair", email, address)
    ratelimit.cache_delete(_wait_key(email, address))
    response.set_cookie(
        DEVICE_COOKIE, signing.dumps(email, salt=DEVICE_SALT), max_age=DEVICE_MAX_AGE,
        httponly=True, secure=settings.SESSION_COOKIE_SECURE, samesite="Lax",
    )
