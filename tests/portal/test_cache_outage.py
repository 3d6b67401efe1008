"""Redis (the shared cache of the rate limits) down or frozen, through a relay the test
controls: what is limited is refused with a clear 503, quickly, never a 500; the rest answers."""

import socket
import time

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.pipeline.live import BrokerProxy

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

VERIFY = {"reference": "EC-2026-000001", "code": "0123456789"}


def use_cache(settings, url):
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}


@pytest.fixture(scope="module")
def relay():
    return BrokerProxy("redis://127.0.0.1:6379/10")


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_redis_down_fails_closed_with_a_clear_page(client, settings, relay):
    use_cache(settings, relay.url)
    user = UserFactory()
    assert client.get(reverse("procedures:verify"), VERIFY).status_code == 200
    with relay.down():
        login, seconds = timed(lambda: client.post(
            reverse("accounts:login"), {"username": user.email, "password": PASSWORD}))
        assert login.status_code == 503 and seconds < 3
        assert "Momentanément indisponible" in login.content.decode()
        assert "_auth_user_id" not in client.session
        assert client.get(reverse("procedures:verify"), VERIFY).status_code == 503
        assert client.post(reverse("accounts:password_reset"),
                           {"email": user.email}).status_code == 503
        assert client.get(reverse("portal:home")).status_code == 200  # nothing limited there
    login = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert login.status_code == 302  # back up: back to normal


def test_a_frozen_redis_does_not_hang_the_request(client, settings):
    frozen = socket.create_server(("127.0.0.1", 0), backlog=8)  # accepts, never answers
    try:
        use_cache(settings, f"redis://127.0.0.1:{frozen.getsockname()[1]}/10")
        page, seconds = timed(lambda: client.get(reverse("procedures:verify"), VERIFY))
        assert page.status_code == 503
        assert seconds < 4
    finally:
        frozen.close()


def test_the_settings_give_the_redis_cache_time_outs(settings):
    import subprocess
    import sys
    code = ("from django.conf import settings; o = settings.CACHES['default']['OPTIONS']; "
            "print(o['socket_connect_timeout'], o['socket_timeout'])")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={"DJANGO_SETTINGS_MODULE": "portal.settings", "CACHE_URL": "rediscache://x:6379/1",
             "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["1.0", "1.0"], result.stderr
