"""Sign-in with FranceConnect and ProConnect against a real OpenID Connect provider
(node's oidc-provider, started on the loopback by tests/oidc/provider.py)."""

import base64
import json
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from django.utils import timezone

from accounts import tasks
from accounts.models import AccountEmail, User
from accounts.oidc import providers
from accounts.oidc.backend import OIDCBackend
from accounts.oidc.models import ExternalIdentity
from tests.factories import AgentFactory, ServiceFactory, UserFactory
from tests.oidc.provider import CLIENT_SECRET, ProviderBrowser, follow_until, running_provider
from tests.second_factor import code, totp_device

SITE = "http://testserver"


@pytest.fixture(scope="module")
def issuer():
    with running_provider(SITE) as url:
        yield url


@pytest.fixture
def oidc(settings, issuer):
    settings.OIDC_PROVIDERS = {
        slug: {**settings.OIDC_PROVIDERS[slug], "issuer": issuer, "client_id": slug,
               "client_secret": CLIENT_SECRET}
        for slug in (providers.FRANCECONNECT, providers.PROCONNECT)
    }
    cache.clear()
    return issuer


def start(client, slug="franceconnect"):
    response = client.get(reverse(f"accounts:oidc_start_{slug}"))
    assert response.status_code == 302
    return response["Location"]


def callback_url(client, login, slug="franceconnect", browser=None):
    """The provider's answer for `login`, as the browser is sent back with it."""
    browser = browser or ProviderBrowser(login)
    back = follow_until(browser, browser.get(start(client, slug)), SITE)
    return back.removeprefix(SITE)


def sign_in(client, login, slug="franceconnect", browser=None):
    return client.get(callback_url(client, login, slug, browser))


def signed_in_user(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_the_authorization_request_asks_for_the_identity_with_state_nonce_and_eidas_level(
        client, oidc, db):
    query = parse_qs(urlsplit(start(client)).query)
    assert query["response_type"] == ["code"]
    assert query["client_id"] == ["franceconnect"]
    assert query["acr_values"] == ["eidas1"]
    assert set(query["scope"][0].split()) >= {
        "openid", "given_name", "family_name", "birthdate", "birthplace", "birthcountry",
        "gender", "email"}
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert query["state"][0] in client.session["oidc_states"]


def test_a_first_sign_in_creates_the_account_from_the_verified_identity(client, oidc, db):
    response = sign_in(client, "marie")

    assert response.status_code == 302 and response["Location"] == reverse("procedures:my_space")
    user = signed_in_user(client)
    assert (user.email, user.first_name, user.last_name) == (
        "marie.dupont@example.org", "Marie Louise", "Dupont")
    assert user.birth_date.isoformat() == "1984-03-12"
    assert user.email_verified  # the provider verified it: no confirmation e-mail
    assert not user.has_usable_password()
    assert mail.outbox == []
    identity = ExternalIdentity.objects.get(user=user)
    assert (identity.provider, identity.subject) == ("franceconnect", "fc-marie-0001")
    assert identity.claims["birthplace"] == "75107"


def test_the_identity_from_franceconnect_is_shown_as_such_and_cannot_be_edited(client, oidc, db):
    sign_in(client, "marie")
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Votre identité, transmise par FranceConnect" in page
    assert "12 mars 1984" in page and "75107" in page and "Féminin" in page

    client.post(reverse("accounts:profile"), {
        "first_name": "Mallory", "last_name": "Forged", "birth_date": "2000-01-01",
        "city": "Lyon"})
    user = signed_in_user(client)
    assert (user.first_name, user.last_name, user.birth_date.isoformat(), user.city) == (
        "Marie Louise", "Dupont", "1984-03-12", "Lyon")


def test_a_second_sign_in_finds_the_account_by_the_providers_subject(client, oidc, db):
    sign_in(client, "marie")
    user = signed_in_user(client)
    client.post(reverse("accounts:logout"))
    sign_in(client, "marie")
    assert signed_in_user(client) == user
    assert User.objects.count() == 1


def test_an_existing_account_is_linked_only_once_its_owner_confirms(
        client, oidc, db, django_capture_on_commit_callbacks):
    owner = UserFactory(email="marie.dupont@example.org", first_name="Marie")

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, "marie")
    assert response["Location"] == reverse("accounts:login")
    assert signed_in_user(client) is None  # never silently
    assert User.objects.count() == 1
    assert not ExternalIdentity.objects.filter(confirmed_at__isnull=False).exists()
    [message] = mail.outbox
    assert message.to == ["marie.dupont@example.org"]
    [email] = AccountEmail.objects.all()  # through the outbox: the link is made at send time
    assert (email.kind, email.data, email.sent_at is not None) == (
        "link_identity", {"identity": ExternalIdentity.objects.get().pk}, True)
    link = next(line for line in message.body.splitlines() if "/compte/connexion/lier/" in line)
    path = link.strip().removeprefix("http://127.0.0.1:8000")

    assert "Lier mon compte à FranceConnect" in client.get(path).content.decode()
    client.post(path)
    identity = ExternalIdentity.objects.get()
    assert identity.user == owner and identity.confirmed_at is not None
    assert client.post(path).status_code == 302  # used once: nothing more happens
    assert ExternalIdentity.objects.count() == 1

    sign_in(client, "marie")
    assert signed_in_user(client) == owner
    owner.refresh_from_db()
    assert owner.last_name == "Dupont"  # the verified identity replaces what was typed


def test_a_link_e_mail_lost_with_the_broker_is_swept_once(
        client, oidc, db, django_capture_on_commit_callbacks):
    UserFactory(email="marie.dupont@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        sign_in(client, "marie")
    assert mail.outbox == []
    tasks.sweep_account_emails(grace_seconds=0)
    tasks.sweep_account_emails(grace_seconds=0)
    [message] = mail.outbox
    assert "/compte/connexion/lier/" in message.body and "FranceConnect" in message.subject


def test_a_link_e_mail_for_an_identity_confirmed_since_is_not_sent(
        client, oidc, db, django_capture_on_commit_callbacks):
    UserFactory(email="marie.dupont@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        sign_in(client, "marie")
    ExternalIdentity.objects.update(confirmed_at=timezone.now())  # by an earlier e-mail
    tasks.sweep_account_emails(grace_seconds=0)
    assert mail.outbox == [] and not AccountEmail.objects.exists()


def test_a_link_e_mail_is_not_sent_once_its_identity_is_offered_to_another_account(
        client, oidc, db, django_capture_on_commit_callbacks):
    UserFactory(email="marie.dupont@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        sign_in(client, "marie")
    ExternalIdentity.objects.update(user=UserFactory())  # the provider's address changed since
    tasks.sweep_account_emails(grace_seconds=0)
    assert mail.outbox == [] and not AccountEmail.objects.exists()


def test_a_forged_link_links_nothing(client, oidc, db):
    UserFactory(email="marie.dupont@example.org")
    sign_in(client, "marie")
    response = client.post(reverse("accounts:oidc_link", args=["forged:token"]))
    assert response.status_code == 302
    assert not ExternalIdentity.objects.filter(confirmed_at__isnull=False).exists()


def test_a_replayed_state_is_refused(client, oidc, db):
    answer = callback_url(client, "marie")
    client.get(answer)
    user = signed_in_user(client)
    assert user is not None
    response = client.get(answer)
    assert response.status_code == 400
    assert ExternalIdentity.objects.count() == 1


def test_an_answer_for_a_state_this_browser_never_asked_is_refused(client, oidc, db):
    answer = callback_url(client, "marie")
    other = type(client)()
    assert other.get(answer).status_code in (302, 400)
    assert signed_in_user(other) is None


def real_id_token(client):
    sign_in(client, "marie")
    return client.session["oidc_id_token"]


def verify(token, slug="franceconnect"):
    """The backend's checks of an ID token, with the nonce its sign-in asked for."""
    nonce = jwt.decode(token, options={"verify_signature": False}).get("nonce")
    return backend_for(slug).verify_token(token, nonce=nonce)


def backend_for(slug="franceconnect"):
    backend = OIDCBackend()
    backend.provider = providers.get(slug)
    for attr in ("OIDC_OP_JWKS_ENDPOINT", "OIDC_RP_CLIENT_ID", "OIDC_RP_SIGN_ALGO"):
        setattr(backend, attr, backend.get_settings(attr))
    backend.OIDC_RP_IDP_SIGN_KEY = None
    return backend


def test_the_providers_real_id_token_passes_the_checks(client, oidc, db):
    token = real_id_token(client)
    payload = verify(token)
    assert payload["sub"] == "fc-marie-0001" and payload["aud"] == "franceconnect"


def _reencode(token, change):
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    change(claims)
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_a_tampered_id_token_is_refused(client, oidc, db):
    token = _reencode(real_id_token(client), lambda claims: claims.update(sub="fc-someone-else"))
    with pytest.raises(SuspiciousOperation):
        verify(token)


def test_an_id_token_signed_by_another_key_is_refused(client, oidc, db):
    token = real_id_token(client)
    claims = jwt.decode(token, options={"verify_signature": False})
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "test-key"})
    with pytest.raises(SuspiciousOperation):
        verify(forged)


def test_an_id_token_signed_with_the_client_secret_is_refused(client, oidc, db):
    """The classic confusion: HS256 with a secret the client knows instead of the provider's key."""
    claims = jwt.decode(real_id_token(client), options={"verify_signature": False})
    forged = jwt.encode(claims, CLIENT_SECRET, algorithm="HS256")
    with pytest.raises(SuspiciousOperation):
        verify(forged)


def test_an_id_token_for_another_client_is_refused(client, oidc, db):
    token = real_id_token(client)
    with pytest.raises(SuspiciousOperation):
        verify(token, "proconnect")  # its audience is the FranceConnect client


def test_logging_out_ends_the_providers_session_too(client, oidc, db):
    browser = ProviderBrowser("marie")
    sign_in(client, "marie", browser=browser)

    response = client.post(reverse("accounts:logout"))
    assert signed_in_user(client) is None
    end_session = response["Location"]
    query = parse_qs(urlsplit(end_session).query)
    assert end_session.startswith(oidc + "/session/end")
    assert query["id_token_hint"] and query["state"]
    back = follow_until(browser, browser.get(end_session), SITE)
    assert parse_qs(urlsplit(back).query)["state"] == query["state"]
    page = client.get(back.removeprefix(SITE), follow=True).content.decode()
    assert "Vous êtes déconnecté de Guichet et de FranceConnect." in page

    # The provider's session is over: signing in again asks for the person's login.
    login_page = browser.get(start(client))
    while login_page.is_redirect:
        login_page = browser.get(login_page.headers["location"]
                                 if login_page.headers["location"].startswith("http")
                                 else oidc + login_page.headers["location"])
    assert 'name="login"' in login_page.text


def test_a_proconnect_sign_in_alone_grants_nothing_in_the_admin(client, oidc, db):
    sign_in(client, "agent", slug="proconnect")
    user = signed_in_user(client)
    assert user.email == "paul.agent@mairie.example.org" and not user.is_staff
    assert client.get(reverse("admin:index")).status_code == 302  # to the admin's log-in
    assert user.memberships.count() == 0


def test_an_agent_links_proconnect_and_then_signs_in_to_the_admin(
        client, oidc, db, django_capture_on_commit_callbacks):
    agent = AgentFactory(service=ServiceFactory(code="mairie"),
                         email="paul.agent@mairie.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(client, "agent", slug="proconnect")
    assert signed_in_user(client) is None
    link = next(line for line in mail.outbox[0].body.splitlines() if "/lier/" in line)
    client.post(link.strip().removeprefix("http://127.0.0.1:8000"))

    response = sign_in(client, "agent", slug="proconnect")
    assert response["Location"] == reverse("admin:index")
    assert signed_in_user(client) == agent
    # ProConnect's own MFA does not count (accounts/second_factor.py): the guichet's code next.
    to_enrol = client.get(reverse("admin:index"))["Location"]
    assert to_enrol.startswith(reverse("second_factor:enrol"))
    client.post(reverse("second_factor:verify"), {"code": code(totp_device(agent))})
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_buttons_follow_the_official_markup_in_french(client, oidc, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'class="fr-connect"' in page
    assert "S’identifier avec" in page and "fr-connect__brand\">FranceConnect" in page
    assert "Qu’est-ce que FranceConnect ?" in page
    admin_page = client.get(reverse("admin:login")).content.decode()
    assert "S’identifier avec ProConnect" in admin_page


def test_off_by_default(client, db):
    assert "fr-connect" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("accounts:oidc_start_franceconnect")).status_code == 404


def test_a_provider_that_does_not_answer_gets_a_message_not_an_error(client, settings, db):
    settings.OIDC_PROVIDERS = {**settings.OIDC_PROVIDERS, "franceconnect": {
        **settings.OIDC_PROVIDERS["franceconnect"], "issuer": "http://127.0.0.1:9",
        "client_id": "franceconnect"}}
    cache.clear()
    response = client.get(reverse("accounts:oidc_start_franceconnect"), follow=True)
    assert response.status_code == 200
    assert "FranceConnect ne répond pas" in response.content.decode()
