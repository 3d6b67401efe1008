"""A company files the aid through the pages; one request per company and scheme; a closed
scheme leaves the catalogue and refuses the drafts opened before."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from accounts.models import Company
from procedures import workflow
from procedures.constants import CaseStatus, DelayUnit
from procedures.errors import IncompleteCase
from procedures.models import Case
from procedures.registry import registry
from tests.second_factor import log_in

from .conftest import BANK, FIGURES, SIRET

pytestmark = pytest.mark.usefixtures("french")


def step_url(case, name):
    return reverse("procedures:step", args=[case.public_id, name])


def test_declared_for_companies_within_5_working_days():
    procedure = registry["crisis_aid"]
    assert (procedure.audience, procedure.delay, procedure.delay_unit, procedure.service_code) \
        == ("company", 5, DelayUnit.WORKING_DAYS, "guichet-aides")


def test_a_company_files_the_aid_through_the_pages(client, representative, company,
                                                    march_2020, aid_desk):
    log_in(client, representative)
    client.post(reverse("procedures:start", args=["crisis_aid"]), {"company": company.pk})
    case = Case.objects.get()
    assert case.company == company

    html = client.get(step_url(case, "company")).content.decode()
    assert f'value="{SIRET}"' in html and "disabled" in html  # from the profile
    response = client.post(step_url(case, "company"), {
        "siret": "00000000000000",  # a disabled field: what is posted is ignored
        "legal_form": "sarl", "naf_code": "1071c", "employees": "4"})
    assert response["Location"] == step_url(case, "scheme")
    case.refresh_from_db()
    assert case.answers["company"] == {"siret": SIRET, "name": "Boulangerie Benali SARL",
                                       "legal_form": "sarl", "naf_code": "10.71C",
                                       "employees": 4}

    html = client.get(step_url(case, "scheme")).content.decode()
    assert "Fonds de solidarité — mars 2020" in html and "checked" in html  # the open one
    client.post(step_url(case, "scheme"), {"scheme": str(march_2020.pk)})
    html = client.get(step_url(case, "figures")).content.decode()
    assert "Chiffre d’affaires de mars 2020 (€)" in html
    assert "Le chiffre d’affaires de mars 2019" in html
    response = client.post(step_url(case, "figures"), {**FIGURES, "reference_turnover": "0",
                                                       "administrative_closure": ""})
    assert "Le chiffre d’affaires de référence est absent ou nul" in response.content.decode()
    client.post(step_url(case, "figures"), {**FIGURES, "administrative_closure": ""})
    html = client.get(step_url(case, "bank")).content.decode()
    assert 'value="Boulangerie Benali SARL"' in html  # the holder: the company
    client.post(step_url(case, "bank"), {**BANK, "iban": "fr7630006000011234567890189"})
    client.post(step_url(case, "statement"), {"sworn": "on"})

    review = reverse("procedures:review", args=[case.public_id])
    html = client.get(review).content.decode()
    assert "16\N{NARROW NO-BREAK SPACE}500\N{NARROW NO-BREAK SPACE}€" in html  # the loss
    assert "1\N{NARROW NO-BREAK SPACE}500\N{NARROW NO-BREAK SPACE}€" in html  # the aid, capped
    assert "FR76 3000 6000 0112 3456 7890 189" in html

    response = client.post(review)
    assert response["Location"] == reverse("procedures:case", args=[case.public_id])
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED and case.reference.startswith("FS-")
    assert case.computed == {
        "scheme": march_2020.pk, "scheme_name": "Fonds de solidarité — mars 2020",
        "eligible": True, "reasons": [], "loss": "16500.00", "aid": "1500.00", "flags": []}


def test_the_next_request_is_prefilled_from_the_last(client, draft, representative,
                                                     march_2020):
    workflow.submit(draft().pk, representative)
    march_2020.pk, march_2020.name = None, "Fonds de solidarité — avril 2020"
    march_2020.save()  # the April version
    log_in(client, representative)
    client.post(reverse("procedures:start", args=["crisis_aid"]),
                {"company": Company.objects.represented_by(representative).get().pk})
    case = Case.objects.get(status=CaseStatus.DRAFT)
    html = client.get(step_url(case, "company")).content.decode()
    assert 'value="10.71C"' in html and 'value="4"' in html
    html = client.get(step_url(case, "bank")).content.decode()
    assert 'value="FR76 3000 6000 0112 3456 7890 189"' in html


def test_an_ineligible_request_is_filed_with_its_reasons(draft, representative):
    case = workflow.submit(draft(company={**draft().answers["company"], "employees": 14}).pk,
                           representative)
    assert not case.computed["eligible"]
    assert case.computed["reasons"] == [
        "L’entreprise compte 14 salariés : le fonds est réservé aux entreprises de 10 salariés "
        "au plus."]


def test_a_second_request_of_the_company_is_refused_with_a_link_to_the_first(
        client, draft, representative):
    first = workflow.submit(draft().pk, representative)
    second = draft()
    log_in(client, representative)
    response = client.post(reverse("procedures:review", args=[second.public_id]))
    refused = ("Votre entreprise a déjà déposé une demande pour cette aide : "
               f"{first.reference}. Il n’y a qu’une demande par entreprise et par dispositif.")
    link = (f'<a href="{reverse("procedures:case", args=[first.public_id])}">'
            f"Suivre la demande {first.reference}</a>")
    html = response.content.decode()
    # the summary's entry links to the step; the first request's link comes after it
    assert f"Quelle aide demandez-vous ? : {refused}</a> {link}</li>" in html
    second.refresh_from_db()
    assert second.status == CaseStatus.DRAFT
    # and on the step itself, before the review: in its error summary and under the field
    html = client.post(step_url(second, "scheme"), second.answers["scheme"]).content.decode()
    assert f"Quelle aide demandez-vous ? : {refused}</a> {link}</li>" in html
    assert f'<p class="fr-message">{link}</p>' in html


def test_a_withdrawn_request_does_not_count(draft, representative):
    first = workflow.submit(draft().pk, representative)
    workflow.withdraw(first.pk, representative)
    assert workflow.submit(draft().pk, representative).status == CaseStatus.SUBMITTED


def test_the_database_holds_one_request_per_company_and_scheme(draft, representative,
                                                               march_2020):
    first = workflow.submit(draft().pk, representative)
    second = draft()
    second.status, second.reference, second.submitted_at = (
        CaseStatus.SUBMITTED, "FS-2026-999999", first.submitted_at)
    second.status_kind, second.computed = first.status_kind, {"scheme": march_2020.pk}
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_closed_scheme_leaves_the_catalogue_and_refuses_the_drafts(client, draft,
                                                                     representative,
                                                                     march_2020):
    opened_before = draft()
    catalogue = reverse("procedures:catalogue")
    assert "Fonds de solidarité — mars 2020" in client.get(catalogue).content.decode()

    march_2020.is_open = False
    march_2020.save()
    html = client.get(catalogue).content.decode()
    assert "Fonds de solidarité" not in html
    with pytest.raises(IncompleteCase) as refused:
        workflow.submit(opened_before.pk, representative)
    assert refused.value.errors["scheme"] == [
        "Quelle aide demandez-vous ? : Le dispositif « Fonds de solidarité — mars 2020 » est "
        "clos : il n’accepte plus de demandes. Si un autre dispositif est ouvert, "
        "choisissez-le."]

    march_2020.pk, march_2020.name, march_2020.is_open = None, "Fonds — avril 2020", True
    march_2020.save()  # a new version, created in the admin: open at once
    assert "Fonds — avril 2020" in client.get(catalogue).content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_of_one_company_file_one_request(draft, representative):
    drafts = [draft() for _ in range(20)]
    barrier = threading.Barrier(len(drafts))
    outcomes = []

    def submit(case):
        try:
            barrier.wait()
            workflow.submit(case.pk, representative)
            outcomes.append("filed")
        except IncompleteCase as refused:
            outcomes.append(str(refused.errors["scheme"][0]))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(case,)) for case in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    filed = Case.objects.exclude(status=CaseStatus.DRAFT).get()
    assert outcomes.count("filed") == 1
    assert sorted(outcomes)[:19] == [
        f"Quelle aide demandez-vous ? : Votre entreprise a déjà déposé une demande pour cette "
        f"aide : {filed.reference}. Il n’y a qu’une demande par entreprise et par "
        "dispositif."] * 19
