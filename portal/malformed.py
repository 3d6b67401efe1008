"""Malformed input is refused with a 400 and the portal's page, at one place, before any view.

A NUL byte in the path, a query parameter or a form field (name or value) reaches PostgreSQL,
which refuses it in any text (psycopg raises ValueError): every page that filtered or stored it
answered 500. No text the guichet takes contains one.
"""

from django.core.exceptions import SuspiciousOperation


class MalformedInput(SuspiciousOperation):
    """Answered 400 by Django's handler (templates/400.html)."""


def _has_nul(data):
    return any("\x00" in key or any("\x00" in value for value in values)
               for key, values in data.lists())


class MalformedInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET):
            raise MalformedInput("A NUL byte in the address.")
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        # After CsrfViewMiddleware has read the body (its own limits apply), before the view.
        # (An uploaded file's name comes without NUL: Django's multipart parser removes it.)
        if request.method == "POST" and _has_nul(request.POST):
            raise MalformedInput("A NUL byte in a form field.")
        return None
