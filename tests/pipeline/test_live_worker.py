"""The pipeline with a real Redis broker and real `celery worker` processes (see live.py)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from procedures import notifications, tasks, workflow
from procedures.constants import DocumentKind
from procedures.models import Channel, Document, Notification
from tests.factories import ServiceFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

from .helpers import pdf_qr_codes, pdf_text, read
from .live import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def demo_service(transactional_db):
    return ServiceFactory(code="demo-service", name="Service de démonstration")


def receipts(case=None):
    documents = Document.objects.filter(kind=DocumentKind.RECEIPT)
    return documents.filter(case=case) if case else documents


def test_a_submission_gets_its_receipt_and_one_e_mail(live_worker, demo_service, client):
    case = CaseFactory(applicant__first_name="Camille", applicant__last_name="Martin")
    log_in(client, case.applicant)
    response = client.post(reverse("procedures:review", args=[case.public_id]))
    assert response.status_code == 302  # the request did not wait for the PDF

    receipt = wait_for(lambda: receipts(case).first(), message="the receipt")
    case.refresh_from_db()
    pdf = read(receipt)
    text = pdf_text(pdf)
    assert case.reference in text and "Camille Martin" in text
    assert "Permis de stationnement" in text and "Une place devant le 12 rue des Lilas." in text
    assert pdf_qr_codes(pdf) == [f"{settings.SITE_URL}/verifier/?reference={case.reference}"
                                 f"&code={receipt.verification_code}"]
    mails = wait_for(live_worker.emails, message="the e-mail")
    wait_for(lambda: Notification.objects.filter(channel=Channel.EMAIL, sent_at__isnull=False))
    assert len(live_worker.emails()) == 1
    assert mails[0]["To"] == case.applicant.email
    assert case.reference in mails[0]["Subject"]
    assert [part.get_content_type() for part in mails[0].walk()][-1] == "application/pdf"

    qr_link = client.get(pdf_qr_codes(pdf)[0].removeprefix(settings.SITE_URL))
    assert "Ce document est authentique" in qr_link.content.decode()
    forged = client.get(reverse("procedures:verify"),
                        {"reference": case.reference, "code": "0123456789"})
    assert "Aucun document ne correspond" in forged.content.decode()


def test_a_worker_killed_while_rendering_leaves_one_receipt(live_worker, demo_service):
    case = CaseFactory()
    case.answers["request"]["details"] = "Une place devant le 12 rue des Lilas. " * 50
    case.save()
    workflow.submit(case.pk, case.applicant)
    wait_for(lambda: "Rendering the receipt" in live_worker.output(), message="the rendering")
    live_worker.kill()
    assert not receipts().exists(), "the worker finished before it was killed"
    [killed_task] = re.findall(r"handle_event\[([0-9a-f-]+)\] received", live_worker.output())

    live_worker.start()
    tasks.sweep.delay(grace_seconds=0)  # enqueues the receipt again, at once
    wait_for(lambda: receipts(case).exists(), message="the receipt")
    # The killed task, unacknowledged, is delivered again after the visibility timeout.
    wait_for(lambda: f"handle_event[{killed_task}] succeeded" in live_worker.output(),
             message="the killed task again")
    assert receipts(case).count() == 1
    assert len(live_worker.emails()) == 1


def test_submissions_during_a_broker_outage_all_get_their_receipts(
        live_worker, broker_proxy, demo_service, client):
    cases = CaseFactory.create_batch(20)
    with broker_proxy.down():
        for case in cases:
            log_in(client, case.applicant)
            response = client.post(reverse("procedures:review", args=[case.public_id]))
            assert response.status_code == 302
            assert "Receipt being prepared" in client.get(
                response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert not receipts().exists()

    tasks.sweep.delay(grace_seconds=0)  # what Celery beat sends every few minutes
    wait_for(lambda: receipts().count() == 20, timeout=60, message="20 receipts")
    wait_for(lambda: len(live_worker.emails()) == 20, message="20 e-mails")
    assert {document.case_id for document in receipts()} == {case.pk for case in cases}


def test_a_notification_delivered_twice_is_sent_once(live_worker, demo_service):
    case = CaseFactory()
    workflow.submit(case.pk, case.applicant)
    wait_for(lambda: Notification.objects.filter(channel=Channel.EMAIL, sent_at__isnull=False),
             message="the first e-mail")
    event = case.events.get(kind="submit")
    Notification.objects.filter(event=event).delete()  # as if never sent: the task runs again
    [notification] = notifications.create(event)
    tasks.send_notification.delay(notification.pk)
    tasks.send_notification.delay(notification.pk)  # the same task, delivered twice at once
    wait_for(lambda: len(re.findall(r"send_notification\[\S+\] succeeded",
                                    live_worker.output())) == 2, message="both deliveries")
    assert len(live_worker.emails()) == 2  # the first submission's, then one more
