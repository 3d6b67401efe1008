"""Response headers that Django's own middleware does not set."""

from django.utils.cache import add_never_cache_headers

from accounts.oidc import providers

# No page of the guichet uses these browser features.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
    "payment", "usb", "interest-cohort",
))


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; nothing a signed-in person sees (pages, their
    documents) is kept by the browser's or a proxy's cache; the Content-Security-Policy lets
    forms lead to the configured sign-in providers (a log-in or log-out form is answered by a
    redirect to them, which `form-action` governs). Below django-csp's middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        issuers = [provider.issuer for provider in providers.enabled().values()]
        if issuers:
            response._csp_update = {"form-action": issuers}
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = "no-store, " + response.headers["Cache-Control"]
        return response
