import io

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
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


class RequestSizeLimitMiddleware:
    """A request body larger than settings.REQUEST_MAX_BYTES is refused with 413 before it is
    read: by its Content-Length, or, sent in chunks (no length), once that many bytes have come
    — those are then the body Django reads (it reads none of a chunked body by itself)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.REQUEST_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest()
        if length > limit:
            return too_large(request)
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            body = _read_at_most(request.META["wsgi.input"], limit + 1)
            if len(body) > limit:
                return too_large(request)
            request.META["CONTENT_LENGTH"] = str(len(body))
            request._stream = LimitedStream(io.BytesIO(body), len(body))
        return self.get_response(request)


def too_large(request):
    """The 413 page; nginx shows it too, for the bodies it refuses (deploy/nginx.conf)."""
    response = render(request, "portal/too_large.html",
                      {"title": _("Sent data too large"),
                       "limit": filesizeformat(settings.REQUEST_MAX_BYTES)}, status=413)
    response["Connection"] = "close"  # the rest of the body is not read
    return response


def _read_at_most(stream, size):
    body = bytearray()
    while len(body) < size and (chunk := stream.read(min(65536, size - len(body)))):
        body += chunk
    return bytes(body)
