"""The whole story in-process: a company files 3 items through the pages → red lane → the
officer records a non-conform value in the admin → re-liquidated → duties paid → released →
the release note by e-mail and in "Mon espace"; and what the declarant sees never names the
lane."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Company
from procedures.constants import DocumentKind
from procedures.customs.models import Clearance, OfficeSettings
from tests.second_factor import log_in

from .conftest import OVEN, SHIRTS, WINE
from .journey import admin_act, assert_no_secret, file_declaration, inspection, wine_rule

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture(autouse=True)
def no_random_draw(db):
    from procedures.customs.models import RandomRate

    RandomRate.objects.update(rate=0)


def pdf_text(document):
    with document.file.open("rb") as file:
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(file.read())).pages)
    return text.replace("\xa0", " ").replace("\u202f", " ")


def declarant_pages(client, case):
    """Everything the declarant can read about the case, as text."""
    pages = {}
    for name, url in (("my space", reverse("procedures:my_space")),
                      ("case page", reverse("procedures:case", args=[case.public_id])),
                      ("notifications", reverse("procedures:notifications")),
                      ("open data", reverse("quality:open_data_json")),
                      ("open data csv", reverse("quality:open_data_csv"))):
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = b"".join(response.streaming_content).decode() if response.streaming \
            else response.content.decode()
    for document in case.documents.exclude(kind=DocumentKind.ATTACHMENT):
        pages[document.name] = pdf_text(document)
    return pages


def test_a_red_declaration_from_filing_to_release(client, importer, officer, mailoutbox,
                                                  django_capture_on_commit_callbacks):
    wine_rule()
    log_in(client, importer)
    with django_capture_on_commit_callbacks(execute=True):
        case = file_declaration(client, Company.objects.get(), [OVEN, WINE, SHIRTS])
    case.refresh_from_db()
    assert case.reference.startswith("IM-") and case.status == "under_control"
    clearance = Clearance.objects.get(case=case)
    assert clearance.lane == "red" and clearance.reasons.get().rule.name == "Vins et spiritueux"
    declared = case.computed["liquidation"]
    assert declared["total"] == "2916.80"  # 204 + 12 + 48 duties, 2440.80 + 122.40 + 89.60 VAT

    pages = declarant_pages(client, case)
    assert "En cours de contrôle" in pages["case page"]
    assert "under_control" not in pages["case page"]  # the timeline reads the state's label
    for where, text in pages.items():
        assert_no_secret(text, where)
    for message in mailoutbox:
        assert_no_secret(message.subject + message.body, f"e-mail {message.subject}")

    log_in(client, officer)
    page = client.get(reverse("admin:procedures_case_change", args=[case.pk])).content.decode()
    assert "Rouge — visite physique" in page and "Compter les colis." in page
    assert "Accorder la mainlevée" not in page  # not before the lane's control
    response = admin_act(client, case, "release", {"payment": "paid",
                                                    "payment_reference": "QUIT-1"})
    case.refresh_from_db()
    assert response.status_code == 400 and case.status == "under_control"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_act(client, case, "record_control", inspection(case, {
            2: {"customs_value": "1500.00", "conform": "no",
                "note": "Facture sous-évaluée : contrat saisi."}}))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "controlled"
    assert case.computed["liquidation"]["total"] == "3118.40"  # + 18.00 duties, + 183.60 VAT
    page = client.get(reverse("admin:procedures_case_change", args=[case.pk])).content.decode()
    assert "2\N{NARROW NO-BREAK SPACE}916,80\N{NARROW NO-BREAK SPACE}€ déclarés" in page
    assert "3\N{NARROW NO-BREAK SPACE}118,40\N{NARROW NO-BREAK SPACE}€ après contrôle" in page
    event = case.events.get(kind="record_control")
    assert event.actor == officer and event.data["items"][1]["customs_value"] == "1500.00"

    log_in(client, importer)
    assert "En cours de contrôle" in client.get(
        reverse("procedures:case", args=[case.public_id])).content.decode()
    log_in(client, officer)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_act(client, case, "release", {"payment": "paid",
                                                        "payment_reference": "QUIT-2026-1"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "released" and case.status_kind == "accepted"
    note = case.documents.get(kind=DocumentKind.DECISION)
    text = pdf_text(note)
    assert "BON À ENLEVER" in text and "3 118,40" in text and "QUIT-2026-1" in text
    [email] = mailoutbox
    assert email.to == [importer.email]
    assert reverse("procedures:document", args=[note.public_id]) in email.body
    log_in(client, importer)
    pages = declarant_pages(client, case)
    assert note.name in pages["case page"]
    for where, text in pages.items():
        assert_no_secret(text, where)


def test_a_green_declaration_is_released_by_the_system(client, importer, customs_office,
                                                       django_capture_on_commit_callbacks):
    log_in(client, importer)
    with django_capture_on_commit_callbacks(execute=True):
        case = file_declaration(client, Company.objects.get(), [SHIRTS],
                                guarantee="GAR-2026-7")
    case.refresh_from_db()
    assert case.status == "released"
    release = case.events.get(kind="release_at_once")
    assert release.actor is None and release.data == {"payment": "guaranteed",
                                                      "payment_reference": "GAR-2026-7"}
    assert "GAR-2026-7" in pdf_text(case.documents.get(kind=DocumentKind.DECISION))


def test_an_office_may_release_green_declarations_itself(client, importer, customs_office,
                                                         django_capture_on_commit_callbacks):
    OfficeSettings.objects.create(service=customs_office, release_green_at_once=False)
    log_in(client, importer)
    with django_capture_on_commit_callbacks(execute=True):
        case = file_declaration(client, Company.objects.get(), [SHIRTS],
                                guarantee="GAR-2026-7")
    case.refresh_from_db()
    assert case.status == "submitted" and case.clearance.lane == "green"


def test_a_seizure_is_a_supervisors_act(client, importer, officer, supervisor,
                                        django_capture_on_commit_callbacks):
    wine_rule()
    log_in(client, importer)
    with django_capture_on_commit_callbacks(execute=True):
        case = file_declaration(client, Company.objects.get(), [WINE])
    log_in(client, officer)
    page = client.get(reverse("admin:procedures_case_change", args=[case.pk])).content.decode()
    assert "Saisir les marchandises" not in page
    response = admin_act(client, case, "seize", text="Contrefaçon.")
    assert case.status == "under_control" and response.status_code in (400, 403)
    log_in(client, supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_act(client, case, "seize", text="Contrefaçon.")
    case.refresh_from_db()
    assert (case.status, case.status_kind) == ("seized", "rejected")
