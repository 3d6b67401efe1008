"""Account e-mails with a real Redis broker and a real worker: written to the outbox in the
request, sent by the worker, swept after an outage, exactly once; no link in the broker."""

import base64
import json
import re
from email.header import decode_header, make_header

import pytest
import redis
from django.conf import settings
from django.urls import reverse

from accounts import tasks
from accounts.models import AccountEmail, User
from tests.factories import PASSWORD, UserFactory

from .live import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def text(message):
    """The body as the file backend wrote it (8-bit UTF-8 text, or quoted-printable)."""
    if message["Content-Transfer-Encoding"] == "quoted-printable":
        return message.get_payload(decode=True).decode(message.get_content_charset())
    return message.get_payload()


def sent():
    return AccountEmail.objects.filter(sent_at__isnull=False).count()


def test_sign_up_and_reset_e_mails_survive_a_broker_outage_and_arrive_once(
        live_worker, broker_proxy, client):
    owner = UserFactory(email="ancienne@example.org")
    with broker_proxy.down():
        signup = client.post(reverse("accounts:signup"), {
            "email": "nouvelle@example.org", "first_name": "Nina", "last_name": "Roux",
            "password1": PASSWORD, "password2": PASSWORD})
        reset = client.post(reverse("accounts:password_reset"), {"email": owner.email})
    assert (signup.status_code, reset.status_code) == (200, 302)
    assert AccountEmail.objects.filter(sent_at__isnull=True).count() == 2
    assert live_worker.emails() == []

    # Broker back, worker stopped: what the sweep publishes is the rows' ids, no link.
    live_worker.stop()
    tasks.sweep_account_emails.delay(grace_seconds=0)
    tasks.sweep_account_emails.delay(grace_seconds=0)  # twice: each e-mail enqueued twice
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    wait_for(lambda: broker.llen(live_worker.queue) == 2, message="the two sweeps")
    live_worker.start()  # runs both sweeps: four deliveries of two e-mails
    wait_for(lambda: sent() == 2, timeout=60, message="both e-mails")
    wait_for(lambda: len(re.findall(r"send_account_email\[\S+\] succeeded",
                                    live_worker.output())) == 4, message="four deliveries")
    mails = {message["To"]: message for message in live_worker.emails()}
    assert len(live_worker.emails()) == 2 and set(mails) == {"nouvelle@example.org",
                                                            owner.email}

    confirm = text(mails["nouvelle@example.org"])
    subject = str(make_header(decode_header(mails["nouvelle@example.org"]["Subject"])))
    assert subject == "Guichet : confirmez votre adresse électronique"
    link = re.search(r"http://127\.0\.0\.1:8000(/compte/confirmer/\S+/)", confirm)[1]
    assert client.get(link).status_code == 302
    assert User.objects.get(email="nouvelle@example.org").email_verified

    body = text(mails[owner.email])
    link = re.search(r"http://127\.0\.0\.1:8000(/compte/mot-de-passe/nouveau/\S+/)", body)[1]
    form = client.get(link, follow=True)
    new = "Tout-nouveau-mot-de-passe-7"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    owner.refresh_from_db()
    assert owner.check_password(new)


def test_the_broker_carries_the_outbox_id_never_the_link(live_worker, client):
    owner = UserFactory()
    live_worker.stop()
    client.post(reverse("accounts:password_reset"), {"email": owner.email})
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    [raw] = broker.lrange(live_worker.queue, 0, -1)
    message = json.loads(raw)
    args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
    email = AccountEmail.objects.get(user=owner)
    assert (args, kwargs) == ([email.pk], {})
    assert b"mot-de-passe" not in raw and owner.email.encode() not in raw
    live_worker.start()
    wait_for(lambda: sent() == 1, message="the e-mail")
    assert "/compte/mot-de-passe/nouveau/" in text(live_worker.emails()[0])
