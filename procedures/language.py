"""The language each user reads the portal in, remembered for what is sent to them later
(e-mails, PDF documents) by workers that have no request to read it from."""

from django.conf import settings
from django.utils import translation

from .models import NotificationPreference

SESSION_KEY = "_remembered_language"


def language_of(user):
    """Cached on `user` (select_related("notification_preference") saves the query)."""
    try:
        return user.notification_preference.language
    except NotificationPreference.DoesNotExist:
        return settings.LANGUAGE_CODE


def remember_language(user, language):
    NotificationPreference.objects.update_or_create(user=user, defaults={"language": language})


class LanguageMiddleware:
    """After LocaleMiddleware: stores a signed-in user's language when it changes (the session
    remembers the last one stored, so a request costs no query)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = translation.get_language()
            if request.session.get(SESSION_KEY) != language:
                remember_language(user, language)
                request.session[SESSION_KEY] = language
        return self.get_response(request)
