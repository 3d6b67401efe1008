"""The wizard keeps what a person typed: "Previous" on a step with a mistake, then back, shows
the step as it was typed, with its error; the step for couples comes and goes with the household
answer. The demo household procedure (procedures.demo) is the double; no worker needed."""

from playwright.sync_api import expect

from tests.factories import ServiceFactory, UserFactory

from .browsing import choose, log_in


def test_previous_after_an_error_keeps_what_was_typed(page, transactional_db, axe):
    ServiceFactory(code="demo-service", name="Service de démonstration")
    user = UserFactory(first_name="Camille", last_name="Martin", email="camille@example.org")
    main = page.get_by_role("main")
    page.goto("/")
    log_in(page, user.email)
    page.goto("/demarches/demo-household/")
    main.get_by_role("button", name="Commencer").click()
    expect(main).to_contain_text("Étape 1 sur 2")  # the spouse step does not apply yet
    choose(page, "En couple")
    main.get_by_role("button", name="Continuer").click()

    expect(main).to_contain_text("Étape 2 sur 3")
    last_name = page.get_by_label("Nom du conjoint", exact=True)
    expect(last_name).to_have_value("Martin")  # prefilled from the profile
    last_name.fill("")
    page.get_by_label("Prénom du conjoint", exact=True).fill("Thomas")
    main.get_by_role("button", name="Continuer").click()
    expect(last_name).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Prénom du conjoint", exact=True).fill("Tom")  # typed again after the error
    main.get_by_role("button", name="Étape précédente").click()

    expect(page.get_by_label("En couple", exact=True)).to_be_checked()
    main.get_by_role("button", name="Continuer").click()
    expect(page.get_by_label("Prénom du conjoint", exact=True)).to_have_value("Tom")
    expect(page.get_by_label("Nom du conjoint", exact=True)).to_have_value("")
    expect(page.get_by_label("Nom du conjoint", exact=True)).to_have_attribute(
        "aria-describedby", "id_spouse_last_name_error")  # its error is back, tied to it
    expect(page.get_by_role("link", name="Indiquez « Nom du conjoint ».")
           ).to_be_visible()
    axe(page)

    # Single after all: the spouse step goes, the count with it.
    main.get_by_role("button", name="Étape précédente").click()
    choose(page, "Seul ou seule")
    main.get_by_role("button", name="Continuer").click()
    expect(main).to_contain_text("Étape 2 sur 2")
    main.get_by_role("button", name="Ajouter une ligne").click()
    page.get_by_label("Prénom", exact=True).fill("Léa")
    page.get_by_label("Année de naissance").fill("2018")
    main.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez vos réponses")
    expect(main.get_by_role("table")).to_contain_text("Léa")
    expect(main).to_contain_text("617,28\N{NARROW NO-BREAK SPACE}€")
    expect(main).not_to_contain_text("Tom")
    axe(page)
