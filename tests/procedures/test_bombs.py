"""Decompression and image bombs, and archives hidden in documents: a small corpus made here,
refused with a clear message before anything is stored."""

import io
import struct
import zipfile
import zlib

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from procedures.models import Document
from procedures.uploads import MAX_INFLATED, OFFICE, refuse_bombs

from .test_uploads import PDF, draft_at_request_step  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db
DOCX = OFFICE[".docx"][0]


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png(width=30_000, height=30_000):
    """A valid PNG header for width × height one-bit pixels, its data a few bytes: decoding it
    would take 112 MB, in 8-bit RGBA 3.6 GB."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 4096)) + _png_chunk(b"IEND", b""))


def small_png():
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(buffer, "PNG")
    return buffer.getvalue()


def zeros_deflated(size):
    compressor, chunk = zlib.compressobj(9), b"\x00" * (1024 * 1024)
    return b"".join(compressor.compress(chunk) for _ in range(size // len(chunk))) + \
        compressor.flush()


def pdf_with_stream(stream):
    return (b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"3 0 obj<</Length " + str(len(stream)).encode() + b"/Filter/FlateDecode>>stream\n"
            + stream + b"\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def small_zip(name="secret.exe", content=b"MZ" + b"\x90" * 100):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def docx(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


BOMBS = [
    ("30 000 × 30 000 PNG", "plan.png", huge_png(), "trop grande : 50 mégapixels au plus"),
    ("10 000 × 6 000 PNG", "photo.png", huge_png(10_000, 6_000), "50 mégapixels au plus"),
    ("PDF inflating to 120 MiB", "bombe.pdf", pdf_with_stream(zeros_deflated(120 * 2**20)),
     "se décompresse en plus de 100\xa0Mo"),
    ("ZIP appended to a PDF", "facture.pdf", PDF + small_zip(), "archive (ZIP) cachée"),
    ("ZIP appended to a PNG", "photo.png", small_png() + small_zip(), "archive (ZIP) cachée"),
    ("ZIP in a PDF stream", "pj.pdf", pdf_with_stream(zlib.compress(small_zip())),
     "archive (ZIP) cachée"),
]


@pytest.mark.parametrize(("label", "name", "content", "message"), BOMBS,
                         ids=[row[0] for row in BOMBS])
def test_bombs_are_refused_and_nothing_is_stored(
        client, draft_at_request_step, label, name, content, message):  # noqa: F811
    case = draft_at_request_step
    assert len(content) < 5 * 2**20  # under the size limit: only the content gives it away
    response = client.post(reverse("procedures:step", args=[case.public_id, "request"]), {
        "topic": "park", "details": "Avec justificatif",
        "proof": SimpleUploadedFile(name, content),
    })
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
    case.refresh_from_db()
    assert "request" not in case.answers


@pytest.mark.parametrize("content", [small_png(), pdf_with_stream(zlib.compress(b"q Q " * 10_000))],
                         ids=["small PNG", "PDF with an ordinary stream"])
def test_ordinary_files_pass(client, draft_at_request_step, content):  # noqa: F811
    name = "scan.png" if content.startswith(b"\x89PNG") else "scan.pdf"
    client.post(reverse("procedures:step", args=[draft_at_request_step.public_id, "request"]), {
        "topic": "park", "details": "Avec justificatif",
        "proof": SimpleUploadedFile(name, content),
    })
    assert Document.objects.get().name == name


@pytest.mark.parametrize(("members", "code"), [
    ({"word/document.xml": b"\x00" * (MAX_INFLATED + 2**20)}, "bomb"),
    ({"word/embeddings/oleObject1.bin": small_zip()}, "hidden_archive"),
    ({"word/media/archive.zip": b"not even a zip"}, "hidden_archive"),
], ids=["inflates past the limit", "a ZIP inside", "an archive by its name"])
def test_office_files_that_inflate_or_hide_archives_are_refused(members, code):
    upload = SimpleUploadedFile("lettre.docx", docx(members))
    with pytest.raises(forms.ValidationError) as refused:
        refuse_bombs(upload, DOCX)
    assert refused.value.code == code


def test_an_ordinary_office_file_passes():
    refuse_bombs(SimpleUploadedFile("lettre.docx", docx({"word/document.xml": "<w:document/>"})),
                 DOCX)
