"""The pages the law and the DSFR require in every footer: legal notice, personal data, cookies
and the site map (the accessibility statement is in views.py). What they state is read from the
settings and the registry, so that they say what this instance does."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from accounts.lockout import DEVICE_COOKIE, DEVICE_MAX_AGE
from procedures.registry import registry


def _operator():
    return {
        "publisher": settings.GUICHET_PUBLISHER,
        "director": settings.GUICHET_PUBLICATION_DIRECTOR,
        "hosting": settings.GUICHET_HOSTING,
        "privacy_contact": settings.GUICHET_PRIVACY_CONTACT,
    }


@require_GET
def legal_notice(request):
    return render(request, "portal/legal_notice.html", _operator())


def _duration(days):
    if days % 365 == 0:
        return ngettext("%(count)s year", "%(count)s years", days // 365) % {"count": days // 365}
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


@require_GET
def personal_data(request):
    retention = [(p.title, _duration(p.retention_days or settings.CASE_RETENTION_DAYS))
                 for p in registry if p.listed]
    return render(request, "portal/personal_data.html", {
        **_operator(),
        "draft_days": settings.DRAFT_RETENTION_DAYS,
        "warning_days": settings.RETENTION_WARNING_DAYS,
        "retention": retention,
        "session_hours": settings.SESSION_LIFETIME_CITIZEN // 3600,
    })


@require_GET
def cookies(request):
    return render(request, "portal/cookies.html", {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "session_idle_minutes": settings.SESSION_IDLE_CITIZEN // 60,
        "session_hours": settings.SESSION_LIFETIME_CITIZEN // 3600,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "csrf_days": settings.CSRF_COOKIE_AGE // 86400,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        "device_cookie": DEVICE_COOKIE,
        "device_days": DEVICE_MAX_AGE // 86400,
    })


@require_GET
def site_map(request):
    return render(request, "portal/site_map.html", {
        "procedures": [p for p in registry if p.listed],
    })
