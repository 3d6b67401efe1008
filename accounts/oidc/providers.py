"""The configured providers and what their discovery document says."""

from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

FRANCECONNECT = "franceconnect"
PROCONNECT = "proconnect"
LABELS = {FRANCECONNECT: "FranceConnect", PROCONNECT: "ProConnect"}
DISCOVERY_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Provider:
    slug: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    acr_values: str
    sign_algo: str

    @property
    def label(self):
        return LABELS[self.slug]

    @property
    def callback_url_name(self):
        return f"accounts:oidc_callback_{self.slug}"

    def metadata(self):
        """The provider's discovery document, cached."""
        key = f"oidc-discovery:{self.issuer}"
        document = cache.get(key)
        if document is None:
            response = requests.get(f"{self.issuer.rstrip('/')}/.well-known/openid-configuration",
                                    timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
            if document.get("issuer") != self.issuer.rstrip("/"):
                raise ValueError(f"The discovery document of {self.issuer} names another issuer.")
            cache.set(key, document, DISCOVERY_CACHE_SECONDS)
        return document


def get(slug):
    """The provider `slug` if it is configured (issuer and client id set), else None."""
    options = settings.OIDC_PROVIDERS.get(slug)
    if not options or not options["issuer"] or not options["client_id"]:
        return None
    return Provider(slug=slug, **{**options, "issuer": options["issuer"].rstrip("/")})


def enabled():
    """{slug: Provider} of the configured providers."""
    return {slug: provider for slug in settings.OIDC_PROVIDERS if (provider := get(slug))}
