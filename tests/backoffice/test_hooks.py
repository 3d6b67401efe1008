"""A procedure's hooks for what is sent, printed and shown to agents, with the demo procedure
procedures/demo/outcomes.py: its own notification kind and e-mail templates (the engine's
otherwise), its part of the receipt, its panel, queue column and filter."""

import pytest
from django.utils import translation

from procedures import documents, notifications, workflow
from procedures.models import Notification
from tests.pipeline.helpers import pdf_text
from tests.procedures.factories import CaseFactory

from .conftest import QUEUE, case_url, listed

SLUG = "demo-outcomes"


@pytest.fixture
def checking(service_a, agent_a, django_capture_on_commit_callbacks):
    case = CaseFactory(in_review=True, service=service_a, procedure=SLUG)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(case.pk, "check", agent_a, data={"amount": "7.00", "note": ""})
    case.refresh_from_db()
    return case


def test_its_own_notification_with_its_own_template(checking, mailoutbox):
    [mail] = mailoutbox
    assert mail.to == [checking.applicant.email]
    assert mail.subject == f"Un contrôle de votre demande {checking.reference} a été enregistré"
    assert f"Un contrôle de votre demande {checking.reference} a été enregistré." in mail.body


def test_the_engines_template_otherwise(checking, agent_a, mailoutbox,
                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(checking.pk, "release", agent_a)
    assert "a accepté votre demande" in mailoutbox[-1].body  # emails/accepted.txt


def test_the_sweep_asks_the_senders_question(checking):
    event = checking.events.get(kind="check")
    Notification.objects.filter(event=event).delete()  # as if its task was lost
    found = notifications.unhandled(event.created_at, event.created_at.replace(year=3000), 50)
    assert found == [event.pk]


def test_the_receipt_prints_its_details(checking):
    with translation.override("fr"):
        text = pdf_text(documents.render_receipt_pdf(checking, "ABCDEF1234"))
    assert "Et ensuite" in text and "Un agent peut contrôler votre demande." in text


def test_its_panel_column_and_filter_in_the_back_office(login, agent_a, checking):
    client = login(agent_a)
    assert "Amount found: €7" in client.get(case_url(checking)).text
    queue = client.get(QUEUE, {"procedure": SLUG})  # its columns: on its queue
    assert "Year filed" in queue.text and '<td class="field-year_filed">' in queue.text
    other = CaseFactory(in_review=True, service=checking.service, procedure=SLUG)
    assert listed(client.get(QUEUE, {"procedure": SLUG, "checking": "yes"})) == {
        checking.reference}
    assert other.reference in listed(client.get(QUEUE, {"procedure": SLUG}))
