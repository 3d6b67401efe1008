"""The second factor of agents and administrators (OWASP ASVS 2.8, 4.3.1): a TOTP code from an
authenticator app (django-otp), asked once per session before any page of the admin.

An agent or administrator without a confirmed TOTP device is sent to enrol (a QR code, then a
code to confirm it), and gets ten one-time recovery codes (django-otp's static device) for a
lost phone. Wrong codes are counted per account in the shared cache (portal/ratelimit.py):
past SECOND_FACTOR_FAILURES in 15 minutes every code is refused until the window ends.

A ProConnect sign-in does not count as the second factor: the guichet cannot check what
ProConnect's own MFA was (the acr it reports is the identity provider's word), so the agent
gives the guichet's own code after it as after a password.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import ratelimit

RECOVERY_CODES = 10
FAILURES = "second-factor-account"


class TooManyFailures(Exception):
    """Too many wrong codes for this account lately: no code is checked."""


def required(user):
    """Whether this user must give a second factor to use the admin."""
    return user.is_authenticated and (user.is_staff or user.is_superuser)


def confirmed_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user):
    """The TOTP device being enrolled (created on the first visit, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


def check(user, code, devices):
    """The device among `devices` that accepts `code` (used once), or None; counts failures."""
    if ratelimit.exceeded(FAILURES, user.pk):
        raise TooManyFailures
    code = "".join(code.split()).lower()
    for device in devices:
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    ratelimit.hit(FAILURES, user.pk)
    return None


def login_devices(user):
    """What a code may come from at log-in: the confirmed TOTP devices and the recovery codes."""
    return list(devices_for_user(user, confirmed=True))


def new_recovery_codes(user):
    """Replace the user's recovery codes by RECOVERY_CODES new ones; return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _exempt_paths():
    return {reverse("admin:login"), reverse("admin:logout"), reverse("admin:jsi18n"),
            reverse("second_factor:enrol"), reverse("second_factor:verify")}


class SecondFactorMiddleware:
    """Before any admin page, an agent or administrator whose session has not given a code
    is sent to give one (or to enrol). Placed after django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (request.path.startswith(reverse("admin:index")) and required(user)
                and not user.is_verified() and request.path not in _exempt_paths()):
            target = "second_factor:verify" if confirmed_totp(user) else "second_factor:enrol"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)


def failure_window_minutes():
    return settings.RATE_LIMITS[FAILURES][1] // 60
