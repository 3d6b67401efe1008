"""A citizen leaves a step with mistakes, then sends a file the portal refuses: each error is shown
on its field and tied to it, the error summary takes the focus, nothing typed is lost.

The civil-status steps have no upload field: the refused upload is the attachment of a message on
the case page. No worker here (the receipt of the filed case is rendered in-process): this
journey also runs on SQLite."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from .browsing import choose, fill_date, log_in, tab_to

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
    birth_date = page.get_by_role("group", name=re.compile("^Date de naissance"))
    fill_date(page, "Date de naissance", "1", "1", str(next_year))
    page.get_by_role("button", name="Continuer").click()

    summary = error_summary(page, 2)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text([
        "Indiquez les prénoms.",
        "Date de naissance : Cette date ne peut pas être dans le futur.",
    ])
    first_names = page.get_by_label("Prénoms", exact=True)
    expect(first_names).to_have_attribute("aria-invalid", "true")
    expect(first_names).to_have_accessible_description("Indiquez les prénoms.")
    expect(birth_date).to_have_accessible_name(
        re.compile("Cette date ne peut pas être dans le futur."))
    expect(birth_date.get_by_label("Année")).to_have_attribute("aria-invalid", "true")
    expect(birth_date.get_by_label("Année")).to_have_value(str(next_year))
    for label, value in TYPED.items():
        expect(page.get_by_label(label)).to_have_value(value)
        expect(page.get_by_label(label)).not_to_have_attribute("aria-invalid", "true")
    shot(page, "person-errors")
    axe(page)

    # From the summary to the field, by keyboard; corrected, the step goes through.
    tab_to(page, summary.get_by_role("link", name="Indiquez les prénoms."))
    page.keyboard.press("Enter")
    expect(first_names).to_be_focused()
    page.keyboard.type("Léa")
    fill_date(page, "Date de naissance", "5", "3", "2018")
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
    refusal = ("Ce fichier n’est pas un vrai PDF : son nom se termine par .pdf, mais son contenu "
               "est d’un autre type. Enregistrez-le ou exportez-le en PDF, puis ajoutez-le de "
               "nouveau.")
    expect(summary.get_by_role("link")).to_have_text(f"Pièce jointe : {refusal}")
    expect(attachment).to_have_attribute("aria-invalid", "true")
    expect(attachment).to_have_accessible_description(re.compile(re.escape(refusal)))
    expect(page.get_by_label("Votre message")).to_have_value(message)
    expect(main).to_contain_text("Aucun message pour l’instant.")
    shot(page, "upload-refused")
    axe(page)
