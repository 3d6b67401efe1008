"""The service's question is a message: in the conversation, in the alert, in the e-mail; and
the case page after a decision or a withdrawal says so instead of an answer's due date."""

import pytest
from django.core import mail
from django.urls import reverse

from procedures import workflow
from procedures.constants import ActorRole
from procedures.models import Message
from tests.second_factor import log_in

QUESTION = "Pouvez-vous joindre le livret de famille ?"
pytestmark = pytest.mark.usefixtures("french")


def _ask(case, registrar):
    workflow.start_review(case.pk, registrar)
    return workflow.request_info(case.pk, registrar, text=f"  {QUESTION}\n")


def test_the_question_is_the_agents_message_in_the_conversation(submitted_case, registrar):
    _ask(submitted_case, registrar)
    [message] = Message.objects.filter(case=submitted_case)
    assert (message.author, message.author_role, message.body) == (
        registrar, ActorRole.AGENT, QUESTION)


def test_the_case_page_shows_the_question_in_the_alert_and_the_reply_form(
        client, submitted_case, registrar, citizen):
    _ask(submitted_case, registrar)
    log_in(client, citizen)
    page = client.get(reverse("procedures:case", args=[submitted_case.public_id]))
    html = page.content.decode()
    start = html.index("fr-alert--warning")
    alert = html[start:html.index("</div>", start)]
    assert "Sa question :" in alert and QUESTION in alert and 'href="#reply"' in alert
    conversation = html[html.index("<h2>Messages</h2>"):html.index('id="reply"')]
    assert QUESTION in conversation


def test_the_email_quotes_the_question(submitted_case, registrar,
                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(submitted_case, registrar)
    [email] = [m for m in mail.outbox if "informations" in m.subject]
    assert QUESTION in email.body
    assert "Sa question :" in email.body


def test_a_decided_case_says_when_it_was_decided_not_when_its_answer_is_due(
        client, submitted_case, registrar, citizen):
    workflow.start_review(submitted_case.pk, registrar)
    workflow.accept(submitted_case.pk, registrar)
    log_in(client, citizen)
    html = client.get(reverse("procedures:case", args=[submitted_case.public_id])).content.decode()
    assert "Décision rendue le" in html
    assert "Réponse attendue" not in html


def test_a_withdrawn_case_says_it_is_no_longer_processed(client, submitted_case, citizen):
    workflow.withdraw(submitted_case.pk, citizen)
    log_in(client, citizen)
    html = client.get(reverse("procedures:case", args=[submitted_case.public_id])).content.decode()
    assert "Vous l’avez retiré le" in html
    assert "Réponse attendue" not in html
