from django.shortcuts import render
from django.utils.translation import gettext as _

from .ratelimit import Unavailable


class RateLimitUnavailableMiddleware:
    """When the shared cache does not answer, what is rate-limited is refused (fail closed)
    with a page saying so and 503, never a 500; the rest of the site keeps working."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Unavailable):
            response = render(request, "portal/unavailable.html",
                              {"title": _("Briefly unavailable")}, status=503)
            response["Retry-After"] = "60"
            return response
        return None
