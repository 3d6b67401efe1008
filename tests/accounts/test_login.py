import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_wrong_password_is_throttled(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("accounts:login"),
                               {"username": user.email, "password": "mauvais"})
        assert response.status_code == 200
    client.post(reverse("accounts:login"), {"username": user.email, "password": "mauvais"})
    locked = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "Trop de tentatives" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_and_password_change(client):
    user = UserFactory()
    client.force_login(user)
    new = "Encore-un-mot-de-passe-99"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(client, mailoutbox):
    user = UserFactory()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    link = next(line for line in body.splitlines() if "/mot-de-passe/nouveau/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    new = "Tout-nouveau-mot-de-passe-7"
    response = client.post(form_page.redirect_chain[-1][0],
                           {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_survives_a_mail_server_that_does_not_answer(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    user = UserFactory()
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
