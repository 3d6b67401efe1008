"""Sessions end after an idle time and an absolute lifetime, shorter for staff; a password
change (on the site or in the admin) ends the other sessions, a reset every session."""

import pytest
from django.conf import settings
from django.urls import reverse

from portal import sessions
from tests.factories import PASSWORD, AgentFactory, UserFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db
MY_SPACE = reverse("procedures:my_space")


class Clock:
    def __init__(self):
        import time
        self.now = time.time()

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(sessions, "time", clock)
    return clock


def logged_in(client, user):
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


def test_an_idle_agent_is_logged_out_before_an_idle_citizen(client, clock):
    from django.test import Client
    citizen, agent = logged_in(Client(), UserFactory()), logged_in(client, AgentFactory())
    clock.now += settings.SESSION_IDLE_STAFF + 1
    assert citizen.get(MY_SPACE).status_code == 200
    expired = agent.get(MY_SPACE, follow=True)
    assert expired.redirect_chain[0][0] == f"{reverse('accounts:login')}?next={MY_SPACE}"
    assert "_auth_user_id" not in agent.session
    assert "déconnecté après un temps sans activité" in expired.content.decode()
    clock.now += settings.SESSION_IDLE_CITIZEN + 1
    assert citizen.get(MY_SPACE).status_code == 302


def test_activity_keeps_a_session_until_its_absolute_lifetime(client, clock):
    logged_in(client, UserFactory())
    step = settings.SESSION_IDLE_CITIZEN - 60
    for _ in range(settings.SESSION_LIFETIME_CITIZEN // step):
        clock.now += step
        assert client.get(MY_SPACE).status_code == 200
    clock.now += step
    assert client.get(MY_SPACE).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_password_change_ends_the_other_sessions(client):
    from django.test import Client
    user = UserFactory()
    other = logged_in(Client(), user)
    logged_in(client, user)
    new = "Encore-un-mot-de-passe-99"
    client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert client.get(MY_SPACE).status_code == 200  # this one goes on
    assert other.get(MY_SPACE).status_code == 302  # the other is over


def test_a_password_change_in_the_admin_ends_the_agents_other_sessions(client):
    from django.test import Client
    agent = AgentFactory()
    other = log_in(Client(), agent)
    log_in(client, agent)
    new = "Encore-un-mot-de-passe-99"
    response = client.post(reverse("admin:password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200  # this one goes on, its code still given
    assert other.get("/admin/")["Location"].startswith(reverse("admin:login"))


def test_a_password_reset_ends_every_session(client, mailoutbox,
                                             django_capture_on_commit_callbacks):
    from django.test import Client
    user = UserFactory()
    phone, laptop = logged_in(Client(), user), logged_in(Client(), user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": user.email})
    body = mailoutbox[0].body
    link = next(line for line in body.splitlines() if "/mot-de-passe/nouveau/" in line)
    form_page = client.get(link.split(settings.SITE_URL, 1)[1], follow=True)
    new = "Tout-nouveau-mot-de-passe-7"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert phone.get(MY_SPACE).status_code == 302
    assert laptop.get(MY_SPACE).status_code == 302
