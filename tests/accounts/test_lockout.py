"""Log-in throttling (accounts/lockout.py): per (account, address) pair, per address, per
account; none of it can keep the owner out."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts import lockout
from tests.factories import PASSWORD, AgentFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def log_in(client, email, password, address="198.51.100.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


class Clock:
    def __init__(self):
        import time
        self.now = time.time()

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(lockout, "time", clock)
    return clock


@pytest.fixture
def redis_cache(settings):
    """The cache on the real Redis (db 10), as in production."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/10"}}
    from django.core.cache import cache
    cache.clear()
    yield
    cache.clear()


def test_a_strangers_wrong_passwords_do_not_stop_the_owner(client, clock):
    owner = UserFactory()
    stranger, home = "203.0.113.66", "198.51.100.1"
    for _ in range(settings.LOGIN_FREE_FAILURES):
        assert log_in(client, owner.email, "devine", stranger).status_code == 200
    refused = log_in(client, owner.email, PASSWORD, stranger)  # even the right password
    assert refused.status_code == 429
    assert "Trop de mots de passe erronés pour ce compte depuis votre connexion" in \
        refused.content.decode()
    assert "_auth_user_id" not in client.session

    assert log_in(client, owner.email, PASSWORD, home).status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_the_pair_slows_down_progressively(client, clock):
    user = UserFactory()
    for _ in range(settings.LOGIN_FREE_FAILURES):
        log_in(client, user.email, "devine")
    for delay in (60, 120, 240):
        clock.now += delay - 1
        assert log_in(client, user.email, "devine").status_code == 429  # not counted
        clock.now += 2
        assert log_in(client, user.email, "devine").status_code == 200  # a failure, counted
    clock.now += 479
    assert log_in(client, user.email, PASSWORD).status_code == 429
    clock.now += 2
    assert log_in(client, user.email, PASSWORD).status_code == 302
    client.logout()
    # A success forgets the pair's failures: five free tries again.
    for _ in range(settings.LOGIN_FREE_FAILURES - 1):
        assert log_in(client, user.email, "devine").status_code == 200
    assert log_in(client, user.email, PASSWORD).status_code == 302


@pytest.mark.redis
def test_password_spraying_from_one_address_is_stopped(client, settings, redis_cache):
    limit = settings.RATE_LIMITS["login-address"][0]
    victims = [UserFactory() for _ in range(30)]
    answers = [log_in(client, user.email, "Printemps2026!").status_code for user in victims]
    assert answers == [200] * limit + [429] * (30 - limit)
    # Blocked from that address, for every account; not from elsewhere.
    assert log_in(client, victims[0].email, PASSWORD).status_code == 429
    assert log_in(client, victims[0].email, PASSWORD, "192.0.2.44").status_code == 302


def test_an_account_attacked_from_many_addresses_stays_open_to_its_owner(
        client, django_capture_on_commit_callbacks):
    owner = UserFactory()
    assert log_in(client, owner.email, PASSWORD).status_code == 302  # the owner's browser
    client.post(reverse("accounts:logout"))  # (client.logout() would drop every cookie)
    stranger = type(client)()
    limit = settings.RATE_LIMITS["login-account"][0]
    for number in range(limit):
        assert log_in(stranger, owner.email, "devine", f"203.0.113.{number}").status_code == 200
    # A browser that never logged in to the account waits, even with the right password…
    refused = log_in(stranger, owner.email, PASSWORD, "203.0.113.200")
    assert refused.status_code == 429
    assert "navigateur déjà utilisé pour ce compte" in refused.content.decode()
    # …the owner's browser gets in, from a new address too…
    assert log_in(client, owner.email, PASSWORD, "192.0.2.1").status_code == 302
    # …and so does anyone who owns the mailbox, through a one-time link.
    newcomer = type(client)()
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.post(reverse("accounts:login_link_request"), {"email": owner.email},
                      REMOTE_ADDR="192.0.2.2")
    link = re.search(r"http://127\.0\.0\.1:8000(/compte/connexion/lien/\S+/)",
                     mail.outbox[-1].body).group(1)
    assert newcomer.post(link, REMOTE_ADDR="192.0.2.2").status_code == 302
    assert newcomer.session["_auth_user_id"] == str(owner.pk)


def test_the_log_in_link_works_once_and_its_get_changes_nothing(
        client, django_capture_on_commit_callbacks):
    user = UserFactory(unverified=True)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("accounts:login_link_request"), {"email": user.email},
                             follow=True)
        unknown = client.post(reverse("accounts:login_link_request"),
                              {"email": "personne@example.org"}, follow=True)
    assert [m.message for m in answer.context["messages"]] == \
        [m.message for m in unknown.context["messages"]]
    [message] = mail.outbox
    assert message.to == [user.email] and message.subject == "Guichet : votre lien de connexion"
    assert "dans les 15 minutes" in message.body
    link = re.search(r"http://127\.0\.0\.1:8000(/compte/connexion/lien/\S+/)", message.body)[1]

    page = client.get(link)  # a mail scanner opening the link logs no one in
    assert page.status_code == 200 and "_auth_user_id" not in client.session
    assert user.email in page.content.decode()
    assert client.post(link).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.email_verified  # the link proved the address
    client.logout()
    spent = client.post(link, follow=True)
    assert "_auth_user_id" not in client.session
    assert "invalide, déjà utilisé ou expiré" in spent.content.decode()


def test_a_log_in_link_expires(client, settings, django_capture_on_commit_callbacks):
    settings.LOGIN_LINK_MAX_AGE = -1
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:login_link_request"), {"email": user.email})
    link = re.search(r"8000(/compte/connexion/lien/\S+/)", mail.outbox[0].body)[1]
    client.post(link)
    assert "_auth_user_id" not in client.session


def test_agents_are_alerted_of_repeated_failures(client, django_capture_on_commit_callbacks):
    agent, citizen = AgentFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(settings.LOGIN_ALERT_FAILURES + 2):
            log_in(client, agent.email, "devine", f"203.0.113.{number}")
            log_in(client, citizen.email, "devine", f"203.0.113.{number}")
    [alert] = mail.outbox
    assert alert.to == [agent.email]
    assert alert.subject == "Guichet : tentatives de connexion échouées sur votre compte"
    assert "5 tentatives de connexion à votre compte Guichet avec un mauvais mot de passe" \
        in alert.body
    assert "203.0.113.0, 203.0.113.1" in alert.body
    assert "http://127.0.0.1:8000/compte/mot-de-passe/oubli/" in alert.body
