"""No Docker engine runs here: the compose file is checked by reading it."""

from pathlib import Path

import environ
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ["web", "worker", "beat"]


def test_services_and_health_checks():
    assert set(SERVICES) == {"web", "worker", "beat", "postgres", "redis", "mailpit"}
    for name in ("web", "worker", "postgres", "redis", "mailpit"):
        assert "healthcheck" in SERVICES[name], name


def test_commands_start_the_right_processes():
    assert "gunicorn portal.wsgi:application" in SERVICES["web"]["command"]
    assert "migrate" in SERVICES["web"]["command"]
    assert SERVICES["worker"]["command"].startswith("celery -A portal worker")
    assert SERVICES["beat"]["command"].startswith("celery -A portal beat")


def test_app_environment_matches_settings():
    postgres = SERVICES["postgres"]["environment"]
    for name in APP_SERVICES:
        service_env = SERVICES[name]["environment"]
        assert service_env["GUICHET_ENV"] == "production"
        database = environ.Env.db_url_config(service_env["DATABASE_URL"])
        assert database["ENGINE"] == "django.db.backends.postgresql"
        assert (database["HOST"], database["NAME"], database["USER"], database["PASSWORD"]) == (
            "postgres", postgres["POSTGRES_DB"], postgres["POSTGRES_USER"],
            postgres["POSTGRES_PASSWORD"])
        assert service_env["CELERY_BROKER_URL"].startswith("redis://redis:6379")
        assert environ.Env.email_url_config(service_env["EMAIL_URL"])["EMAIL_HOST"] == "mailpit"
        assert "documents:" + service_env["DOCUMENTS_ROOT"] in SERVICES[name]["volumes"]
        assert set(SERVICES[name]["depends_on"]) == {"postgres", "redis"}
    assert set(COMPOSE["volumes"]) >= {"documents", "pgdata"}


def test_every_variable_the_compose_sets_is_read_by_the_settings():
    settings_source = (ROOT / "portal" / "settings.py").read_text()
    for name in APP_SERVICES:
        for variable in SERVICES[name]["environment"]:
            assert f'"{variable}"' in settings_source, variable
