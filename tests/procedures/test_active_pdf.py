"""PDFs that run something when opened (JavaScript, a launch action) or carry other files are
refused on their field, however the name is written or wherever the object is kept."""

import io
import zlib

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from procedures.models import Document

from .test_uploads import draft_at_request_step  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def _written(change=None):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_action(action):
    def change(writer):
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(DictionaryObject(
            {NameObject(key): value for key, value in action.items()}))
    return change


def _in_an_object_stream(action):
    """The action is object 4, compressed inside the object stream 3: its names are not in the
    file's bytes; a cross-reference stream (object 5) says where it is."""
    body = b"<<" + action + b">>"
    stream = zlib.compress(b"4 0 " + body)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>",
        b"<</Type/Pages/Kids[]/Count 0>>",
        b"<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>stream\n" % len(stream)
        + stream + b"\nendstream",
    ]
    data, offsets = b"%PDF-1.7\n", []
    for number, content in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref_offset = len(data)
    rows = (b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"
            + b"".join(b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00" for offset in offsets)
            + b"\x02" + (3).to_bytes(4, "big") + b"\x00\x00"
            + b"\x01" + xref_offset.to_bytes(4, "big") + b"\x00\x00")
    data += (b"5 0 obj\n<</Type/XRef/Size 6/W[1 4 2]/Root 1 0 R/Length %d>>stream\n" % len(rows)
             + rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset)
    assert b"JavaScript" not in data and b"Launch" not in data
    return data


def _attached(writer):
    writer.add_attachment("facture.exe", b"MZ not really")


ACTIVE = [
    ("JavaScript on opening", _written(_open_action(
        {"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(1)")}))),
    ("launch action", _written(_open_action(
        {"/S": NameObject("/Launch"), "/F": TextStringObject("calc.exe")}))),
    ("embedded file", _written(_attached)),
    ("name written with #xx escapes", _written().replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (1) >>")),
    ("JavaScript in a compressed object stream",
     _in_an_object_stream(b"/S/JavaScript/JS(app.alert(1))")),
    ("launch action in a compressed object stream",
     _in_an_object_stream(b"/S/Launch/F(calc.exe)")),
]


@pytest.mark.parametrize("content", [row[1] for row in ACTIVE], ids=[row[0] for row in ACTIVE])
def test_a_pdf_with_active_content_is_refused_on_its_field(client, draft_at_request_step,  # noqa: F811
                                                           content):
    case = draft_at_request_step
    response = client.post(reverse("procedures:step", args=[case.public_id, "request"]), {
        "topic": "park", "details": "Gardé",
        "proof": SimpleUploadedFile("justificatif.pdf", content),
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert "contient un script, une action qui ouvre un programme ou des fichiers joints" in html
    assert 'class="fr-upload-group fr-upload-group--error" id="id_proof_group"' in html
    assert "Gardé</textarea>" in html
    assert not Document.objects.exists()


def test_a_plain_pdf_made_by_a_library_is_accepted(client, draft_at_request_step):  # noqa: F811
    case = draft_at_request_step
    response = client.post(reverse("procedures:step", args=[case.public_id, "request"]), {
        "topic": "park", "details": "Avec justificatif",
        "proof": SimpleUploadedFile("justificatif.pdf", _written()),
    })
    assert response.status_code == 302
    assert Document.objects.get().name == "justificatif.pdf"
