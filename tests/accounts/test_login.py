import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db


def test_logout_and_password_change(client):
    user = UserFactory()
    log_in(client, user)
    new = "Encore-un-mot-de-passe-99"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(client, mailoutbox,
                                             django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    link = next(line for line in body.splitlines() if "/mot-de-passe/nouveau/" in line)
    path = link.split(settings.SITE_URL, 1)[1]
    form_page = client.get(path, follow=True)
    new = "Tout-nouveau-mot-de-passe-7"
    response = client.post(form_page.redirect_chain[-1][0],
                           {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_survives_a_mail_server_that_does_not_answer(
        client, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302


def test_a_reset_flood_is_capped(client, settings, django_capture_on_commit_callbacks):
    """Three e-mails an hour to one address; past ten requests an hour, one address gets 429."""
    user = UserFactory()
    per_target, _ = settings.RATE_LIMITS["account-email-target"]
    per_address, _ = settings.RATE_LIMITS["account-email-address"]
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(reverse("accounts:password_reset"), {"email": user.email})
                   .status_code for _ in range(per_address)]
    assert answers == [302] * per_address  # the same answer, e-mail or not
    assert len(mail.outbox) == per_target == 3
    refused = client.post(reverse("accounts:password_reset"), {"email": "autre@example.org"})
    assert refused.status_code == 429
    elsewhere = client.post(reverse("accounts:password_reset"), {"email": user.email},
                            REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code == 302 and len(mail.outbox) == 3  # the target's cap holds
