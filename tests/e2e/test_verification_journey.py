"""Anyone checks a receipt on the public verification page: the code printed on the downloaded
receipt (and its QR code) verifies; a wrong code is refused. Then the accessibility statement."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.pipeline.helpers import pdf_qr_codes

from .browsing import download, header, log_in, pdf_text, reload_until, verification_code

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def test_the_code_printed_on_a_receipt_verifies_and_a_wrong_one_is_refused(
        page, new_page, live_worker, file_case, axe, shot):
    case = file_case()
    page.goto("/")
    log_in(page, case.applicant.email)
    header(page, "link", "Mon espace").click()
    page.get_by_role("main").get_by_role("link", name=case.reference).click()
    receipt = page.get_by_role("main").get_by_role("link", name=re.compile("^Accusé de réception"))
    reload_until(page, receipt)
    pdf = download(page, receipt)
    code = verification_code(pdf_text(pdf))

    # Someone the citizen gave the receipt to: not logged in, another browser.
    visitor = new_page()
    visitor.goto("/verifier/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Vérifier un document")
    shot(visitor, "verification")
    axe(visitor)
    visitor.get_by_label("Référence").fill(case.reference)
    visitor.get_by_label("Code de vérification").fill(code)
    visitor.get_by_role("button", name="Vérifier").click()
    genuine = visitor.get_by_role("status").filter(has_text="Ce document est authentique")
    expect(genuine).to_contain_text("Accusé de réception — Demande d’acte d’état civil")
    expect(genuine).to_contain_text("Extrait plurilingue, acte de naissance")
    expect(genuine).to_contain_text(case.reference)
    expect(genuine).to_contain_text("C. M.")  # the holder's initials, no more
    # The fingerprint is for experts: folded away under a sentence anyone understands.
    expect(genuine).to_contain_text("même référence, même date, même décision")
    fingerprint = genuine.get_by_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(fingerprint).to_be_hidden()
    genuine.get_by_text("L’empreinte numérique du fichier, pour les experts").click()
    expect(fingerprint).to_be_visible()
    shot(visitor, "genuine")
    axe(visitor)

    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    visitor.get_by_label("Code de vérification").fill(wrong)
    visitor.get_by_role("button", name="Vérifier").click()
    refusal = visitor.get_by_role("alert")
    expect(refusal).to_be_focused()
    expect(refusal).to_contain_text("Aucun document ne correspond à cette référence et à ce code")
    expect(visitor.get_by_role("status").filter(has_text="authentique")).to_have_count(0)
    expect(visitor.get_by_label("Code de vérification")).to_have_value(wrong)
    shot(visitor, "refused")
    axe(visitor)

    # The QR code printed on the receipt opens the same check.
    [url] = pdf_qr_codes(pdf)
    visitor.goto(f"{urlsplit(url).path}?{urlsplit(url).query}")
    expect(visitor.get_by_role("status")).to_contain_text("Ce document est authentique")

    # The footer's legal pages, from any page.
    for link, title in [("Mentions légales", "Mentions légales"),
                        ("Données personnelles", "Données personnelles"),
                        ("Gestion des cookies", "Gestion des cookies"),
                        ("Plan du site", "Plan du site")]:
        visitor.get_by_role("contentinfo").get_by_role("link", name=link).click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
        axe(visitor)
    expect(visitor.get_by_role("main").get_by_role("link", name="Demande d’acte d’état civil")
           ).to_be_visible()  # the site map lists the procedures

    # The accessibility statement (RGAA), from the footer of every page.
    visitor.get_by_role("contentinfo").get_by_role(
        "link", name="Accessibilité : partiellement conforme").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Déclaration d’accessibilité")
    expect(visitor.get_by_role("main")).to_contain_text("RGAA")
    shot(visitor, "accessibility-statement")
    axe(visitor)
