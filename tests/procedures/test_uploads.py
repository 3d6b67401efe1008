import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procedures.models import Case, Document
from procedures.uploads import clean_name
from tests.factories import UserFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
REFUSED = [
    ("executable renamed .pdf", "facture.pdf", ELF, "n’est pas un vrai PDF : son nom se"),
    ("SVG with a script", "plan.svg", SVG, "Les fichiers de type SVG ne sont pas acceptés"),
    ("SVG renamed .png", "plan.png", SVG, "n’est pas un vrai PNG"),
    ("over the limit", "gros.pdf", PDF + b"0" * (5 * 1024 * 1024),
     "Ce fichier pèse 5,1\xa0Mo : la limite est de 5\xa0Mo"),
    ("zero bytes", "vide.pdf", b"", "vide"),
    ("path traversal name", "../../../etc/passwd", PDF, "Ce nom de fichier n’a pas d’extension"),
]
BOUNDARY = "GuichetBoundary"


def _multipart(fields, file_field, file_name, content):
    """A raw body: the test client would strip the path from the file name before sending."""
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; '
                 f'filename="{file_name}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                 + content + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


@pytest.fixture
def draft_at_request_step(client, demo_service):
    log_in(client, UserFactory())
    client.post(reverse("procedures:start", args=["demo"]))
    case = Case.objects.get()
    client.post(reverse("procedures:step", args=[case.public_id, "identity"]),
                {"first_name": "A", "last_name": "B", "birth_date": "1990-01-01"})
    return case


@pytest.mark.parametrize(("label", "name", "content", "message"), REFUSED,
                         ids=[row[0] for row in REFUSED])
def test_hostile_uploads_are_refused_and_nothing_is_stored(
        client, draft_at_request_step, label, name, content, message):
    case = draft_at_request_step
    response = client.post(
        reverse("procedures:step", args=[case.public_id, "request"]),
        _multipart({"topic": "park", "details": "Gardé"}, "proof", name, content),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'aria-describedby="id_proof_helptext id_proof_error"' in html
    assert "Gardé</textarea>" in html and 'value="park" checked' in html
    assert not Document.objects.exists()
    case.refresh_from_db()
    assert "request" not in case.answers


def test_a_genuine_pdf_is_stored_privately_under_a_random_name(
        client, draft_at_request_step, settings, django_capture_on_commit_callbacks):
    case = draft_at_request_step
    with django_capture_on_commit_callbacks(execute=True):  # its scan: no scanner, clean
        client.post(reverse("procedures:step", args=[case.public_id, "request"]), {
            "topic": "park", "details": "Avec justificatif",
            "proof": SimpleUploadedFile("../Mon justificatif.pdf", PDF),
        })
    document = Document.objects.get()
    assert document.scan == "clean"
    assert document.name == "Mon_justificatif.pdf"
    assert document.content_type == "application/pdf"
    assert "justificatif" not in document.file.name
    assert document.file.name.startswith(f"cases/{case.public_id}/")
    case.refresh_from_db()
    assert case.answers["request"]["proof"] == {"document": str(document.public_id),
                                                "name": "Mon_justificatif.pdf"}
    download = client.get(reverse("procedures:document", args=[document.public_id]))
    assert b"".join(download.streaming_content) == PDF
    # The draft can still be submitted: the kept document satisfies the field.
    client.post(reverse("procedures:review", args=[case.public_id]))
    case.refresh_from_db()
    assert case.status == "submitted" and case.reference.startswith("DM-")
    assert case.answers["request"]["proof"]["document"] == str(document.public_id)


@pytest.mark.parametrize(("given", "kept"), [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\x\\scan.pdf", "scan.pdf"),
    ("..", ""), ("<script>.pdf", "script.pdf"), ("a b.pdf", "a_b.pdf"),
])
def test_file_names_are_sanitised(given, kept):
    assert clean_name(given) == kept
