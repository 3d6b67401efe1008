"""The case page: everything about the case, read-only; each action button calls its transition,
writes its event, and refuses a change made meanwhile by someone else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procedures.constants import CaseStatus, DocumentKind
from procedures.models import CaseEvent, Document, Message
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

from .conftest import case_url

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def transition(name, version, text=None):
    data = {"operation": "transition", "transition": name, f"{name}-version": version}
    if text is not None:
        data[f"{name}-text"] = text
    return data


def decision_url(case, name):
    return reverse("admin:procedures_case_decide", args=[case.pk, name])


def messages_of(response):
    return " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def case(service_a):
    case = CaseFactory(submitted=True, service=service_a, computed={"details_length": 36})
    Document.objects.create(case=case, kind=DocumentKind.RECEIPT, name="recepisse.pdf",
                            content_type="application/pdf", file="cases/x/receipt.pdf")
    return case


def test_the_page_shows_the_whole_case(login, agent_a, case):
    response = login(agent_a).get(case_url(case))
    assert response.status_code == 200
    text = response.text
    assert case.reference in text
    assert "Une place devant le 12 rue des Lilas." in text  # the answers' summary
    assert "Parking permit" in text  # a choice shown by its label
    assert "Length of the details" in text and "details_length" not in text  # labelled
    assert "<td>36</td>" in text  # computed values
    receipt = case.documents.get()
    assert reverse("procedures:document", args=[receipt.public_id]) in text
    assert 'name="transition" value="start_review"' in text
    assert 'name="operation" value="take"' in text
    assert 'name="transition" value="accept"' not in text  # not possible from "submitted"
    assert 'name="_save"' not in text  # nothing is edited as a form


def test_an_agent_downloads_the_documents(login, agent_a, case, settings):
    receipt = case.documents.get()
    receipt.file.save("receipt.pdf", SimpleUploadedFile("r.pdf", PDF))
    response = login(agent_a).get(reverse("procedures:document", args=[receipt.public_id]))
    assert response.status_code == 200


@pytest.mark.parametrize(("status", "name", "text", "target"), [
    (CaseStatus.SUBMITTED, "start_review", None, CaseStatus.IN_REVIEW),
    (CaseStatus.IN_REVIEW, "request_info", "Votre justificatif de domicile, svp.",
     CaseStatus.AWAITING_INFO),
    (CaseStatus.IN_REVIEW, "accept", None, CaseStatus.ACCEPTED),
    (CaseStatus.IN_REVIEW, "reject", "Hors du périmètre de stationnement.", CaseStatus.REJECTED),
    (CaseStatus.IN_REVIEW, "close", "Demande en double.", CaseStatus.CLOSED),
    (CaseStatus.AWAITING_INFO, "close", "Pas de réponse.", CaseStatus.CLOSED),
])
def test_each_button_performs_its_transition(login, agent_a, service_a, status, name, text,
                                             target):
    case = CaseFactory(filed=True, status=status, service=service_a)
    client = login(agent_a)
    page = client.get(case_url(case))
    if target in (CaseStatus.ACCEPTED, CaseStatus.REJECTED, CaseStatus.CLOSED):  # a decision
        assert f'name="transition" value="{name}"' not in page.text
        assert decision_url(case, name) in page.text
        page = client.get(decision_url(case, name))
    assert f'name="transition" value="{name}"' in page.text
    response = client.post(case_url(case), transition(name, case.version, text))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == target
    event = case.events.get()
    assert (event.kind, event.actor, event.from_status, event.to_status) == (
        name, agent_a, status, target)
    assert event.text == (text or "")
    after = client.get(response["Location"])
    assert "Action done" in messages_of(after)
    if target in (CaseStatus.ACCEPTED, CaseStatus.REJECTED, CaseStatus.CLOSED):
        assert "Answer due by" not in after.text and "Decided on" in after.text


def test_the_procedures_own_actions_have_their_buttons(login, agent_a, service_a, controlled):
    case = CaseFactory(in_review=True, service=service_a, procedure=controlled.slug)
    client = login(agent_a)
    assert "Record a control" in client.get(case_url(case)).text
    client.post(case_url(case), transition("control", case.version))
    case.refresh_from_db()
    assert case.status == "control"
    page = client.get(case_url(case))
    assert "Under control" in page.text and "Release" in page.text
    client.post(case_url(case), transition("release", case.version, "Conforme."))
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert [e.kind for e in case.events.all()] == ["control", "release"]


def test_a_decision_is_confirmed_on_a_page_that_names_the_case(login, agent_a, service_a):
    case = CaseFactory(in_review=True, service=service_a)
    client = login(agent_a)
    page = client.get(decision_url(case, "reject"))
    assert page.status_code == 200
    text = page.text
    assert case.reference in text and "Demo request" in text
    assert "This decision is final." in text
    assert "Confirm: Reject" in text
    assert f'action="{case_url(case)}"' in text
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW  # nothing done by showing it


def test_each_action_has_its_block_and_the_timeline_names_events_as_people_do(
        login, agent_a, service_a, django_capture_on_commit_callbacks):
    from procedures import workflow

    case = CaseFactory(service=service_a)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(case.pk, case.applicant)
    workflow.start_review(case.pk, agent_a)
    text = login(agent_a).get(case_url(case)).text
    for name, label in [("request_info", "Request information"), ("accept", "Accept"),
                        ("reject", "Reject"), ("close", "Close without decision")]:
        assert f'<h3 id="action-{name}-title">{label}</h3>' in text
    timeline = text[text.index('id="case-timeline-title"'):]
    assert "<td>Request submitted</td>" in timeline and "<td>Review started</td>" in timeline
    assert "<td>Submit</td>" not in timeline


def test_a_decision_no_longer_possible_sends_back_to_the_case(login, agent_a, service_a):
    case = CaseFactory(submitted=True, service=service_a)
    client = login(agent_a)
    response = client.get(decision_url(case, "accept"))
    assert response.status_code == 302 and response["Location"] == case_url(case)
    assert "no longer possible" in messages_of(client.get(case_url(case)))
    assert client.get(decision_url(case, "withdraw")).status_code == 404  # not an agent's
    assert client.post(decision_url(case, "accept")).status_code == 405


def test_rejecting_without_motivation_is_refused_with_a_message(login, agent_a, service_a):
    case = CaseFactory(in_review=True, service=service_a)
    response = login(agent_a).post(case_url(case), transition("reject", case.version, "  "))
    assert response.status_code == 400
    assert "This decision is final." in response.text  # the confirmation page again
    assert "Nothing was done" in messages_of(response)
    assert "This text is required for this action." in response.text
    assert 'aria-invalid="true"' in response.text
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    assert not case.events.exists()


def test_a_citizen_transition_is_refused(login, agent_a, service_a):
    case = CaseFactory(submitted=True, service=service_a)
    response = login(agent_a).post(case_url(case), transition("withdraw", case.version))
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_a_stale_page_is_refused_and_the_motivation_kept(login, agent_a, colleague_a,
                                                        service_a):
    case = CaseFactory(in_review=True, service=service_a)
    seen = case.version
    login(colleague_a).post(case_url(case), transition("accept", seen))
    client = login(agent_a)
    response = client.post(case_url(case), transition("reject", seen, "Dossier incomplet."))
    assert response.status_code == 409
    assert "Someone else changed this case" in messages_of(response)
    assert "Dossier incomplet." in response.text  # what was typed is not lost
    assert list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True)) == ["accept"]
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_the_refused_form_comes_back_with_the_current_version(login, agent_a, colleague_a,
                                                              service_a):
    case = CaseFactory(in_review=True, service=service_a)
    seen = case.version
    login(colleague_a).post(case_url(case), {"operation": "reply", "reply-body": "Je regarde."})
    client = login(agent_a)
    response = client.post(case_url(case), transition("reject", seen, "Hors délai."))
    assert response.status_code == 409
    case.refresh_from_db()
    assert f'name="reject-version" value="{case.version}"' in response.text
    assert client.post(case_url(case), transition("reject", case.version, "Hors délai."))\
        .status_code == 302


def test_take_the_case(login, agent_a, service_a):
    case = CaseFactory(submitted=True, service=service_a)
    response = login(agent_a).post(case_url(case), {"operation": "take",
                                                    "take-version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == agent_a
    assert case.events.get().kind == "assigned"


def test_an_agent_cannot_take_a_colleagues_case(login, agent_a, colleague_a, service_a):
    case = CaseFactory(in_review=True, service=service_a, assigned_to=colleague_a)
    client = login(agent_a)
    assert 'value="take"' not in client.get(case_url(case)).text
    response = client.post(case_url(case), {"operation": "take", "take-version": case.version})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.assigned_to == colleague_a


def test_a_supervisor_reassigns(login, supervisor_a, agent_a, colleague_a, service_a):
    case = CaseFactory(in_review=True, service=service_a, assigned_to=colleague_a)
    client = login(supervisor_a)
    page = client.get(case_url(case))
    assert 'value="assign"' in page.text
    response = client.post(case_url(case), {"operation": "assign", "assign-agent": agent_a.pk,
                                            "assign-version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == agent_a
    assert "Assigned to Alice Agent" in client.get(case_url(case)).text  # the timeline


def test_an_agent_cannot_assign(login, agent_a, colleague_a, service_a, agent_b):
    case = CaseFactory(in_review=True, service=service_a)
    client = login(agent_a)
    assert 'value="assign"' not in client.get(case_url(case)).text
    response = client.post(case_url(case), {"operation": "assign", "assign-agent": colleague_a.pk,
                                            "assign-version": case.version})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.assigned_to is None


def test_a_supervisor_cannot_assign_to_another_services_agent(login, supervisor_a, agent_b,
                                                              service_a):
    case = CaseFactory(in_review=True, service=service_a)
    response = login(supervisor_a).post(case_url(case), {
        "operation": "assign", "assign-agent": agent_b.pk, "assign-version": case.version})
    assert response.status_code == 400  # not a choice: agents of the case's service only
    case.refresh_from_db()
    assert case.assigned_to is None


def test_reply_with_an_attachment(login, agent_a, service_a):
    case = CaseFactory(in_review=True, service=service_a)
    response = login(agent_a).post(case_url(case), {
        "operation": "reply", "reply-body": "Voici le formulaire à compléter.",
        "reply-attachment": SimpleUploadedFile("formulaire.pdf", PDF),
    })
    assert response.status_code == 302
    message = Message.objects.get(case=case)
    assert (message.author, message.author_role) == (agent_a, "agent")
    assert message.attachments.get().name == "formulaire.pdf"
    assert case.events.get().kind == "message"
    page = login(agent_a).get(case_url(case))
    assert "Voici le formulaire à compléter." in page.text and "formulaire.pdf" in page.text


def test_a_bad_attachment_is_refused_and_the_message_kept(login, agent_a, service_a):
    case = CaseFactory(in_review=True, service=service_a)
    response = login(agent_a).post(case_url(case), {
        "operation": "reply", "reply-body": "Mon long message.",
        "reply-attachment": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf"),
    })
    assert response.status_code == 400
    assert "is not a real PDF" in response.text
    assert "Mon long message." in response.text
    assert not Message.objects.exists()


def test_the_timeline_tells_who_did_what(login, agent_a, service_a):
    case = CaseFactory(submitted=True, service=service_a)
    client = login(agent_a)
    client.post(case_url(case), transition("start_review", case.version))
    case.refresh_from_db()
    client.post(case_url(case), transition("reject", case.version, "Hors périmètre."))
    text = client.get(case_url(case)).text
    assert "Start review" in text and "Reject" in text and "Hors périmètre." in text
    assert "Alice Agent" in text


def test_the_page_speaks_french_by_default(client, agent_a, service_a):
    case = CaseFactory(submitted=True, service=service_a)
    log_in(client, agent_a)
    text = client.get(case_url(case)).text
    assert "Prendre le dossier" in text
    assert "Historique" in text and "Dossier " in text
