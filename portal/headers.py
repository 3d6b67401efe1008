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
        update = {}
        if issuers := [provider.issuer for provider in providers.enabled().values()]:
            update["form-action"] = issuers
        if request.path.startswith("/admin/"):
            # Django's admin templates carry a few inline <style> blocks; its scripts stay
            # under 'self' like the public site's.
            update["style-src"] = ["'unsafe-inline'"]
        if update:
            response._csp_update = update
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = "no-store, " + response.headers["Cache-Control"]
        return response
