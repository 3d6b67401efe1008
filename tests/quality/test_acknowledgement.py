"""The receipt is the legal acknowledgement (CRPA R112-5): checked on the PDF's own text."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from procedures.constants import Silence
from procedures.demo.procedure import DemoProcedure
from procedures.documents import render_receipt_pdf
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in


class AcceptedBySilence(DemoProcedure):
    slug = "demo-silence"
    title = "Silent demo"
    reference_prefix = "SV"
    silence = Silence.ACCEPTANCE
    awaiting_info_suspends_delay = True


def pdf_text(pdf):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def service(demo_service):
    demo_service.address = "1 place de la Mairie, 69999 Villebourg"
    demo_service.email = "demo@villebourg.example"
    demo_service.phone = "04 00 00 00 01"
    demo_service.save()
    return demo_service


def filed(procedure, service):
    return CaseFactory(submitted=True, procedure=procedure, service=service,
                       submitted_at=datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC),
                       due_at=datetime.date(2026, 3, 16))


def common_mentions(text):
    assert "Accusé de réception" in text
    assert "Votre demande a été reçue le 2 mars 2026" in text
    assert "Le service doit y répondre au plus tard le 16 mars 2026" in text
    assert ("Service chargé de votre demande : Service de démonstration, 1 place de la Mairie, "
            "69999 Villebourg, demo@villebourg.example, téléphone 04 00 00 00 01") in text


def test_a_receipt_where_silence_means_acceptance(registered, service):
    registered(AcceptedBySilence)
    text = pdf_text(render_receipt_pdf(filed("demo-silence", service), "ABCDE12345"))
    common_mentions(text)
    assert "votre demande est réputée acceptée à cette date" in text
    assert "L231-1" in text
    assert "attestation de cette acceptation implicite (article L232-3)" in text
    assert "le délai s’arrête jusqu’à votre réponse" in text


def test_a_receipt_where_silence_means_nothing(service):
    text = pdf_text(render_receipt_pdf(filed("demo", service), "ABCDE12345"))
    common_mentions(text)
    assert "le silence du service au 16 mars 2026 ne vaut pas décision" in text
    assert "indiquera comment la contester" in text
    assert "réputée" not in text


def test_the_case_page_says_the_same_in_words(registered, client, service):
    registered(AcceptedBySilence)
    case = CaseFactory(submitted=True, procedure="demo-silence", service=service,
                       due_at=timezone.localdate() + datetime.timedelta(days=3))
    log_in(client, case.applicant)
    page = client.get(reverse("procedures:case", args=[case.public_id])).content.decode()
    assert "votre demande est réputée acceptée à cette date" in page
    assert "attestation de cette acceptation implicite" in page
