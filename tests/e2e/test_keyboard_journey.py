"""The first journey once more with the keyboard only (Tab, arrows, Space, Enter and typing):
sign up, file a civil-status request in three sessions, download the receipt."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

from .browsing import choose_with_keys, download, paused, pdf_text, reload_until, tab_to, type_into
from .test_accounts_journey import verification_path

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

TITLE = "Demande d’acte d’état civil"


def press(page, target, key="Enter"):
    tab_to(page, target)
    page.keyboard.press(key)


def log_in(page, email):
    press(page, page.get_by_role("banner").get_by_role("link", name="Se connecter"))
    type_into(page, page.get_by_label("Adresse électronique"), email)
    type_into(page, page.get_by_label("Mot de passe", exact=True), PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("/")


def log_out(page):
    press(page, page.get_by_role("banner").get_by_role("button", name="Se déconnecter"))
    expect(page.get_by_role("banner").get_by_role("link", name="Se connecter")).to_be_visible()


def save_and_leave(page):
    press(page, page.get_by_role("button", name="Enregistrer et finir plus tard"))
    expect(page.get_by_role("status")).to_contain_text("Votre brouillon est enregistré.")
    log_out(page)


def resume_draft(page):
    press(page, page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Mon espace"))
    press(page, page.get_by_role("main").get_by_role("link", name=TITLE, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez vos réponses")


def test_a_new_citizen_files_a_request_with_the_keyboard_only(page, live_worker, town_hall, axe,
                                                              shot):
    email = "clavier@example.org"
    main = page.get_by_role("main")
    heading = page.get_by_role("heading", level=1)

    # First session: sign up, confirm the address, start the request, leave after one step.
    page.goto("/")
    press(page, page.get_by_role("banner").get_by_role("link", name="Créer un compte"))
    type_into(page, page.get_by_label("Adresse électronique"), email)
    # Each password field is followed by its "Afficher" box: Space shows what was typed.
    type_into(page, page.get_by_label("Prénom"), "Camille")
    type_into(page, page.get_by_label("Nom", exact=True), "Martin")
    type_into(page, page.get_by_label(re.compile("^Mot de passe")), PASSWORD)
    press(page, page.get_by_label("Afficher — Mot de passe", exact=True), "Space")
    expect(page.get_by_label(re.compile("^Mot de passe"))).to_have_value(PASSWORD)
    type_into(page, page.get_by_label(re.compile("^Confirmation du mot de passe")), PASSWORD)
    press(page, page.get_by_role("button", name="Créer mon compte"), "Space")
    expect(heading).to_have_text("Consultez votre messagerie")
    page.goto(verification_path(email, live_worker))  # the link in the e-mail
    type_into(page, page.get_by_label("Adresse électronique"), email)
    type_into(page, page.get_by_label("Mot de passe", exact=True), PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("/")

    press(page, page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Démarches"))
    press(page, main.get_by_role("link", name=TITLE, exact=True))
    press(page, main.get_by_role("button", name="Commencer"))
    expect(heading).to_contain_text("Le document demandé")
    choose_with_keys(page, "Acte de naissance")
    choose_with_keys(page, "Extrait plurilingue")
    choose_with_keys(page, "Son ascendant (parent, grand-parent…)")
    shot(page, "step-certificate")
    axe(page)
    save_and_leave(page)

    # Second session: the person named in the record, then leave again.
    log_in(page, email)
    resume_draft(page)
    press(page, main.get_by_role("link", name="La personne concernée par l’acte"))
    type_into(page, page.get_by_label("Nom de naissance"), "Lefèvre Martin")
    type_into(page, page.get_by_label("Prénoms", exact=True), "Léa")
    birth_date = page.get_by_role("group", name=re.compile("^Date de naissance"))
    for label, value in (("Jour", "5"), ("Mois", "3"), ("Année", "2018")):
        type_into(page, birth_date.get_by_label(label), value)
    type_into(page, page.get_by_label("Lieu de naissance"), "Villebourg")
    type_into(page, page.get_by_label("Nom et prénoms du premier parent"), "Martin Camille")
    shot(page, "step-person")
    axe(page)
    save_and_leave(page)

    # Third session: delivery, review, submission, the receipt.
    log_in(page, email)
    resume_draft(page)
    press(page, main.get_by_role("link", name="Réception du document"))
    choose_with_keys(page, "Par voie électronique : un PDF à télécharger dans « Mon espace »")
    press(page, page.get_by_role("button", name="Continuer"), "Space")
    expect(heading).to_have_text("Vérifiez vos réponses")
    expect(main).to_contain_text("5 mars 2018")
    shot(page, "review")
    axe(page)
    with paused(live_worker):
        press(page, main.get_by_role("button", name="Déposer ma demande"))
        expect(heading).to_have_text(re.compile(r"^Dossier EC-\d{4}-\d{6}$"))
        expect(main.get_by_role("status").filter(has_text="Accusé de réception en préparation")
               ).to_be_visible()
        shot(page, "submitted")
        axe(page)
    reference = heading.inner_text().removeprefix("Dossier ")
    receipt = main.get_by_role("link", name=re.compile("^Accusé de réception — "))
    reload_until(page, receipt)
    tab_to(page, receipt)
    shot(page, "receipt-ready")
    axe(page)
    assert reference in pdf_text(download(page, key="Enter"))
