"""The quality pages in the browser: the case page's invitations, the questionnaire with its
errors, the complaint form, the suggestion box and the public indicators — axe finds nothing on
any of them, on a desktop and at 320 px."""

from playwright.sync_api import expect

from procedures import workflow
from quality import indicators
from quality.models import Satisfaction

from .browsing import log_in
from .conftest import by_viewport


@by_viewport
def test_the_applicant_gives_an_opinion_and_complains(page, file_case, registrar, axe, shot):
    case = file_case()
    main = page.get_by_role("main")
    page.goto("/")
    log_in(page, case.applicant.email)

    page.goto(f"/dossiers/{case.public_id}/")
    expect(main.get_by_role("heading", name="Si le service ne répond pas à temps")).to_be_visible()
    axe(page)
    shot(page, "open-case")

    workflow.start_review(case.pk, registrar)
    workflow.accept(case.pk, registrar)
    page.reload()
    main.get_by_role("link", name="Je donne mon avis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Donner votre avis")
    axe(page)
    main.get_by_role("button", name="Envoyer mon avis").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    axe(page)
    shot(page, "questionnaire-errors")
    main.get_by_role("group", name="Dans l’ensemble").get_by_label("Bien").check(force=True)
    main.get_by_role("group", name="Les informations").get_by_label("4 — claires").check(force=True)
    main.get_by_label("Par téléphone").check(force=True)
    main.get_by_role("group", name="Cette aide").get_by_label("Oui").check(force=True)
    main.get_by_role("button", name="Envoyer mon avis").click()
    expect(main.get_by_text("Merci : votre avis est enregistré.")).to_be_visible()
    assert Satisfaction.objects.get(case=case).how_it_went == 10

    main.get_by_role("link", name="Faire une réclamation sur ce dossier").click()
    axe(page)
    main.get_by_label("Je conteste la décision").check(force=True)
    main.get_by_label("Votre réclamation").fill("Le certificat comporte une erreur de date.")
    main.get_by_role("button", name="Envoyer ma réclamation").click()
    expect(main.get_by_text("Le certificat comporte une erreur de date.")).to_be_visible()
    axe(page)
    shot(page, "decided-case")


@by_viewport
def test_the_public_indicators_and_the_suggestion_box(page, file_case, registrar, axe, shot):
    case = file_case()
    workflow.start_review(case.pk, registrar)
    workflow.accept(case.pk, registrar)
    for month in indicators.last_months()[-2:]:
        indicators.refresh(month, ["civil_status"])
    main = page.get_by_role("main")

    page.goto("/indicateurs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Résultats de qualité")
    expect(main.get_by_role("table").first).to_be_visible()
    axe(page)
    shot(page, "guichet")
    main.get_by_role("link", name="Acte d’état civil").first.click()
    expect(main.get_by_role("cell", name="100 % (1)")).to_be_visible()
    axe(page)
    shot(page, "procedure")

    page.goto("/demarches/civil_status/")
    expect(main.get_by_role("heading", name="Votre avis compte")).to_be_visible()
    axe(page)
    page.goto("/")
    log_in(page, case.applicant.email)
    page.goto("/demarches/civil_status/")
    main.get_by_label("Votre suggestion").fill("Proposer la copie intégrale par courriel.")
    main.get_by_role("button", name="Envoyer ma suggestion").click()
    expect(main.get_by_text("Merci : votre suggestion est transmise au service.")).to_be_visible()
    axe(page)
    shot(page, "suggestion-sent")
