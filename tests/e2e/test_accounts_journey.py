"""The foundation pages as a new user goes through them, by accessible roles and labels only."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.e2e.browsing import a_pdf
from tests.factories import PASSWORD
from tests.pipeline.live import wait_for


def fill_sign_up(page, email):
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Prénom").fill("Camille")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label(re.compile("^Mot de passe")).fill(PASSWORD)
    page.get_by_label(re.compile("^Confirmation du mot de passe")).fill(PASSWORD)


def expect_check_your_email(page, email):
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")
    expect(page.get_by_role("main")).to_contain_text(email)
    assert [message.to for message in mail.outbox] == [[email]]


def verification_path(email, worker=None):
    """The link of the confirmation e-mail: sent in-process, or by `worker` when one runs."""
    if worker is None:
        (message,) = [message for message in mail.outbox if message.to == [email]]
        body = message.body
    else:
        wait_for(lambda: [m for m in worker.emails() if m["To"] == email],
                 message=f"the confirmation e-mail to {email}")
        (message,) = [m for m in worker.emails() if m["To"] == email]
        body = message.get_payload()  # Django sends text as 8bit: the payload is the text
    return re.search(r"https?://[^/\s]+(/compte/confirmer/\S+/)", body).group(1)


def test_sign_up_verify_log_in_profile_company_language_log_out(page, axe, shot):
    email = "camille.martin@example.org"
    page.goto("/")
    axe(page)
    shot(page, "home")

    page.get_by_role("banner").get_by_role("link", name="Créer un compte").click()
    expect(page).to_have_title(re.compile("^Créer un compte"))
    axe(page)
    fill_sign_up(page, email)
    # The DSFR password component: "Afficher" shows what was typed (the DSFR's script).
    password = page.get_by_label("Mot de passe", exact=True)
    expect(password).to_have_attribute("type", "password")
    page.get_by_label("Afficher — Mot de passe", exact=True).check(force=True)
    expect(password).to_have_attribute("type", "text")
    page.get_by_label("Afficher — Mot de passe", exact=True).uncheck(force=True)
    expect(password).to_have_attribute("type", "password")
    expect(page.get_by_role("main")).to_contain_text("Vos données personnelles")
    shot(page, "sign-up")
    page.get_by_role("button", name="Créer mon compte").click()
    expect_check_your_email(page, email)
    axe(page)
    shot(page, "check-your-email")

    page.goto(verification_path(email))
    expect(page.get_by_role("status")).to_have_text(
        "Votre adresse électronique est confirmée. Vous pouvez maintenant vous connecter."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter")
    axe(page)
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    shot(page, "log-in")
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url("/")
    axe(page)
    shot(page, "logged-in")

    page.get_by_role("banner").get_by_role("link", name="Mon profil").click()
    expect(page.get_by_role("main")).to_contain_text(f"Connecté en tant que {email}.")
    expect(page.get_by_label("Prénom")).to_have_value("Camille")
    axe(page)
    shot(page, "profile")
    page.get_by_label("Date de naissance").fill("1985-04-12")
    page.get_by_label("Lieu de naissance").fill("Lyon")
    page.get_by_label("Adresse postale").fill("12 rue de la République")
    page.get_by_label("Code postal").fill("69002")
    page.get_by_label("Commune").fill("Lyon")
    page.get_by_label("Téléphone").fill("06 12 34 56 78")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_have_text("Votre profil est enregistré.")
    expect(page.get_by_label("Commune")).to_have_value("Lyon")
    axe(page)
    shot(page, "profile-saved")

    page.get_by_role("link", name="Mes entreprises").click()
    expect(page.get_by_role("main")).to_contain_text("aucune entreprise")
    axe(page)
    shot(page, "companies-empty")
    page.get_by_role("link", name="Agir pour une entreprise").click()
    axe(page)
    siret = page.get_by_label("SIRET")
    siret.fill("732 829 320 00075")
    page.get_by_label("Raison sociale").fill("Boulangerie Martin")
    page.get_by_label(re.compile("^Je suis son représentant légal")).check(force=True)  # DSFR label
    kbis = {"name": "kbis.pdf", "mimeType": "application/pdf", "buffer": a_pdf()}
    page.get_by_label("Extrait Kbis ou mandat").set_input_files(kbis)
    page.get_by_role("button", name="Envoyer ma demande").click()
    summary = page.get_by_role("alert").filter(
        has=page.get_by_role("heading", name="Ce formulaire contient 1 erreur")
    )
    expect(summary).to_be_focused()
    assert summary.evaluate("element => element === document.activeElement")
    expect(summary.get_by_role("link")).to_contain_text("n’est pas un SIRET valide")
    expect(siret).to_have_attribute("aria-invalid", "true")
    expect(siret).to_have_accessible_description(
        re.compile("« 73282932000075 » n’est pas un SIRET valide")
    )
    expect(page.get_by_label("Raison sociale")).to_have_value("Boulangerie Martin")
    axe(page)
    shot(page, "company-wrong-siret")
    siret.fill("732 829 320 00074")
    page.get_by_label("Extrait Kbis ou mandat").set_input_files(kbis)  # a browser keeps no file
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Votre demande pour agir pour Boulangerie Martin est envoyée.")
    expect(page.get_by_role("main")).to_contain_text("aucune entreprise")
    row = page.get_by_role("row").filter(has_text="73282932000074")
    expect(row).to_contain_text("En cours de vérification")
    expect(row.get_by_role("link", name="kbis.pdf")).to_be_visible()
    axe(page)
    shot(page, "company-claimed")

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My companies")
    expect(page.get_by_role("button", name="Français")).to_be_visible()
    axe(page)
    shot(page, "english")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Log in")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    axe(page)
    shot(page, "logged-out")


def tab_to(page, target, limit=30):
    """Press Tab until `target` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} not reached with {limit} Tab presses")


def test_sign_up_with_the_keyboard_only(page, axe, shot):
    email = "clavier@example.org"
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Contenu")).to_be_focused()
    tab_to(page, page.get_by_role("banner").get_by_role("link", name="Créer un compte"))
    page.keyboard.press("Enter")
    page.wait_for_url("/compte/inscription/")
    tab_to(page, page.get_by_label("Adresse électronique"))  # no autofocus: Tab from the top
    for value in (email, "Camille", "Martin", PASSWORD):
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    # each password field is followed by its "Afficher" box
    expect(page.get_by_label("Afficher — Mot de passe", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    tab_to(page, page.get_by_role("button", name="Créer mon compte"))
    axe(page)
    shot(page, "sign-up")
    page.keyboard.press("Space")
    expect_check_your_email(page, email)
    axe(page)
    shot(page, "check-your-email")


def test_sign_up_on_a_narrow_screen(mobile_page, axe, shot):
    page, email = mobile_page, "mobile@example.org"
    page.goto("/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("dialog").get_by_role("link", name="Créer un compte").click()
    expect(page).to_have_title(re.compile("^Créer un compte"))
    fill_sign_up(page, email)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "horizontal scrolling"
    axe(page)
    shot(page, "sign-up")
    page.get_by_role("button", name="Créer mon compte").click()
    expect_check_your_email(page, email)
    axe(page)
    shot(page, "check-your-email")
