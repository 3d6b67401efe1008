"""The whole story: a citizen asks for a certificate through the pages; an agent of the town
hall issues it; the citizen is told by e-mail and downloads it."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from procedures import workflow
from procedures.calendar import due_date
from procedures.constants import CaseStatus, DelayUnit, DocumentKind
from procedures.models import Case
from tests.second_factor import log_in

from .conftest import ANSWERS, CERTIFICATE, DELIVERY, PERSON

pytestmark = pytest.mark.usefixtures("french")


def step_url(case, name):
    return reverse("procedures:step", args=[case.public_id, name])


def test_a_citizen_requests_a_certificate_through_the_pages(client, citizen, town_hall):
    log_in(client, citizen)
    response = client.post(reverse("procedures:start", args=["civil_status"]))
    case = Case.objects.get()
    assert response["Location"] == step_url(case, "certificate")

    forbidden = {**CERTIFICATE, "kind": "full_copy", "relation": "other"}
    html = client.post(step_url(case, "certificate"), forbidden).content.decode()
    assert "n’est délivré qu’à la personne concernée par l’acte" in html
    assert "« Extrait sans filiation »" in html
    assert 'aria-describedby="id_kind_error"' in html  # the message is tied to the field
    assert 'value="full_copy" checked' in html  # what was chosen is kept

    response = client.post(step_url(case, "certificate"), CERTIFICATE)
    assert response["Location"] == step_url(case, "person")
    html = client.get(response["Location"]).content.decode()
    assert 'name="first_parent"' in html and 'name="spouse_name"' not in html

    response = client.post(step_url(case, "person"), PERSON)
    assert response["Location"] == step_url(case, "delivery")
    html = client.get(response["Location"]).content.decode()
    assert 'value="12 rue des Lilas"' in html  # from the profile

    response = client.post(step_url(case, "delivery"), DELIVERY)
    review_url = reverse("procedures:review", args=[case.public_id])
    assert response["Location"] == review_url
    html = client.get(review_url).content.decode()
    assert "Extrait plurilingue" in html and "Lefèvre Martin" in html

    response = client.post(review_url)
    assert response["Location"] == reverse("procedures:case", args=[case.public_id])
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert case.reference.startswith("EC-")
    filed_on = timezone.localdate(case.submitted_at)
    assert case.due_at == due_date(filed_on, 10, DelayUnit.WORKING_DAYS)
    assert case.answers == ANSWERS
    assert case.reference in client.get(response["Location"]).content.decode()


def test_the_registrar_issues_the_certificate(submitted_case, citizen, registrar, client,
                                              mailoutbox, django_capture_on_commit_callbacks):
    case = submitted_case
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start_review(case.pk, registrar)
        workflow.accept(case.pk, registrar)

    decision = case.documents.get(kind=DocumentKind.DECISION)
    document_url = reverse("procedures:document", args=[decision.public_id])
    [email] = [m for m in mailoutbox if document_url in m.body]
    assert email.to == [citizen.email] and case.reference in email.subject

    log_in(client, citizen)
    response = client.get(document_url)
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    certificate = pdf.pages[-1].extract_text()
    for expected in ("EXTRAIT PLURILINGUE", "Acte de naissance", "LEFÈVRE MARTIN",
                     "Martin Camille", "Pour extrait conforme", "SPECIMEN"):
        assert expected in certificate
