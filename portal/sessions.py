"""Session lifetimes (OWASP ASVS 3.3): a session ends after an idle time and after an absolute
lifetime, both shorter for agents and administrators (staff) than for citizens. A password
change or reset ends every other session already (Django checks the password's hash stored
in each session)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _

LAST_SEEN, STARTED = "guichet_last_seen", "guichet_started"
WRITE_EVERY = 60  # seconds: the session is saved at most once a minute for its idle clock


def limits(user):
    """(idle seconds, absolute seconds) for this user."""
    if user.is_staff:
        return settings.SESSION_IDLE_STAFF, settings.SESSION_LIFETIME_STAFF
    return settings.SESSION_IDLE_CITIZEN, settings.SESSION_LIFETIME_CITIZEN


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now, session = time.time(), request.session
            idle, lifetime = limits(user)
            started = session.setdefault(STARTED, now)
            last_seen = session.get(LAST_SEEN, now)
            if now - last_seen > idle or now - started > lifetime:
                logout(request)
                messages.info(request, _("You were logged out after a time without activity, "
                                         "for your safety. Log in again to go on."))
                if request.method == "GET":
                    return redirect_to_login(request.get_full_path())
                return redirect(resolve_url(settings.LOGIN_URL))
            if now - last_seen >= WRITE_EVERY or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        response = self.get_response(request)
        if request.user.is_authenticated and LAST_SEEN not in request.session:  # just logged in
            request.session[STARTED] = request.session[LAST_SEEN] = time.time()
        return response
