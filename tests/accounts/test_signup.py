import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _verification_link(message):
    return re.search(r"https?://[^/\s]+(/compte/confirmer/\S+/)", message.body).group(1)


def test_signup_verify_login(client):
    response = client.post(reverse("accounts:signup"), {
        "email": "Camille@Example.org", "first_name": "Camille", "last_name": "Martin",
        "password1": PASSWORD, "password2": PASSWORD,
    })
    assert response.status_code == 200
    assert "camille@example.org" in response.content.decode()
    user = User.objects.get(email="camille@example.org")
    assert not user.email_verified
    assert len(mail.outbox) == 1

    login = {"username": "camille@example.org", "password": PASSWORD}
    refused = client.post(reverse("accounts:login"), login)
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Confirmez votre adresse" in refused.content.decode()

    link = _verification_link(mail.outbox[0])
    assert client.get(link).status_code == 302
    user.refresh_from_db()
    assert user.email_verified

    assert client.post(reverse("accounts:login"), login).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_forged_verification_link_is_refused(client):
    user = UserFactory(unverified=True)
    response = client.get(reverse("accounts:verify_email", args=[f"{user.pk}:forged"]), follow=True)
    assert "invalide" in response.content.decode()
    user.refresh_from_db()
    assert not user.email_verified


def test_signup_errors_keep_what_was_typed(client):
    response = client.post(reverse("accounts:signup"), {
        "email": "pas-une-adresse", "first_name": "Camille<script>alert(1)</script>",
        "last_name": "", "password1": "court", "password2": "autre",
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert "Camille&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert not User.objects.exists()


def test_resend_does_not_reveal_accounts(client):
    UserFactory(email="connu@example.org", unverified=True)
    known = client.post(reverse("accounts:resend_verification"), {"email": "connu@example.org"},
                        follow=True)
    unknown = client.post(reverse("accounts:resend_verification"),
                          {"email": "inconnu@example.org"}, follow=True)
    assert len(mail.outbox) == 1
    assert known.context["messages"]._loaded_messages[0].message == \
        unknown.context["messages"]._loaded_messages[0].message


def test_sign_up_survives_a_mail_server_that_does_not_answer(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    response = client.post(reverse("accounts:signup"), {
        "email": "patient@example.org", "first_name": "Camille", "last_name": "Martin",
        "password1": PASSWORD, "password2": PASSWORD,
    })
    assert response.status_code == 200
    assert reverse("accounts:resend_verification") in response.content.decode()
    assert User.objects.filter(email="patient@example.org").exists()
