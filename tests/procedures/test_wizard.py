import pytest
from django.urls import reverse

from procedures.constants import CaseStatus
from procedures.models import Case, CaseEvent
from tests.factories import UserFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

IDENTITY = {"first_name": "Camille", "last_name": "Martin", "birth_date": "1988-04-12"}
REQUEST = {"topic": "noise", "details": "Travaux la nuit."}


def _step(case, name):
    return reverse("procedures:step", args=[case.public_id, name])


def test_the_whole_journey_with_a_pause_on_another_device(client, demo_service):
    user = UserFactory(first_name="Camille", last_name="Martin")
    log_in(client, user)
    response = client.post(reverse("procedures:start", args=["demo"]))
    case = Case.objects.get()
    assert response["Location"] == _step(case, "identity")
    prefilled = client.get(_step(case, "identity")).content.decode()
    assert 'value="Camille"' in prefilled  # from the profile

    response = client.post(_step(case, "identity"), {**IDENTITY, "_leave": "1"})
    assert response["Location"] == reverse("procedures:my_space")

    other_device = client.__class__()
    log_in(other_device, user)
    space = other_device.get(reverse("procedures:my_space")).content.decode()
    assert reverse("procedures:review", args=[case.public_id]) in space
    review = other_device.get(reverse("procedures:review", args=[case.public_id])).content.decode()
    assert "Martin" in review and _step(case, "request") in review  # the missing step

    response = other_device.post(_step(case, "request"), REQUEST)
    assert response["Location"] == reverse("procedures:review", args=[case.public_id])
    review = other_device.get(response["Location"]).content.decode()
    assert "Noise complaint" in review or "Nuisances sonores" in review
    assert "Travaux la nuit." in review

    response = other_device.post(reverse("procedures:review", args=[case.public_id]))
    assert response["Location"] == reverse("procedures:case", args=[case.public_id])
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED and case.reference.startswith("DM-2026-")
    page = other_device.get(response["Location"]).content.decode()
    assert case.reference in page
    # no worker in this test: the receipt is not there, and the page says so, not "download it"
    assert "Votre accusé de réception est en cours de préparation : il apparaîtra" in page


def test_invalid_step_shows_errors_on_fields_and_keeps_everything(client, demo_service):
    user = UserFactory()
    log_in(client, user)
    client.post(reverse("procedures:start", args=["demo"]))
    case = Case.objects.get()
    client.post(_step(case, "identity"), IDENTITY)
    response = client.post(_step(case, "request"),
                           {"topic": "", "details": "Gardé <b>tel quel</b>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert 'aria-describedby="id_topic_error"' in html
    assert "Gardé &lt;b&gt;tel quel&lt;/b&gt;" in html
    case.refresh_from_db()
    assert case.answers["identity"]["last_name"] == "Martin"  # the other step is untouched
    assert "request" not in case.answers


def test_future_birth_date_is_refused_on_its_field(client, demo_service):
    log_in(client, UserFactory())
    client.post(reverse("procedures:start", args=["demo"]))
    case = Case.objects.get()
    html = client.post(_step(case, "identity"), {**IDENTITY, "birth_date": "2999-01-01"}
                       ).content.decode()
    assert 'id="id_birth_date_error"' in html and 'value="2999-01-01"' in html


def test_previous_keeps_the_answers(client, demo_service):
    log_in(client, UserFactory())
    client.post(reverse("procedures:start", args=["demo"]))
    case = Case.objects.get()
    client.post(_step(case, "identity"), IDENTITY)
    response = client.post(_step(case, "request"), {**REQUEST, "_previous": "1"})
    assert response["Location"] == _step(case, "identity")
    back = client.get(_step(case, "request")).content.decode()
    assert "Travaux la nuit." in back


def test_replayed_submit_makes_one_case_and_one_event(client, demo_service):
    log_in(client, UserFactory())
    client.post(reverse("procedures:start", args=["demo"]))
    case = Case.objects.get()
    client.post(_step(case, "identity"), IDENTITY)
    client.post(_step(case, "request"), REQUEST)
    for _ in range(3):
        response = client.post(reverse("procedures:review", args=[case.public_id]))
        assert response.status_code == 302
    assert Case.objects.count() == 1
    assert CaseEvent.objects.filter(kind="submit").count() == 1


def test_discarded_draft_disappears(client, demo_service):
    user = UserFactory()
    log_in(client, user)
    client.post(reverse("procedures:start", args=["demo"]))
    case = Case.objects.get()
    client.post(reverse("procedures:discard", args=[case.public_id]))
    assert client.get(_step(case, "identity")).status_code == 404
    assert reverse("procedures:review", args=[case.public_id]) not in client.get(
        reverse("procedures:my_space")).content.decode()


def test_catalogue_search_and_procedure_page(client, demo_service):
    from procedures.registry import registry

    listed = [p for p in registry if p.listed]
    page = client.get(reverse("procedures:catalogue"), {"q": "zzz-introuvable"}).content.decode()
    assert "0 démarche" in page
    for procedure in listed:
        assert procedure.slug in client.get(reverse("procedures:catalogue")).content.decode()
    page = client.get(reverse("procedures:procedure", args=["demo"])).content.decode()
    assert "10" in page
    assert client.get(reverse("procedures:procedure", args=["nope"])).status_code == 404


def test_a_company_procedure_asks_which_company_files_it(client, demo_service):
    from tests.factories import CompanyFactory

    user = UserFactory()
    log_in(client, user)
    response = client.post(reverse("procedures:start", args=["demo-company"]))
    assert response["Location"] == reverse("accounts:company_add")  # no company yet

    mine = CompanyFactory(represented_by=user)
    theirs = CompanyFactory(siret="35600000000048", name="Autre")
    page = client.get(reverse("procedures:start", args=["demo-company"])).content.decode()
    assert mine.name in page and "Autre" not in page
    refused = client.post(reverse("procedures:start", args=["demo-company"]),
                          {"company": theirs.pk})
    assert refused.status_code == 200 and not Case.objects.exists()
    client.post(reverse("procedures:start", args=["demo-company"]), {"company": mine.pk})
    assert Case.objects.get().company == mine


def test_a_procedure_whose_service_is_missing_is_not_open(client):
    log_in(client, UserFactory())
    response = client.post(reverse("procedures:start", args=["demo"]), follow=True)
    assert "pas encore ouverte" in response.content.decode()
    assert not Case.objects.exists()


def test_a_draft_is_deleted_from_my_space_after_a_confirmation_naming_it(client, demo_service):
    user = UserFactory()
    log_in(client, user)
    client.post(reverse("procedures:start", args=["demo"]))
    case = Case.objects.get()
    discard = reverse("procedures:discard", args=[case.public_id])
    assert discard in client.get(reverse("procedures:my_space")).content.decode()
    page = client.get(discard).content.decode()
    assert "Supprimer ce brouillon ?" in page and "Demande de démonstration" in page
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT  # showing the page deletes nothing
    response = client.post(discard)
    assert response["Location"] == reverse("procedures:my_space")
    case.refresh_from_db()
    assert case.status == CaseStatus.DISCARDED
    assert case.events.get().kind == "discard"


def test_the_message_after_submitting_offers_the_receipt_once_it_is_there(demo_service):
    from procedures.constants import DocumentKind
    from procedures.models import Document
    from procedures.wizard import _submitted_message
    from tests.procedures.factories import CaseFactory

    case = CaseFactory(submitted=True, service=demo_service)
    assert "en cours de préparation" in _submitted_message(case)
    Document.objects.create(case=case, kind=DocumentKind.RECEIPT, name="accuse.pdf",
                            content_type="application/pdf", file="cases/x/receipt.pdf")
    assert "Téléchargez votre accusé de réception" in _submitted_message(case)


def test_a_request_is_withdrawn_after_a_confirmation_naming_it(client, demo_service):
    from tests.procedures.factories import CaseFactory

    case = CaseFactory(submitted=True, service=demo_service)
    log_in(client, case.applicant)
    withdraw = reverse("procedures:withdraw", args=[case.public_id])
    case_page = reverse("procedures:case", args=[case.public_id])
    assert withdraw in client.get(case_page).content.decode()
    page = client.get(withdraw).content.decode()
    assert "Retirer cette demande ?" in page and case.reference in page
    assert "Demande de démonstration" in page and "Le retrait est définitif" in page
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED  # showing the page withdraws nothing
    response = client.post(withdraw)
    assert response["Location"] == case_page
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert client.get(withdraw)["Location"] == case_page  # nothing left to confirm
