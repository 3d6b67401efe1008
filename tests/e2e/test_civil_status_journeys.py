"""A civil-status certificate request from sign-up to the issued certificate, in the browser,
with a real Celery worker preparing the receipts, the decision and the e-mails."""

import re

import pytest
from playwright.sync_api import expect

from tests.pipeline.live import wait_for

from .browsing import (
    a_pdf,
    choose,
    download,
    fill_date,
    header,
    log_in,
    log_in_to_admin,
    log_out,
    paused,
    pdf_text,
    reload_until,
    subjects,
)
from .conftest import by_viewport
from .test_accounts_journey import fill_sign_up, verification_path

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

TITLE = "Demande d’acte d’état civil"


def resume_draft(page):
    """From any page: "Mon espace", then the draft: its review page lists the steps left."""
    header(page, "link", "Mon espace").click()
    page.get_by_role("main").get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez vos réponses")


@by_viewport
def test_a_new_citizen_files_a_request_in_three_sessions(page, live_worker, town_hall, axe,
                                                         shot):
    email = "camille.martin@example.org"
    main = page.get_by_role("main")
    heading = page.get_by_role("heading", level=1)

    # First session: sign up, confirm the address, start the request, leave after one step.
    page.goto("/")
    shot(page, "home")
    axe(page)
    header(page, "link", "Créer un compte").click()
    fill_sign_up(page, email)
    shot(page, "sign-up")
    axe(page)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(heading).to_have_text("Consultez votre messagerie")
    page.goto(verification_path(email, live_worker))
    expect(page.get_by_role("status")).to_contain_text("Votre adresse électronique est confirmée")
    shot(page, "address-confirmed")
    axe(page)
    log_in(page, email, from_header=False)

    header(page, "link", "Démarches").click()
    expect(heading).to_have_text("Démarches")
    shot(page, "catalogue")
    axe(page)
    main.get_by_role("link", name=TITLE, exact=True).click()
    expect(heading).to_have_text(TITLE)
    shot(page, "procedure")
    axe(page)
    main.get_by_role("button", name="Commencer").click()
    expect(heading).to_contain_text("Le document demandé")
    choose(page, "Acte de naissance")
    choose(page, "Extrait plurilingue")
    choose(page, "Son ascendant (parent, grand-parent…)")
    shot(page, "step-certificate")
    axe(page)
    page.get_by_role("button", name="Enregistrer et finir plus tard").click()
    expect(heading).to_have_text("Mon espace")
    expect(page.get_by_role("status")).to_contain_text("Votre brouillon est enregistré.")
    shot(page, "draft-saved")
    axe(page)
    log_out(page)

    # Second session: back through "Mon espace", the person named in the record, leave again.
    log_in(page, email)
    resume_draft(page)
    expect(main).to_contain_text("Extrait plurilingue")
    shot(page, "draft-resumed")
    axe(page)
    main.get_by_role("link", name="La personne concernée par l’acte").click()
    page.get_by_label("Nom de naissance").fill("Lefèvre Martin")
    page.get_by_label("Prénoms", exact=True).fill("Léa")
    fill_date(page, "Date de naissance", "5", "3", "2018")
    page.get_by_label("Lieu de naissance").fill("Villebourg")
    page.get_by_label("Nom et prénoms du premier parent").fill("Martin Camille")
    page.get_by_label("Nom et prénoms du second parent").fill("Lefèvre Thomas")
    shot(page, "step-person")
    axe(page)
    page.get_by_role("button", name="Enregistrer et finir plus tard").click()
    expect(page.get_by_role("status")).to_contain_text("Votre brouillon est enregistré.")
    log_out(page)

    # Third session: delivery, review, submission, then the receipt.
    log_in(page, email)
    resume_draft(page)
    expect(main).to_contain_text("Lefèvre Martin")
    main.get_by_role("link", name="Réception du document").click()
    choose(page, "Par voie électronique : un PDF à télécharger dans « Mon espace »")
    shot(page, "step-delivery")
    axe(page)
    page.get_by_role("button", name="Continuer").click()
    expect(heading).to_have_text("Vérifiez vos réponses")
    expect(main).to_contain_text("5 mars 2018")
    shot(page, "review")
    axe(page)
    preparing = main.get_by_role("status").filter(has_text="Accusé de réception en préparation")
    with paused(live_worker):
        page.get_by_role("button", name="Déposer ma demande").click()
        expect(heading).to_have_text(re.compile(r"^Dossier EC-\d{4}-\d{6}$"))
        # the message says what the page shows: the receipt is not there yet
        expect(page.get_by_role("status").filter(
            has_text="est déposée. Votre accusé de réception est en cours de préparation : il "
                     "apparaîtra sur cette page")).to_be_visible()
        expect(preparing).to_be_visible()
        shot(page, "submitted")
        axe(page)
    reference = heading.inner_text().removeprefix("Dossier ")

    receipt = main.get_by_role("link", name=re.compile("^Accusé de réception — "))
    expect(receipt).to_be_visible(timeout=30_000)  # the page updates itself, no reload
    expect(preparing).to_have_count(0)
    shot(page, "receipt-ready")
    axe(page)
    text = pdf_text(download(page, receipt))
    assert reference in text and "Demande d’acte d’état civil" in text
    wait_for(lambda: any(reference in subject for subject in subjects(live_worker)),
             message="the receipt's e-mail")

    # Withdrawing asks first, naming the case; then the page says it is withdrawn.
    main.get_by_role("link", name="Retirer ma demande").click()
    expect(heading).to_have_text("Retirer cette demande ?")
    expect(main).to_contain_text(f"dossier {reference}")
    expect(main).to_contain_text("Le retrait est définitif")
    shot(page, "withdraw-confirmation")
    axe(page)
    main.get_by_role("button", name="Retirer la demande").click()
    expect(page.get_by_role("status").filter(has_text=f"Votre demande {reference} est retirée.")
           ).to_be_visible()
    expect(main).to_contain_text("Vous l’avez retiré le")
    expect(main).not_to_contain_text("Réponse attendue")
    expect(main.get_by_role("link", name="Retirer ma demande")).to_have_count(0)
    shot(page, "withdrawn")
    axe(page)


@by_viewport
def test_an_agent_asks_for_information_then_issues_the_certificate(
        page, new_page, live_worker, file_case, registrar, axe, shot):
    case, agent, citizen = file_case(), page, new_page()
    agent_main, citizen_main = agent.get_by_role("main"), citizen.get_by_role("main")
    question = "Merci de joindre une pièce d’identité : vous demandez l’acte de votre fille."

    # The agent finds the case in the queue of the service and asks for information.
    log_in_to_admin(agent, registrar, shot=shot, axe=axe)
    services = agent_main.get_by_role("table", name="Dossiers à traiter")
    expect(services).to_contain_text("Mairie de Villebourg — état civil")
    shot(agent, "admin-home")
    axe(agent)
    services.get_by_role("link", name="Mairie de Villebourg — état civil").click()
    expect(agent_main.get_by_role("row", name=case.reference)).to_contain_text("Camille Martin")
    shot(agent, "queue")
    axe(agent)
    if agent.viewport_size["width"] >= 1280:  # every column of the queue in view, no scrolling
        columns = agent_main.locator("#result_list thead th")
        for index in range(columns.count()):
            box = columns.nth(index).bounding_box()
            assert box["x"] + box["width"] <= 1280, f"column {index} out of view"
    agent_main.get_by_role("link", name=case.reference).click()
    expect(agent.get_by_role("heading", level=1)).to_have_text(f"Dossier {case.reference}")
    shot(agent, "case")
    axe(agent)
    agent_main.get_by_role("button", name="Prendre le dossier").click()
    expect(agent.get_by_text("Le dossier vous est maintenant assigné.")).to_be_visible()
    agent_main.get_by_role("button", name="Commencer l’instruction").click()
    agent.get_by_label("Informations demandées à l’usager").fill(question)
    agent_main.get_by_role("button", name="Demander des informations").click()
    expect(agent.get_by_text("Action effectuée : Demander des informations.")).to_be_visible()
    shot(agent, "information-requested")
    axe(agent)

    # The applicant answers, with an attachment.
    citizen.goto("/")
    log_in(citizen, case.applicant.email)
    header(citizen, "link", "Mon espace").click()
    expect(citizen_main.get_by_role("row", name=case.reference)).to_contain_text("Action requise")
    shot(citizen, "my-space-action-needed")
    axe(citizen)
    citizen_main.get_by_role("link", name=case.reference).click()
    expect(citizen_main.get_by_role("heading", name="Le service a besoin d’informations "
                                                     "complémentaires")).to_be_visible()
    expect(citizen_main).to_contain_text(question)
    # The question is the service's message, with the reply form under the conversation.
    expect(citizen_main.locator(".fr-callout").filter(has_text=question)).to_contain_text(
        "Le service")
    # A message sent empty is refused; the language switch still works from that page.
    citizen_main.get_by_role("button", name="Envoyer").click()
    expect(citizen_main.get_by_role("alert")).to_be_visible()
    header(citizen, "button", "English").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(f"Case {case.reference}")
    header(citizen, "button", "Français").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(f"Dossier {case.reference}")
    citizen.get_by_label("Votre message").fill("Voici ma carte d’identité.")
    # A file that is not a PDF is refused on its field, the page as wide as the screen.
    citizen.get_by_label("Pièce jointe").set_input_files(
        {"name": "carte-identite.pdf", "mimeType": "application/pdf", "buffer": b"not a PDF"})
    citizen_main.get_by_role("button", name="Envoyer").click()
    expect(citizen.get_by_label("Pièce jointe")).to_have_attribute("aria-invalid", "true")
    expect(citizen.get_by_label("Votre message")).to_have_value("Voici ma carte d’identité.")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= (
        citizen.viewport_size["width"]), "the upload error scrolls the page sideways"
    shot(citizen, "upload-error")
    axe(citizen)
    citizen.get_by_label("Pièce jointe").set_input_files(
        {"name": "carte-identite.pdf", "mimeType": "application/pdf", "buffer": a_pdf()})
    shot(citizen, "answer")
    axe(citizen)
    citizen_main.get_by_role("button", name="Envoyer").click()
    expect(citizen.get_by_role("status").filter(has_text="Votre message est envoyé au service.")
           ).to_be_visible()
    expect(citizen_main.get_by_role("link", name="carte-identite.pdf")).to_be_visible()
    shot(citizen, "answered")
    axe(citizen)

    # The agent reads the answer and accepts; the worker issues the certificate.
    agent.reload()
    expect(agent_main).to_contain_text("Voici ma carte d’identité.")
    expect(agent_main.get_by_role("link", name="carte-identite.pdf")).to_be_visible()
    # Accepting is final: its own page names the case and asks to confirm.
    actions = agent_main.get_by_role("region", name="Actions")
    expect(actions.get_by_role("heading", level=3, name="Accepter")).to_be_visible()
    expect(actions.get_by_role("heading", level=3, name="Refuser")).to_be_visible()
    actions.get_by_role("link", name="Accepter…").click()
    expect(agent_main).to_contain_text(f"{case.reference} — {TITLE}")
    expect(agent_main).to_contain_text("Cette décision est définitive.")
    shot(agent, "accept-confirmation")
    axe(agent)
    agent_main.get_by_role("button", name="Confirmer : Accepter").click()
    expect(agent.get_by_text("Action effectuée : Accepter.")).to_be_visible()
    shot(agent, "accepted")
    axe(agent)

    # The applicant sees the decision and downloads the certificate.
    certificate = citizen_main.get_by_role("link", name=re.compile("^Décision — "))
    reload_until(citizen, certificate)
    expect(citizen_main).to_contain_text("Accepté")
    expect(citizen_main).to_contain_text("Décision rendue le")
    expect(citizen_main).not_to_contain_text("Réponse attendue")
    shot(citizen, "decision")
    axe(citizen)
    text = pdf_text(download(citizen, certificate))
    assert case.reference in text
    assert "EXTRAIT PLURILINGUE" in text and "LEFÈVRE MARTIN" in text
    wait_for(lambda: {f"Le service a besoin d’informations complémentaires pour {case.reference}",
                      f"Votre demande {case.reference} est acceptée"} <= set(subjects(live_worker)),
             message="the e-mails to the applicant")
