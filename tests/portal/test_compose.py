"""No Docker engine runs here: the compose file is checked by reading it."""

import ipaddress
from pathlib import Path

import environ
import yaml
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ["web", "worker", "beat"]


def test_services_and_health_checks():
    assert set(SERVICES) == {"proxy", "web", "worker", "beat", "postgres", "redis", "clamav",
                             "mailpit"}
    for name in ("proxy", "web", "worker", "postgres", "redis", "clamav", "mailpit"):
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
        assert set(SERVICES[name]["depends_on"]) >= {"postgres", "redis"}
        assert SERVICES[name]["restart"] == "unless-stopped"
        assert service_env["CLAMD_URL"] == "tcp://clamav:3310"
    assert "clamav" in SERVICES["worker"]["depends_on"]  # the worker scans the uploads
    assert set(COMPOSE["volumes"]) >= {"documents", "pgdata"}


def test_every_variable_the_compose_sets_is_read_by_the_settings():
    settings_source = (ROOT / "portal" / "settings.py").read_text()
    for name in APP_SERVICES:
        for variable in SERVICES[name]["environment"]:
            assert f'"{variable}"' in settings_source, variable


def test_the_proxy_is_the_only_way_in_and_the_only_proxy_trusted():
    proxy, web = SERVICES["proxy"], SERVICES["web"]
    assert "ports" not in web
    assert proxy["ports"] == ["8000:80"]
    address = proxy["networks"]["default"]["ipv4_address"]
    subnet = COMPOSE["networks"]["default"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(address) in ipaddress.ip_network(subnet)
    for name in APP_SERVICES:
        assert SERVICES[name]["environment"]["TRUSTED_PROXIES"] == address


def test_the_proxy_limits_bodies_and_time_and_sets_the_client_header():
    [mount] = SERVICES["proxy"]["volumes"]
    source, target, _mode = mount.split(":")
    assert target == "/etc/nginx/conf.d/default.conf"
    config = dict(
        line.strip().rstrip(";").split(None, 1)
        for line in (ROOT / source).read_text().splitlines()
        if line.strip() and not line.strip().startswith(("#", "}")) and "{" not in line
    )
    assert config["proxy_pass"] == "http://guichet_web"
    source_text = (ROOT / source).read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in source_text
    assert "server web:8000;" in source_text
    megabytes = int(config["client_max_body_size"].removesuffix("m"))
    assert megabytes * 1024 * 1024 == settings.REQUEST_MAX_BYTES  # the same limit as Django's
    assert config["error_page"] == f"413 {reverse('portal:too_large')}"  # the portal's page
    for directive in ("client_header_timeout", "client_body_timeout", "send_timeout",
                      "proxy_connect_timeout", "proxy_read_timeout"):
        assert 0 < int(config[directive].removesuffix("s")) <= 60, directive
