import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    environment.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


PRODUCTION_SERVICES = {"CACHE_URL": "rediscache://127.0.0.1:6379/10",
                    "CLAMD_URL": "unix:///run/clamav/clamd.ctl"}
DOCUMENTS_KEY = "6BG3rM2hG1wz8bV1kvG4l3Zz3aQyW0m7uJ5cE9sX2pI="


def test_production_passes_check_deploy_with_zero_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     GUICHET_ENV="production", SECRET_KEY=secrets.token_urlsafe(50),
                     ALLOWED_HOSTS="guichet.example.org", DOCUMENTS_KEYS=DOCUMENTS_KEY,
                     **PRODUCTION_SERVICES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_real_secret_key():
    for key in ("", "django-insecure-" + "x" * 50, "short"):
        result = _manage("check", GUICHET_ENV="production", SECRET_KEY=key,
                         ALLOWED_HOSTS="guichet.example.org", **PRODUCTION_SERVICES)
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_per_process_cache():
    """Rate limits in a per-process cache would give every gunicorn worker its own budget."""
    for url in ("locmemcache://", "dummycache://", "filecache:///tmp/guichet-cache"):
        result = _manage("check", GUICHET_ENV="production", SECRET_KEY=secrets.token_urlsafe(50),
                         ALLOWED_HOSTS="guichet.example.org", **{**PRODUCTION_SERVICES,
                                                                 "CACHE_URL": url})
        assert result.returncode != 0, url
        assert "shared cache" in result.stderr, url


def test_trusted_proxies_are_checked_at_start():
    result = _manage("check", TRUSTED_PROXIES="127.0.0.1,proxy.example.org")
    assert result.returncode != 0 and "TRUSTED_PROXIES" in result.stderr


def test_production_refuses_to_start_without_a_master_key_of_the_documents():
    development_key = "uccdx_Rg1-XrHeisBjhqpnLLbGpAgKvBhlQCmMtD83Q="
    for keys in ("", f"{DOCUMENTS_KEY},{development_key}"):
        result = _manage("check", GUICHET_ENV="production", SECRET_KEY=secrets.token_urlsafe(50),
                         ALLOWED_HOSTS="guichet.example.org", DOCUMENTS_KEYS=keys,
                         **PRODUCTION_SERVICES)
        assert result.returncode != 0, keys
        assert "Production needs DOCUMENTS_KEYS" in result.stderr, keys


def test_a_malformed_master_key_is_refused_at_start():
    result = _manage("check", DOCUMENTS_KEYS=f"{DOCUMENTS_KEY},{DOCUMENTS_KEY[:-4]}")
    assert result.returncode != 0
    assert "DOCUMENTS_KEYS: a documents key is 32 random bytes" in result.stderr


def test_production_refuses_to_start_without_an_antivirus():
    result = _manage("check", GUICHET_ENV="production", SECRET_KEY=secrets.token_urlsafe(50),
                     ALLOWED_HOSTS="guichet.example.org", DOCUMENTS_KEYS=DOCUMENTS_KEY,
                     **{**PRODUCTION_SERVICES, "CLAMD_URL": ""})
    assert result.returncode != 0
    assert "CLAMD_URL" in result.stderr
