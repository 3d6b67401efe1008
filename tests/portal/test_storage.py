"""Documents at rest: encrypted (portal/storage.py), private on disk, refused when altered."""

import base64
import hashlib
import logging
import secrets
import stat

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal.storage import MAGIC, DocumentUnreadable, key_id, stored_key_id
from procedures.constants import DocumentKind, ScanStatus
from procedures.models import Document
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def new_key():
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def stored_path(document):
    return default_storage.inner.path(document.file.name)


@pytest.fixture
def case(demo_service):
    return CaseFactory(submitted=True)


@pytest.fixture
def attach(client, django_capture_on_commit_callbacks):
    """The case's applicant sends a PDF with a message; its scan runs (no scanner: clean)."""
    def send(case):
        log_in(client, case.applicant)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("procedures:message", args=[case.public_id]), {
                "body": "Voici la pièce.",
                "attachment": SimpleUploadedFile("justificatif.pdf", PDF)})
        assert response.status_code == 302
        return Document.objects.get(case=case, kind=DocumentKind.ATTACHMENT)
    return send


def document_of(case, content, name="piece.pdf"):
    """A document stored as the engine stores them (uploads.store_upload, documents._make)."""
    document = Document(case=case, kind=DocumentKind.ATTACHMENT, name=name,
                        content_type="application/pdf", size=len(content),
                        sha256=hashlib.sha256(content).hexdigest())
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def test_an_upload_is_stored_encrypted_in_private_files_and_downloaded_in_clear(
        client, attach, case, settings):
    document = attach(case)
    with open(stored_path(document), "rb") as file:
        stored = file.read()
    assert stored.startswith(MAGIC) and b"%PDF" not in stored and b"Catalog" not in stored
    assert document.file.size == len(PDF)

    root = settings.STORAGES["default"]["OPTIONS"]["inner"]["OPTIONS"]["location"]
    assert stat.S_IMODE((root / document.file.name).stat().st_mode) == 0o600
    for folder in (root, root / "cases", (root / document.file.name).parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder

    response = client.get(reverse("procedures:document", args=[document.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def _flip(position):
    def alter(data):
        return data[:position] + bytes([data[position] ^ 1]) + data[position + 1:]
    return alter


ALTERATIONS = {
    "a bit of the content": _flip(-20),
    "a bit of the tag": _flip(-1),
    "a bit of the wrapped key": _flip(len(MAGIC) + 8 + 12 + 3),
    "cut short": lambda data: data[:-1],
    "cut to its header": lambda data: data[:40],
    "replaced by a file in clear": lambda data: PDF,
}


@pytest.mark.parametrize("alter", ALTERATIONS.values(), ids=ALTERATIONS)
def test_an_altered_document_is_never_read(case, alter):
    document = document_of(case, PDF)
    path = stored_path(document)
    with open(path, "rb") as stored:
        data = stored.read()
    with open(path, "wb") as stored:
        stored.write(alter(data))
    with pytest.raises(DocumentUnreadable):
        Document.objects.get(pk=document.pk).file.open("rb")


def test_an_altered_document_gets_a_clear_page_not_a_500(client, attach, case, caplog):
    document = attach(case)
    path = stored_path(document)
    with open(path, "r+b") as stored:
        stored.seek(-5, 2)
        stored.write(b"xxxxx")
    with caplog.at_level(logging.ERROR, logger="procedures.views"):
        response = client.get(reverse("procedures:document", args=[document.public_id]))
    assert response.status_code == 503
    html = response.content.decode()
    assert "Ce document ne peut pas être ouvert" in html
    assert "justificatif.pdf" in html and "altérée" in html
    assert reverse("procedures:case", args=[case.public_id]) in html
    assert f"Document {document.public_id} of case {case.reference} not served" in caplog.text


def test_keys_rotate_newest_first_and_the_command_moves_every_file_to_the_newest(
        case, settings, capsys):
    old, new = new_key(), new_key()
    settings.DOCUMENTS_KEYS = [old]
    under_old = document_of(case, PDF, "ancien.pdf")
    in_clear = document_of(case, b"%PDF-1.4 in clear", "clair.pdf")
    Document.objects.create(case=case, kind=DocumentKind.ATTACHMENT, name="virus.pdf",
                            scan=ScanStatus.INFECTED, file="")  # left alone, not "missing"
    in_clear_path = stored_path(in_clear)
    with open(in_clear_path, "wb") as stored:  # as written before encryption came
        stored.write(b"%PDF-1.4 in clear")

    settings.DOCUMENTS_KEYS = [new, old]
    assert Document.objects.get(pk=under_old.pk).file.open("rb").read() == PDF
    under_new = document_of(case, PDF, "nouveau.pdf")
    new_name = under_new.file.name
    call_command("encrypt_documents", dry_run=True)
    assert "1 would be encrypted, 1 would be moved to the newest key, 1 already under it" in (
        capsys.readouterr().out)
    with open(in_clear_path, "rb") as stored:
        assert stored.read() == b"%PDF-1.4 in clear"
    call_command("encrypt_documents")
    assert "1 encrypted, 1 moved to the newest key, 1 already under it" in capsys.readouterr().out

    settings.DOCUMENTS_KEYS = [new]  # the old key retired
    for document, content in ((under_old, PDF), (in_clear, b"%PDF-1.4 in clear"),
                              (under_new, PDF)):
        document.refresh_from_db()
        with open(stored_path(document), "rb") as stored:
            assert stored_key_id(stored.read()) == key_id(base64.urlsafe_b64decode(new))
        assert document.file.open("rb").read() == content
    assert Document.objects.get(pk=under_new.pk).file.name == new_name  # already up to date
    # the files replaced are deleted
    assert sorted(default_storage.listdir(f"cases/{case.public_id}")[1]) == sorted(
        d.file.name.rsplit("/", 1)[1] for d in Document.objects.exclude(file=""))


def test_the_command_leaves_alone_and_reports_what_it_cannot_encrypt(case, capsys):
    document = document_of(case, PDF)
    with open(stored_path(document), "wb") as stored:
        stored.write(b"%PDF-1.4 not what was uploaded")
    with pytest.raises(CommandError):
        call_command("encrypt_documents")
    assert f"altered: document {document.public_id}" in capsys.readouterr().err
    with open(stored_path(document), "rb") as stored:
        assert stored.read() == b"%PDF-1.4 not what was uploaded"
