"""Behind a reverse proxy on the loopback (tests/accounts/live.py): the address that counts is
the client's as the trusted proxy reports it, never the proxy's, never a forged header."""

import re

import pytest
import redis
from django.conf import settings

from tests.factories import PASSWORD, UserFactory

from .live import LiveSite

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

VERIFY = "/verifier/?reference=EC-2026-000001&code=0123456789"


@pytest.fixture(scope="module")
def live_site(django_db_setup, django_db_blocker, tmp_path_factory):
    site = LiveSite(tmp_path_factory.mktemp("site"))
    yield site
    site.stop()


@pytest.fixture
def site(live_site, transactional_db):
    """The live site, with what the test writes committed and the limits at zero."""
    cache = redis.Redis.from_url("redis://127.0.0.1:6379/10")
    cache.flushdb()
    yield live_site
    cache.flushdb()


def log_in(browser, email, password):
    page = browser.get("/compte/connexion/")
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', page.text)[1]
    return browser.post("/compte/connexion/", data={
        "username": email, "password": password, "csrfmiddlewaretoken": token})


def test_a_strangers_five_wrong_passwords_do_not_stop_the_owner(site):
    owner = UserFactory()
    stranger, home = site.browser("127.0.0.2"), site.browser("127.0.0.3")
    for _ in range(settings.LOGIN_FREE_FAILURES):
        assert log_in(stranger, owner.email, "devine").status_code == 200
    assert log_in(stranger, owner.email, PASSWORD).status_code == 429
    response = log_in(home, owner.email, PASSWORD)
    assert response.status_code == 302 and "sessionid" in home.cookies


def test_the_verification_limit_counts_per_real_client(site):
    limit = settings.RATE_LIMITS["verify-address"][0]
    first, second = site.browser("127.0.0.2"), site.browser("127.0.0.3")
    # A forged header in front of what the proxy appends changes nothing.
    answers = [first.get(VERIFY, headers={"X-Forwarded-For": f"10.9.9.{n}"}).status_code
               for n in range(limit + 1)]
    assert answers == [200] * limit + [429]
    assert second.get(VERIFY).status_code == 200  # another client, through the same proxy


def test_a_forged_header_from_an_untrusted_client_is_ignored(site):
    limit = settings.RATE_LIMITS["verify-address"][0]
    direct = site.browser("127.0.0.4", through_proxy=False)
    answers = [direct.get(VERIFY, headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code
               for n in range(limit + 1)]
    assert answers == [200] * limit + [429]
    owner = UserFactory()
    for _ in range(settings.LOGIN_FREE_FAILURES):
        log_in(direct, owner.email, "devine")
    # Whatever address it claims, the pair (account, 127.0.0.4) waits.
    direct.headers["X-Forwarded-For"] = "192.0.2.200"
    assert log_in(direct, owner.email, PASSWORD).status_code == 429
