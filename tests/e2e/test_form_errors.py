"""A citizen leaves a step with mistakes, then sends a file the portal refuses: each error is shown
on its field and tied to it, the error summary takes the focus, nothing typed is lost.

The civil-status steps have no upload field: the refused upload is the attachment of a message on
the case page. No worker here (the receipt of the filed case is rendered in-process): this
journey also runs on SQLite."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from .browsing import choose, log_in, tab_to

TYPED = {
    "Nom de naissance": "Lefèvre Martin",
    "Lieu de naissance": "Villebourg",
    "Nom et prénoms du premier parent": "Martin Camille",
    "Nom et prénoms du second parent": "Lefèvre Thomas",
}


def error_summary(page, count):
    return page.get_by_role("alert").filter(
        has=page.get_by_role("heading", name=f"Ce formulaire contient {count} erreur"))


def test_mistakes_are_shown_on_their_fields_and_nothing_typed_is_lost(page, file_case, axe,
                                                                      shot):
    case = file_case()
    main = page.get_by_role("main")
    next_year = timezone.localdate().replace(month=1, day=1).year + 1
    future = f"{next_year}-01-01"

    page.goto("/")
    log_in(page, case.applicant.email)
    page.goto("/demarches/civil_status/")
    main.get_by_role("button", name="Commencer").click()
    choose(page, "Acte de naissance")
    choose(page, "Extrait plurilingue")
    choose(page, "Son ascendant (parent, grand-parent…)")
    page.get_by_role("button", name="Continuer").click()

    # The person step with no first names and a date of birth in the future.
    for label, value in TYPED.items():
        page.get_by_label(label).fill(value)
    birth_date = page.get_by_label("Date de naissance", exact=True)
    birth_date.fill(future)
    page.get_by_role("button", name="Continuer").click()

    summary = error_summary(page, 2)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text([
        "Prénoms : Ce champ est obligatoire.",
        "Date de naissance : Cette date ne peut pas être dans le futur.",
    ])
    first_names = page.get_by_label("Prénoms", exact=True)
    for field, error in ((first_names, "Ce champ est obligatoire."),
                         (birth_date, "Cette date ne peut pas être dans le futur.")):
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(re.escape(error)))
    expect(birth_date).to_have_value(future)
    for label, value in TYPED.items():
        expect(page.get_by_label(label)).to_have_value(value)
        expect(page.get_by_label(label)).not_to_have_attribute("aria-invalid", "true")
    shot(page, "person-errors")
    axe(page)

    # From the summary to the field, by keyboard; corrected, the step goes through.
    tab_to(page, summary.get_by_role("link", name=re.compile("^Prénoms")))
    page.keyboard.press("Enter")
    expect(first_names).to_be_focused()
    page.keyboard.type("Léa")
    birth_date.fill("2018-03-05")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Réception du document")

    # A file whose content is not what its name says, attached to a message on a filed case.
    page.goto(f"/dossiers/{case.public_id}/")
    message = "Voici le livret de famille, page des enfants."
    page.get_by_label("Votre message").fill(message)
    attachment = page.get_by_label("Pièce jointe")
    attachment.set_input_files(
        {"name": "livret.pdf", "mimeType": "application/pdf", "buffer": b"Not a PDF at all."})
    main.get_by_role("button", name="Envoyer").click()

    summary = error_summary(page, 1)
    expect(summary).to_be_focused()
    refusal = ("Le contenu de ce fichier ne correspond pas à son extension .pdf. "
               "Formats acceptés : JPEG, JPG, PDF, PNG.")
    expect(summary.get_by_role("link")).to_have_text(f"Pièce jointe : {refusal}")
    expect(attachment).to_have_attribute("aria-invalid", "true")
    expect(attachment).to_have_accessible_description(re.compile(re.escape(refusal)))
    expect(page.get_by_label("Votre message")).to_have_value(message)
    expect(main).to_contain_text("Aucun message pour l’instant.")
    shot(page, "upload-refused")
    axe(page)
