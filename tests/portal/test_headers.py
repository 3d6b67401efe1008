"""The headers of a strict browser policy: CSP, Permissions-Policy, no-store for anything a
signed-in person sees, SameSite on every cookie."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.second_factor import log_in


def directives(response):
    return {part.split()[0]: part.split()[1:]
            for part in response["Content-Security-Policy"].split(";") if part.strip()}


def test_a_strict_content_security_policy(client, db):
    policy = directives(client.get("/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_the_admin_allows_its_inline_styles_but_not_inline_scripts(client, db):
    policy = directives(client.get("/admin/login/"))
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]


def test_forms_may_lead_to_a_configured_sign_in_provider_only(client, settings, db):
    settings.OIDC_PROVIDERS = {**settings.OIDC_PROVIDERS, "franceconnect": {
        **settings.OIDC_PROVIDERS["franceconnect"], "issuer": "https://fc.example",
        "client_id": "guichet"}}
    policy = directives(client.get(reverse("accounts:login")))
    assert policy["form-action"] == ["'self'", "https://fc.example"]


def test_permissions_policy_on_every_page(client, db):
    assert "camera=()" in client.get("/")["Permissions-Policy"]


def test_nothing_a_signed_in_person_sees_is_cached(client, db):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    log_in(client, UserFactory())
    for url in ("/", reverse("accounts:profile"), reverse("procedures:my_space")):
        assert "no-store" in client.get(url)["Cache-Control"], url


@pytest.mark.parametrize("name", ["SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE",
                                  "LANGUAGE_COOKIE_SAMESITE"])
def test_every_cookie_is_same_site(settings, name):
    assert getattr(settings, name) == "Lax"


def test_the_cookies_a_visitor_gets_carry_same_site(client, db):
    client.get(reverse("accounts:login"))
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookies = {**client.cookies, **response.cookies}
    assert cookies
    for cookie in cookies.values():
        assert cookie["samesite"] == "Lax", cookie.key
