"""Uploads through a real clamd (tests/antivirus.py): kept "being checked" and closed to
everyone until clean, deleted when infected (the citizen told), kept closed while clamd is down
and scanned again by the sweep."""

import io

import pypdf
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from procedures import antivirus, tasks
from procedures.constants import DocumentKind, ScanStatus
from procedures.models import Case, Document
from tests.antivirus import EICAR
from tests.factories import UserFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

from .conftest import case_url

pytestmark = pytest.mark.django_db


def _pdf(extra=b""):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue() + extra  # bytes after %%EOF: still a PDF to libmagic and viewers


@pytest.fixture
def uploaded(client, service_a):
    """The applicant's message with one attachment, as sent: stored, not scanned yet."""
    def upload(content, name="justificatif.pdf"):
        case = CaseFactory(in_review=True, service=service_a)
        log_in(client, case.applicant)
        response = client.post(reverse("procedures:message", args=[case.public_id]), {
            "body": "Voici le justificatif.", "attachment": SimpleUploadedFile(name, content)})
        assert response.status_code == 302
        return Document.objects.get(case=case, kind=DocumentKind.ATTACHMENT)
    return upload


def _download(client, document):
    return client.get(reverse("procedures:document", args=[document.public_id]))


def test_a_clean_pdf_opens_for_the_agent_only_once_checked(uploaded, client, login, agent_a,
                                                           clamd):
    content = _pdf()
    document = uploaded(content)
    assert document.scan == ScanStatus.PENDING
    assert _download(client, document).status_code == 404  # not even for its sender
    agent = login(agent_a)
    assert _download(agent, document).status_code == 404
    page = agent.get(case_url(document.case)).text
    assert "justificatif.pdf" in page and "being checked by the antivirus" in page
    assert reverse("procedures:document", args=[document.public_id]) not in page

    tasks.scan_document(document.pk)

    document.refresh_from_db()
    assert document.scan == ScanStatus.CLEAN
    download = _download(agent, document)
    assert download.status_code == 200 and b"".join(download.streaming_content) == content
    assert reverse("procedures:document", args=[document.public_id]) in agent.get(
        case_url(document.case)).text


def test_eicar_is_deleted_and_the_citizen_told_in_french(uploaded, login, agent_a, clamd):
    document = uploaded(_pdf(EICAR))
    stored = document.file.name
    assert default_storage.exists(stored)

    tasks.scan_document(document.pk)

    document.refresh_from_db()
    assert document.scan == ScanStatus.INFECTED
    assert not document.file and not default_storage.exists(stored)
    citizen = Client()  # in French (`login` made `client` speak English)
    log_in(citizen, document.case.applicant)
    page = citizen.get(reverse("procedures:case", args=[document.case.public_id])).text
    assert "L’antivirus a détecté un virus dans ce fichier : il a été supprimé" in page
    assert "Virus détecté : fichier supprimé" in page
    assert _download(login(agent_a), document).status_code == 404
    tasks.scan_document(document.pk)  # delivered again: nothing more happens


def test_with_clamd_down_uploads_stay_closed_until_the_sweep_scans_them(uploaded, login, agent_a,
                                                                       clamd):
    document = uploaded(_pdf())
    with clamd.stopped():
        with pytest.raises(antivirus.ScannerUnavailable):
            tasks.scan_document(document.pk)
        tasks.sweep(grace_seconds=0)  # enqueues the scan: retried in vain, still closed
        document.refresh_from_db()
        assert document.scan == ScanStatus.PENDING
        assert _download(login(agent_a), document).status_code == 404
    assert antivirus.pending(document.created_at, 10) == []  # within the grace: left alone
    tasks.sweep(grace_seconds=0)  # clamd back
    document.refresh_from_db()
    assert document.scan == ScanStatus.CLEAN
    assert _download(login(agent_a), document).status_code == 200


def test_a_draft_answer_found_infected_is_refused_on_its_field(client, demo_service, clamd):
    log_in(client, UserFactory())
    client.post(reverse("procedures:start", args=["demo"]))
    case = Case.objects.get()
    client.post(reverse("procedures:step", args=[case.public_id, "identity"]),
                {"first_name": "A", "last_name": "B", "birth_date": "1990-01-01"})
    step = reverse("procedures:step", args=[case.public_id, "request"])
    client.post(step, {"topic": "park", "details": "Avec justificatif",
                       "proof": SimpleUploadedFile("justificatif.pdf", _pdf(EICAR))})
    tasks.scan_document(Document.objects.get(case=case).pk)

    page = client.post(step, {"topic": "park", "details": "Avec justificatif"}).text
    assert ("L’antivirus a détecté un virus dans le fichier « justificatif.pdf » : il a été "
            "supprimé. Envoyez un autre fichier.") in page
    assert 'class="fr-upload-group fr-upload-group--error" id="id_proof_group"' in page
