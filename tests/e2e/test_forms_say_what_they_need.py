"""Forms that say what they need: the postal address appears (and is asked) only for delivery
by post, a field left empty says what to enter, the date of birth is three fields in one group
with its error tied to the group, the stepper counts the steps it names, and a refused upload
says why in plain words with its size in Mo. No worker here: this journey also runs on
SQLite."""

import re

from playwright.sync_api import expect

from procedures.models import Case
from tests.civil_status.conftest import CERTIFICATE, PERSON

from .browsing import choose, fill_date, log_in

BY_POST = "Par courrier, à une adresse postale"
ELECTRONIC = "Par voie électronique : un PDF à télécharger dans « Mon espace »"
ADDRESS = ("Adresse postale", "Code postal", "Commune (et pays si à l’étranger)")


def error_summary(page, count):
    return page.get_by_role("alert").filter(
        has=page.get_by_role("heading", name=re.compile(f"contient {count} erreur")))


def test_the_address_is_asked_only_for_delivery_by_post(page, file_case, town_hall, axe, shot):
    citizen = file_case().applicant
    draft = Case.objects.create(procedure="civil_status", applicant=citizen, service=town_hall,
                                answers={"certificate": CERTIFICATE, "person": PERSON})
    page.goto("/")
    log_in(page, citizen.email)
    page.goto(f"/dossiers/{draft.public_id}/etape/delivery/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Étape 3 sur 3")
    expect(main.locator(".fr-stepper__steps")).to_have_attribute("data-fr-steps", "3")
    for label in ADDRESS:
        expect(page.get_by_label(label, exact=True)).to_be_hidden()

    choose(page, BY_POST)
    for label in ADDRESS:
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    expect(main).not_to_contain_text("(facultatif)")
    page.get_by_label("Adresse postale", exact=True).fill("")
    page.get_by_label("Code postal").fill("")
    page.get_by_label("Commune (et pays si à l’étranger)").fill("Lyon")
    page.get_by_role("button", name="Continuer").click()

    summary = error_summary(page, 2)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text([
        "Indiquez l’adresse postale.",
        "Indiquez le code postal.",
    ])
    address = page.get_by_label("Adresse postale", exact=True)
    expect(address).to_be_visible()  # delivery by post is still chosen: the fields stay shown
    expect(address).to_have_accessible_description(re.compile("Indiquez l’adresse postale."))
    expect(page.get_by_label("Commune (et pays si à l’étranger)")).to_have_value("Lyon")
    shot(page, "address-errors")
    axe(page)

    choose(page, ELECTRONIC)
    for label in ADDRESS:
        expect(page.get_by_label(label, exact=True)).to_be_hidden()
    shot(page, "electronic")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez vos réponses")
    draft.refresh_from_db()
    assert draft.answers["delivery"] == {"method": "electronic", "address": "",
                                         "postal_code": "", "city": ""}


def test_a_missing_field_says_what_to_enter_and_the_birth_date_is_three_fields(
        page, file_case, town_hall, axe, shot):
    citizen = file_case().applicant
    draft = Case.objects.create(procedure="civil_status", applicant=citizen, service=town_hall,
                                answers={"certificate": CERTIFICATE})
    page.goto("/")
    log_in(page, citizen.email)
    page.goto(f"/dossiers/{draft.public_id}/etape/person/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Étape 2 sur 3")
    birth_date = page.get_by_role("group", name=re.compile("^Date de naissance"))
    expect(birth_date).to_contain_text("Par exemple : 14 7 1990")
    page.get_by_label("Nom de naissance").fill("Lefèvre Martin")
    fill_date(page, "Date de naissance", "5", "3", "")
    page.get_by_role("button", name="Continuer").click()

    summary = error_summary(page, 4)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text([
        "Indiquez les prénoms.",
        "Date de naissance : Indiquez aussi l’année.",
        "Indiquez le lieu de naissance.",
        "Indiquez le nom et les prénoms du premier parent.",
    ])
    expect(page.get_by_label("Prénoms", exact=True)).to_have_accessible_description(
        "Indiquez les prénoms.")
    # The error belongs to the group of the three fields, which keep what was typed.
    expect(birth_date).to_have_accessible_name(re.compile("Indiquez aussi l’année."))
    expect(birth_date.get_by_label("Jour")).to_have_value("5")
    expect(birth_date.get_by_label("Mois")).to_have_value("3")
    expect(birth_date.get_by_label("Année")).to_have_attribute("aria-invalid", "true")
    shot(page, "person-errors")
    axe(page)

    summary.get_by_role("link", name=re.compile("^Date de naissance")).focus()
    page.keyboard.press("Enter")
    expect(birth_date.get_by_label("Jour")).to_be_focused()
    fill_date(page, "Date de naissance", "5", "3", "2018")
    page.get_by_label("Prénoms", exact=True).fill("Léa")
    page.get_by_label("Lieu de naissance").fill("Villebourg")
    page.get_by_label("Nom et prénoms du premier parent").fill("Martin Camille")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Réception du document")
    draft.refresh_from_db()
    assert draft.answers["person"]["birth_date"] == "2018-03-05"


def test_a_file_too_large_is_refused_in_plain_words_with_its_size_in_mo(page, file_case, axe):
    case = file_case()
    page.goto("/")
    log_in(page, case.applicant.email)
    page.goto(f"/dossiers/{case.public_id}/")
    attachment = page.get_by_label("Pièce jointe")
    expect(attachment).to_have_accessible_description(re.compile("5\xa0Mo au maximum"))
    page.get_by_label("Votre message").fill("Voici le livret de famille.")
    attachment.set_input_files({"name": "livret.pdf", "mimeType": "application/pdf",
                                "buffer": b"%PDF-1.4\n" + b"0" * (11 * 512 * 1024 - 9)})
    page.get_by_role("main").get_by_role("button", name="Envoyer").click()

    refusal = ("Ce fichier pèse 5,5\xa0Mo : la limite est de 5\xa0Mo. Réduisez-le (numérisez-le en "
               "plus basse résolution, ou compressez-le), puis ajoutez-le de nouveau.")
    expect(error_summary(page, 1).get_by_role("link")).to_have_text(f"Pièce jointe : {refusal}")
    expect(attachment).to_have_accessible_description(re.compile(re.escape(refusal)))
    expect(page.get_by_label("Votre message")).to_have_value("Voici le livret de famille.")
    axe(page)
