"""The embedded default as `make demo` runs it: e-mails as files announced on the console with
their links, the demo logins with what each serves, the portal's own error pages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from procedures.models import AgentRead

ROOT = Path(__file__).resolve().parents[2]


def test_an_email_is_a_file_and_a_line_with_its_links(settings, tmp_path, capsys):
    settings.EMAIL_BACKEND = "portal.mailbox.FolderBackend"
    settings.EMAIL_FOLDER = tmp_path / "emails"
    mail.send_mail("Confirmez votre adresse", "Ouvrez ce lien :\n\nhttp://127.0.0.1:8000/compte/"
                   "confirmer/abc/\n", None, ["camille@example.org"])
    [written] = (tmp_path / "emails").iterdir()
    assert written.suffix == ".eml"
    assert "Subject: Confirmez votre adresse" in written.read_text()
    console = capsys.readouterr().err.splitlines()
    assert console[0].startswith("E-mail to camille@example.org: Confirmez votre adresse")
    assert console[1].strip() == "http://127.0.0.1:8000/compte/confirmer/abc/"


def _settings_value(expression, **env):
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("EMAIL_URL", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", f"from portal import settings; print({expression})"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_development_without_email_url_writes_emails_under_var():
    assert _settings_value("settings.EMAIL_BACKEND, settings.EMAIL_FOLDER") == (
        f"portal.mailbox.FolderBackend {ROOT / 'var' / 'emails'}")
    assert _settings_value("settings.EMAIL_BACKEND", EMAIL_URL="smtp://mail:25") == (
        "django.core.mail.backends.smtp.EmailBackend")


@pytest.mark.django_db
def test_seed_demo_prints_each_login_with_what_it_serves(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "Guichet-demo-2026" in out
    [citizen] = [line for line in out.splitlines() if "citoyen@guichet.example" in line]
    assert "citizen, files: " in citizen and "Demande d’acte d’état civil" in citizen
    [registrar] = [line for line in out.splitlines()
                   if "agent.mairie-etat-civil@guichet.example" in line]
    assert "processes: Demande d’acte d’état civil" in registrar


@pytest.mark.django_db
def test_the_demo_agents_have_read_a_case_once(capsys):
    call_command("seed_demo")
    reads = set(AgentRead.objects.values_list("agent__email", "case__service__code"))
    assert ("agent.douane-villebourg@guichet.example", "douane-villebourg") in reads
    call_command("seed_demo")
    assert AgentRead.objects.count() == len(reads)


@pytest.mark.django_db
def test_without_debug_a_missing_page_is_the_portals_own(client, settings):
    settings.DEBUG = False
    response = client.get("/pas-de-page-ici/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert "fr-footer" in response.content.decode()
