"""The whole story through the pages: a citizen files a return and sees the estimate before
sending it; the tax office corrects an income and confirms; the assessment summary PDF."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from procedures import workflow
from procedures.calendar import due_date
from procedures.constants import CaseStatus, DelayUnit, DocumentKind
from procedures.models import Case, CaseEvent
from tests.second_factor import log_in

from .conftest import CHILDREN, COUPLE_WITH_THREE_CHILDREN, SINGLE, SPOUSE


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def step_url(case, name):
    return reverse("procedures:step", args=[case.public_id, name])


def review_url(case):
    return reverse("procedures:review", args=[case.public_id])


def rows(prefix, given):
    data = {f"{prefix}-TOTAL_FORMS": str(len(given)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "20"}
    for index, row in enumerate(given):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def household_post(household):
    data = {name: value for name, value in household.items() if name != "single_parent"}
    if household.get("single_parent"):
        data["single_parent"] = "on"
    return data


def start(client, citizen):
    log_in(client, citizen)
    response = client.post(reverse("procedures:start", args=["tax_filing"]))
    case = Case.objects.get(applicant=citizen, status=CaseStatus.DRAFT)
    assert response["Location"] == step_url(case, "year")
    return case


def test_a_couple_with_three_children_files_and_sees_the_estimate(
        client, citizen, tax_office, django_capture_on_commit_callbacks):
    case = start(client, citizen)
    response = client.post(step_url(case, "year"), {"income_year": "2024"})
    assert response["Location"] == step_url(case, "household")
    html = client.get(step_url(case, "household")).content.decode()
    assert 'value="Martin"' in html and 'name="birth_date_2" value="1988"' in html  # prefilled

    answers = COUPLE_WITH_THREE_CHILDREN
    response = client.post(step_url(case, "household"), household_post(answers["household"]))
    assert response["Location"] == step_url(case, "spouse")  # a couple: the spouse step
    response = client.post(step_url(case, "spouse"), SPOUSE)
    assert response["Location"] == step_url(case, "children")
    response = client.post(step_url(case, "children"), rows("children", CHILDREN))
    assert response["Location"] == step_url(case, "incomes")
    html = client.get(step_url(case, "incomes")).content.decode()
    assert 'name="spouse_salaries"' in html
    response = client.post(step_url(case, "incomes"), answers["incomes"])
    assert response["Location"] == review_url(case)

    # The estimate, line by line, before sending ([H] in test_estimate.py: 4 shares, net 1 641)
    html = client.get(review_url(case)).content.decode()
    for line in ("Nombre de parts", "4", "Décote", "501\u202f€", "Impôt net", "1\u202f641\u202f€",
                 "Taux marginal d’imposition", "11\xa0%", "Inès"):
        assert line in html, line

    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url(case))
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED and case.reference.startswith("IR-")
    assert case.answers == answers
    assert case.computed["net_tax"] == "1641"
    assert case.due_at == due_date(timezone.localdate(case.submitted_at), 30,
                                   DelayUnit.CALENDAR_DAYS)

    receipt = case.documents.get(kind=DocumentKind.RECEIPT)
    text = pdf_text(client, receipt)
    for line in ("Nombre de parts", "Plafonnement du quotient familial", "non appliqué",
                 "Impôt net", "1 641 €", "Taux marginal d’imposition"):
        assert line in text.replace("\u202f", " ").replace("\xa0", " "), line


def test_a_single_person_skips_the_spouse_step_and_its_earlier_answers_are_dropped(
        client, citizen, tax_office):
    case = start(client, citizen)
    client.post(step_url(case, "year"), {"income_year": "2024"})
    # First declared as married, with the spouse given…
    client.post(step_url(case, "household"),
                household_post(COUPLE_WITH_THREE_CHILDREN["household"]))
    client.post(step_url(case, "spouse"), SPOUSE)
    # … then corrected to single: the spouse step is skipped.
    response = client.post(step_url(case, "household"), household_post(SINGLE["household"]))
    assert response["Location"] == step_url(case, "children")
    response = client.post(step_url(case, "children"), rows("children", []))  # none is fine
    assert response["Location"] == step_url(case, "incomes")
    html = client.get(step_url(case, "incomes")).content.decode()
    assert 'name="spouse_salaries"' not in html
    client.post(step_url(case, "incomes"), SINGLE["incomes"])

    html = client.get(review_url(case)).content.decode()
    assert "Lefèvre" not in html and "Votre conjoint ou partenaire" not in html
    assert "1\u202f875\u202f€" in html  # [H] in test_estimate.py

    client.post(review_url(case))
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert "spouse" not in case.answers
    assert case.answers == SINGLE


def test_last_years_return_prefills_the_household(client, citizen, tax_office):
    last_year = Case.objects.create(procedure="tax_filing", applicant=citizen,
                                    service=tax_office,
                                    answers={**COUPLE_WITH_THREE_CHILDREN,
                                             "year": {"income_year": 2023}})
    workflow.submit(last_year.pk, citizen)
    case = start(client, citizen)
    client.post(step_url(case, "year"), {"income_year": "2024"})
    html = client.get(step_url(case, "household")).content.decode()
    assert 'value="married" checked' in html
    client.post(step_url(case, "household"),
                household_post(COUPLE_WITH_THREE_CHILDREN["household"]))  # confirmed as shown
    html = client.get(step_url(case, "spouse")).content.decode()
    assert 'value="Thomas"' in html
    html = client.get(step_url(case, "children")).content.decode()
    assert 'value="Inès"' in html and '-birth_date_2" value="2023"' in html


def transition(name, version, text=None, **data):
    posted = {"operation": "transition", "transition": name, f"{name}-version": version}
    if text is not None:
        posted[f"{name}-text"] = text
    posted.update({f"{name}-data-{field}": value for field, value in data.items()})
    return posted


def test_the_tax_office_corrects_an_income_and_confirms(client, citizen, tax_office,
                                                        tax_agent,
                                                        django_capture_on_commit_callbacks):
    case = Case.objects.create(procedure="tax_filing", applicant=citizen, service=tax_office,
                               answers={**SINGLE, "incomes": dict(SINGLE["incomes"])})
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(case.pk, citizen)
        workflow.start_review(case.pk, tax_agent)
    case.refresh_from_db()

    log_in(client, tax_agent)
    case_page = reverse("admin:procedures_case_change", args=[case.pk])
    note = "Votre employeur a déclaré 36 000 € de salaires (attestation annuelle)."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(case_page, transition(
            "correct_income", case.version, note, member="declarant", kind="salaries",
            amount="36000"))
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    assert case.answers["incomes"]["declarant_salaries"] == 36000
    assert case.computed["net_tax"] == "2885"  # [H] in test_estimate.py
    event = CaseEvent.objects.filter(case=case).latest("pk")
    assert (event.kind, event.text, event.data) == ("correct_income", note, {
        "member": "declarant", "kind": "salaries", "amount": 36000})
    html = client.get(case_page).content.decode()
    assert "32\u202f000\u202f€ → 36\u202f000\u202f€" in html
    assert "1\u202f875\u202f€ → 2\u202f885\u202f€" in html

    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept(case.pk, tax_agent)
    decision = case.documents.get(kind=DocumentKind.DECISION)
    log_in(client, citizen)
    text = pdf_text(client, decision).replace("\u202f", " ").replace("\xa0", " ")
    for expected in ("Avis de situation", "Revenus de 2024", "Revenu net imposable",
                     "32 400 €", "Impôt net", "2 885 €", "Corrections du service des impôts",
                     "32 000 € → 36 000 €", "Taux marginal d’imposition", "30 %"):
        assert expected in text, expected


def pdf_text(client, document):
    response = client.get(reverse("procedures:document", args=[document.public_id]))
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in pdf.pages)
