"""A citizen signs in with FranceConnect, through the provider's own log-in page (node's
oidc-provider on the loopback), finds their verified identity on the profile, and logs out of
Guichet and of the provider in one go."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.oidc import providers
from accounts.oidc.models import ExternalIdentity
from tests.e2e.browsing import header, log_out
from tests.oidc.provider import CLIENT_SECRET, IDENTITIES, running_provider


@pytest.fixture
def franceconnect(settings, live_server):
    with running_provider(live_server.url) as issuer:
        settings.OIDC_PROVIDERS = {
            slug: {**settings.OIDC_PROVIDERS[slug], "issuer": issuer, "client_id": slug,
                   "client_secret": CLIENT_SECRET}
            for slug in (providers.FRANCECONNECT, providers.PROCONNECT)
        }
        cache.clear()
        yield issuer


def test_sign_in_with_franceconnect_then_log_out_of_both(page, franceconnect, axe, shot):
    page.goto("/")
    header(page, "link", "Se connecter").click()
    button = page.get_by_role("button", name="S’identifier avec FranceConnect")
    expect(button).to_be_visible()
    expect(page.get_by_role("link", name="Qu’est-ce que FranceConnect ?")).to_be_visible()
    axe(page)
    shot(page, "login-page")
    button.click()

    # The provider's own pages: its log-in form, then its consent.
    page.wait_for_url(f"{franceconnect}/**")
    page.locator("input[name=login]").fill(IDENTITIES["marie"]["sub"])
    page.locator("input[name=password]").fill("any password")
    shot(page, "provider-login")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    assert ExternalIdentity.objects.get().user.email == "marie.dupont@example.org"
    header(page, "link", "Mon profil").click()
    expect(page.get_by_role("heading", name="Votre identité, transmise par FranceConnect")
           ).to_be_visible()
    expect(page.get_by_label("Prénom")).to_be_disabled()
    expect(page.get_by_label("Prénom")).to_have_value("Marie Louise")
    axe(page)
    shot(page, "profile")

    log_out(page)
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page.get_by_text("Vous êtes déconnecté de Guichet et de FranceConnect.")).to_be_visible()
    shot(page, "logged-out")
