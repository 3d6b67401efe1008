import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from procedures import documents
from procedures.constants import DocumentKind
from procedures.models import Document

pytestmark = pytest.mark.django_db

NOT_FOUND = "Aucun document ne correspond à cette référence et à ce code de vérification."


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def receipt(submitted):
    case = submitted(applicant__first_name="Camille", applicant__last_name="Martin")
    return Document.objects.get(case=case, kind=DocumentKind.RECEIPT)


def test_the_qr_link_shows_the_genuine_document(client, receipt):
    url = documents.verification_url(receipt.case.reference, receipt.verification_code)
    page = client.get(url.removeprefix(settings.SITE_URL)).content.decode()
    assert "Ce document est authentique" in page
    assert "Accusé de réception" in page
    assert receipt.case.reference in page
    assert "C. M." in page and "Martin" not in page
    assert "Accusé de réception — Demande de démonstration" in page  # what the document is
    assert "Décision" not in page  # a receipt decides nothing
    # the fingerprint, for experts, behind a sentence a notary understands
    assert "même référence, même date, même décision" in page
    fingerprint = page[page.index("<details"):page.index("</details>")]
    assert receipt.sha256 in fingerprint


def test_reference_and_code_are_read_leniently(client, receipt):
    page = client.get(reverse("procedures:verify"), {
        "reference": f" {receipt.case.reference.lower()} ",
        "code": receipt.verification_code.lower()[:5] + " " + receipt.verification_code[5:],
    })
    assert "Ce document est authentique" in page.content.decode()


@pytest.mark.parametrize("wrong", ["reference", "code", "both"])
def test_any_other_pair_is_not_found_without_saying_which_half(client, receipt, wrong):
    query = {"reference": receipt.case.reference, "code": receipt.verification_code}
    if wrong in ("reference", "both"):
        query["reference"] = "DM-2026-999999"
    if wrong in ("code", "both"):
        query["code"] = "0123456789"
    page = client.get(reverse("procedures:verify"), query)
    assert page.status_code == 200
    body = page.content.decode()
    assert NOT_FOUND in body and "authentique" not in body
    assert receipt.sha256 not in body


def test_an_uploaded_attachment_cannot_be_verified(client, receipt):
    attachment = Document.objects.create(
        case=receipt.case, kind=DocumentKind.ATTACHMENT, name="x.pdf",
        content_type="application/pdf", sha256="0" * 64, file="cases/x.pdf")
    page = client.get(reverse("procedures:verify"), {
        "reference": receipt.case.reference, "code": attachment.verification_code})
    assert NOT_FOUND in page.content.decode()


def test_the_empty_form_asks_for_both(client):
    page = client.get(reverse("procedures:verify"))
    assert page.status_code == 200 and NOT_FOUND not in page.content.decode()
    page = client.get(reverse("procedures:verify"), {"reference": "DM-2026-000001"})
    assert "Ce champ est obligatoire." in page.content.decode()


def test_attempts_are_rate_limited(client, receipt):
    query = {"reference": receipt.case.reference, "code": "0123456789"}
    for _ in range(settings.RATE_LIMITS["verify-address"][0]):
        assert client.get(reverse("procedures:verify"), query).status_code == 200
    refused = client.get(reverse("procedures:verify"),
                         {"reference": receipt.case.reference, "code": receipt.verification_code})
    assert refused.status_code == 429
    assert "Trop de tentatives" in refused.content.decode()
    assert "authentique" not in refused.content.decode()
    other_address = client.get(reverse("procedures:verify"), query, REMOTE_ADDR="10.0.0.2")
    assert other_address.status_code == 200


def test_the_page_is_in_english_too(client):
    page = client.get(reverse("procedures:verify"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Check a document" in page.content.decode()


def test_a_civil_status_decision_says_its_outcome_and_the_certificate(client):
    from accounts.constants import ServiceKind
    from tests.civil_status.conftest import ANSWERS
    from tests.factories import ServiceFactory
    from tests.procedures.factories import CaseFactory

    service = ServiceFactory(code="mairie-etat-civil", kind=ServiceKind.CIVIL_STATUS)
    case = CaseFactory(accepted=True, procedure="civil_status",
                       service=service, answers=ANSWERS)
    decision = Document.objects.create(
        case=case, kind=DocumentKind.DECISION, name="acte.pdf", content_type="application/pdf",
        sha256="a" * 64, file="cases/acte.pdf")
    page = client.get(reverse("procedures:verify"), {
        "reference": case.reference, "code": decision.verification_code}).content.decode()
    assert "Ce document est authentique" in page
    assert "Demande d’acte d’état civil" in page
    assert "<dd class=\"fr-mb-1w fr-ml-0\">Accepté</dd>" in page
    assert "Extrait plurilingue, acte de naissance" in page
