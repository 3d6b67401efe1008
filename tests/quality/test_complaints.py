import datetime
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from quality.constants import ComplaintStatus
from quality.models import Complaint, Suggestion
from tests.factories import AgentFactory, UserFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_complaint_journey_file_answer_notify(as_citizen, citizen, decided_case, supervisor,
                                              django_capture_on_commit_callbacks):
    case_page = reverse("procedures:case", args=[decided_case.public_id])
    form_url = reverse("quality:complaint", args=[decided_case.public_id])
    assert form_url in as_citizen.get(case_page).content.decode()

    attachment = io.BytesIO(PDF)
    attachment.name = "preuve.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        response = as_citizen.post(form_url, {"reason": "decision", "text": "Je conteste.",
                                              "attachment": attachment})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.due_at == timezone.localdate() + datetime.timedelta(days=15)
    assert [d.name for d in complaint.attachments.all()] == ["preuve.pdf"]
    assert [event.kind for event in complaint.events.all()] == ["filed"]
    received = {message.to[0]: message.subject for message in mail.outbox}
    assert received == {
        citizen.email: f"Votre réclamation sur {decided_case.reference} est reçue",
        supervisor.email: f"Nouvelle réclamation sur le dossier {decided_case.reference}",
    }
    mail.outbox.clear()

    client = as_citizen  # the same browser, another person
    log_in(client, supervisor)
    change = reverse("admin:quality_complaint_change", args=[complaint.pk])
    assert client.get(change).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change, {"answer": "Nous réexaminons votre dossier."})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED
    assert complaint.answered_by == supervisor
    assert [event.kind for event in complaint.events.all()] == ["filed", "answered"]

    [message] = mail.outbox
    assert message.to == [citizen.email]
    assert message.subject == f"Réponse à votre réclamation sur {decided_case.reference}"
    assert "Nous réexaminons votre dossier." in message.body
    log_in(client, citizen)
    page = client.get(case_page).content.decode()
    assert "Nous réexaminons votre dossier." in page and "Répondue" in page


def test_a_complaint_is_answered_once(client, decided_case, supervisor, citizen):
    from quality import complaints

    complaint = complaints.file(decided_case, citizen, reason="delay", text="Trop long")
    complaints.answer(complaint.pk, supervisor, "Première réponse")
    complaints.answer(complaint.pk, supervisor, "Seconde réponse")
    complaint.refresh_from_db()
    assert complaint.answer == "Première réponse"
    assert complaint.events.filter(kind="answered").count() == 1


def test_only_on_a_late_or_decided_case(as_citizen, citizen, demo_service):
    on_time = CaseFactory(in_review=True, applicant=citizen, service=demo_service)
    late = CaseFactory(in_review=True, applicant=citizen, service=demo_service,
                       due_at=timezone.localdate() - datetime.timedelta(days=1))
    assert as_citizen.get(reverse("quality:complaint", args=[on_time.public_id])).status_code \
        == 404
    assert as_citizen.get(reverse("quality:complaint", args=[late.public_id])).status_code == 200


def test_errors_tied_to_fields_and_nobody_complains_for_another(client, decided_case):
    log_in(client, decided_case.applicant)
    response = client.post(reverse("quality:complaint", args=[decided_case.public_id]), {})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"reason", "text"}
    assert re.search(r'<textarea[^>]*aria-describedby="[^"]*id_text_error',
                     response.content.decode())
    log_in(client, UserFactory())
    assert client.post(reverse("quality:complaint", args=[decided_case.public_id]),
                       {"reason": "delay", "text": "x"}).status_code == 404
    assert not Complaint.objects.exists()


def test_only_the_services_supervisors_see_its_complaints(client, decided_case, citizen,
                                                          demo_service, other_agent):
    from quality import complaints

    complaint = complaints.file(decided_case, citizen, reason="delay", text="Trop long")
    change = reverse("admin:quality_complaint_change", args=[complaint.pk])
    log_in(client, AgentFactory(service=demo_service))  # an agent, not a supervisor
    assert client.get(change).status_code in (302, 403, 404)
    log_in(client, other_agent)
    assert client.get(change).status_code in (302, 403, 404)


@pytest.mark.parametrize("language", ["fr"])
def test_suggestion_box_answered_and_published(client, citizen, supervisor, language):
    page = reverse("procedures:procedure", args=["demo"])
    log_in(client, citizen)
    response = client.post(reverse("quality:suggestion", args=["demo"]),
                           {"text": "Un exemple de justificatif serait utile."})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.procedure == "demo" and not suggestion.published

    log_in(client, supervisor)
    change = reverse("admin:quality_suggestion_change", args=[suggestion.pk])
    response = client.post(change, {"answer": "", "published": "on"})
    assert response.status_code == 200  # refused: nothing to publish without an answer
    response = client.post(change, {"answer": "Bonne idée, c’est ajouté.", "published": "on"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.answered_by == supervisor and suggestion.published

    client.logout()
    shown = client.get(page).content.decode()
    assert "Un exemple de justificatif serait utile." in shown
    assert "Bonne idée, c’est ajouté." in shown
