import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _verification_link(message):
    return re.search(r"https?://[^/\s]+(/compte/confirmer/\S+/)", message.body).group(1)


def _sign_up(client, email, meta=None, **fields):
    return client.post(reverse("accounts:signup"), {
        "email": email, "first_name": "Camille", "last_name": "Martin",
        "password1": PASSWORD, "password2": PASSWORD, **fields,
    }, **(meta or {}))


def test_signup_verify_login(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, "Camille@Example.org")
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


def test_resend_does_not_reveal_accounts(client, django_capture_on_commit_callbacks):
    UserFactory(email="connu@example.org", unverified=True)
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("accounts:resend_verification"),
                            {"email": "connu@example.org"}, follow=True)
    unknown = client.post(reverse("accounts:resend_verification"),
                          {"email": "inconnu@example.org"}, follow=True)
    assert len(mail.outbox) == 1
    assert known.context["messages"]._loaded_messages[0].message == \
        unknown.context["messages"]._loaded_messages[0].message


def test_sign_up_survives_a_mail_server_that_does_not_answer(
        client, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, "patient@example.org")
    assert response.status_code == 200
    assert reverse("accounts:resend_verification") in response.content.decode()
    assert User.objects.filter(email="patient@example.org").exists()


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(
        client, django_capture_on_commit_callbacks):
    owner = UserFactory(email="deja@example.org", first_name="Inès")
    with django_capture_on_commit_callbacks(execute=True):
        known = _sign_up(client, "Deja@Example.org", first_name="Autre")
        unknown = _sign_up(client, "nouvelle@example.org")
    assert known.status_code == unknown.status_code == 200
    def page(response, email):  # the page, less the address typed and the CSRF token's mask
        html = response.content.decode().replace(email, "X")
        return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html)
    assert page(known, "deja@example.org") == page(unknown, "nouvelle@example.org")
    assert User.objects.filter(email__iexact="deja@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.first_name == "Inès" and owner.check_password(PASSWORD)

    to_owner, to_new = sorted(mail.outbox, key=lambda message: message.to != [owner.email])
    assert to_owner.to == ["deja@example.org"]
    assert to_owner.subject == "Guichet : vous avez déjà un compte"
    assert "aucun nouveau compte n’a été créé" in to_owner.body
    assert "http://127.0.0.1:8000/compte/mot-de-passe/oubli/" in to_owner.body
    assert "/compte/confirmer/" not in to_owner.body
    assert to_new.to == ["nouvelle@example.org"] and "/compte/confirmer/" in to_new.body


def test_sign_up_is_limited_per_address_and_per_target(
        client, settings, django_capture_on_commit_callbacks):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup-address": (4, 3600)}
    UserFactory(email="cible@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [_sign_up(client, "cible@example.org").status_code for _ in range(4)]
    assert answers == [200] * 4
    # Three e-mails an hour at most to one address, however many sign-ups name it.
    assert len(mail.outbox) == settings.RATE_LIMITS["account-email-target"][0] == 3
    refused = _sign_up(client, "encore@example.org")
    assert refused.status_code == 429
    assert "Trop de tentatives" in refused.content.decode()
    assert not User.objects.filter(email="encore@example.org").exists()
    assert _sign_up(client, "encore@example.org", {"REMOTE_ADDR": "192.0.2.9"}).status_code == 200
