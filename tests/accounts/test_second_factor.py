"""The admin's second factor: enrolment, a code per session, recovery codes, the failure limit."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import seed_people
from tests.factories import AgentFactory, UserFactory
from tests.second_factor import code, log_in, totp_device

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
QUEUE = "/admin/procedures/case/"


def wrong(right):
    return f"{(int(right) + 1) % 1_000_000:06d}"


def test_an_agent_without_a_device_enrols_then_gets_in_with_recovery_codes(client):
    agent = AgentFactory()
    client.force_login(agent)

    response = client.get(QUEUE)
    assert response.status_code == 302
    enrol = reverse("second_factor:enrol")
    assert response["Location"] == f"{enrol}?next=%2Fadmin%2Fprocedures%2Fcase%2F"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'src="data:image/png;base64,' in html and "Configurer la double authentification" in html
    assert 'id="nav-sidebar"' not in html and f'href="{QUEUE}"' not in html  # no menu yet
    device = TOTPDevice.objects.get(user=agent, confirmed=False)
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    assert "otpauth://totp/Guichet" in device.config_url

    refused = client.post(response["Location"], {"code": wrong(code(device)),
                                                  "next": QUEUE})
    assert "Ce code est erroné ou déjà utilisé." in refused.content.decode()
    assert 'aria-invalid="true"' in refused.content.decode()
    assert client.get(QUEUE).status_code == 302

    done = client.post(response["Location"], {"code": code(device), "next": QUEUE})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(recovery in done.content.decode() for recovery in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(QUEUE).status_code == 200

    # A new session asks for a code again; a recovery code is one, once.
    other = Client()
    other.force_login(agent)
    assert other.get(ADMIN)["Location"].startswith(reverse("second_factor:verify"))
    assert other.post(reverse("second_factor:verify"), {"code": codes[0]}).status_code == 302
    assert other.get(ADMIN).status_code == 200
    third = Client()
    third.force_login(agent)
    again = third.post(reverse("second_factor:verify"), {"code": codes[0]})
    assert again.status_code == 200 and third.get(ADMIN).status_code == 302
    assert StaticToken.objects.filter(device__user=agent).count() == 9


def test_every_admin_page_waits_for_the_code_and_a_code_works_once(client):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    device = totp_device(administrator)
    client.force_login(administrator)
    for path in (ADMIN, QUEUE, "/admin/accounts/user/", reverse("admin:password_change")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("second_factor:verify")), path
    assert client.get(reverse("second_factor:enrol"))["Location"].startswith(
        reverse("second_factor:verify"))  # enrolled already: no second device

    current = code(device)
    response = client.post(reverse("second_factor:verify"), {"code": current, "next": QUEUE})
    assert response["Location"] == QUEUE
    assert client.get(QUEUE).status_code == 200

    replay = Client()
    replay.force_login(administrator)
    refused = replay.post(reverse("second_factor:verify"), {"code": current})
    assert refused.status_code == 200 and replay.get(ADMIN).status_code == 302


def test_the_next_address_stays_on_the_site(client):
    agent = AgentFactory()
    client.force_login(agent)
    response = client.post(reverse("second_factor:verify"),
                           {"code": code(totp_device(agent)), "next": "https://evil.example/"})
    assert response["Location"] == ADMIN


def test_wrong_codes_are_limited_per_account_across_sessions(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "second-factor-account": (3, 900)}
    agent = AgentFactory()
    device = totp_device(agent)
    for _ in range(3):
        attempt = Client()
        attempt.force_login(agent)
        assert attempt.post(reverse("second_factor:verify"),
                            {"code": wrong(code(device))}).status_code == 200
    client.force_login(agent)
    response = client.post(reverse("second_factor:verify"), {"code": code(device)})
    assert response.status_code == 429
    assert "Trop de codes erronés pour ce compte : réessayez dans 15 minutes." in (
        response.content.decode())
    assert client.get(ADMIN).status_code == 302


def test_a_citizen_is_not_asked_to_enrol(client):
    client.force_login(UserFactory())
    assert client.get(ADMIN)["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("second_factor:enrol"))["Location"] == reverse("admin:login")
    assert not TOTPDevice.objects.exists()


def test_the_demo_agents_get_in_with_the_demo_code(client):
    people, _logins = seed_people()
    supervisor = people["supervisor"]
    printed = StringIO()
    call_command("demo_code", stdout=printed)
    client.force_login(supervisor)
    response = client.post(reverse("second_factor:verify"), {"code": printed.getvalue().strip()})
    assert response.status_code == 302 and client.get(ADMIN).status_code == 200
    assert not TOTPDevice.objects.filter(user=people["citizen"]).exists()


def test_the_test_helper_logs_in_twice_within_one_time_step():
    agent = AgentFactory()
    first, second = log_in(Client(), agent), log_in(Client(), agent)
    assert first.get(ADMIN).status_code == 200 and second.get(ADMIN).status_code == 200

