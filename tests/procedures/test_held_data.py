""""Tell us once": the procedure's declaration of what the administration holds prefills the
fields the guichet can read, locks what the State certified, and counts what is still asked."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.oidc.models import ExternalIdentity
from procedures import held_data
from procedures.demo.procedure import DemoProcedure
from tests.factories import UserFactory
from tests.second_factor import log_in


class IdentityHeld(DemoProcedure):
    slug = "demo-identity-held"
    held_data = {"identity.first_name": "identity.first_names",
                 "identity.last_name": "identity.last_name",
                 "identity.birth_date": "identity.birth_date"}


class IncomesAskedAgain(DemoProcedure):
    slug = "demo-incomes-asked"
    held_data = {"identity.first_name": "identity.first_names",
                 "request.details": "tax.income", "request.topic": "tax.turnover"}


@pytest.mark.parametrize(("count", "colour", "words"), [
    (0, "success", "bon"), (1, "success", "bon"), (2, "warning", "à améliorer"),
    (4, "warning", "à améliorer"), (5, "error", "insuffisant")])
def test_the_observatorys_grades(count, colour, words):
    assert held_data.grade(count)[0] == colour
    with translation.override("fr"):  # whatever language an earlier test left active
        assert str(held_data.grade(count)[1]) == words


def test_the_page_says_nothing_already_held_is_asked(client, registered, demo_service):
    registered(IdentityHeld)
    page = client.get(reverse("procedures:procedure", args=["demo-identity-held"])).content.decode()
    assert "Dites-le-nous une fois : bon" in page and "fr-badge--success" in page
    assert "Cette démarche vous demande 0 information que l’administration détient déjà." in page


def test_the_page_counts_and_names_what_is_asked_again(client, registered, demo_service):
    registered(IncomesAskedAgain)
    page = client.get(reverse("procedures:procedure", args=["demo-incomes-asked"])).content.decode()
    assert "Cette démarche vous demande 2 informations que l’administration détient déjà." in page
    assert "fr-badge--warning" in page and "Dites-le-nous une fois : à améliorer" in page
    assert "chiffre d’affaires du dernier exercice, détenu par l’administration fiscale" in page


def test_the_held_facts_prefill_the_step_and_the_certified_ones_are_locked(registered, db):
    [procedure] = registered(IdentityHeld)
    user = UserFactory(first_name="Marie Louise", last_name="Dupont",
                       birth_date=timezone.datetime(1984, 3, 12).date())
    assert held_data.prefill(procedure, "identity", user, None) == {
        "first_name": "Marie Louise", "last_name": "Dupont", "birth_date": "1984-03-12"}
    assert held_data.certified_fields(procedure, "identity", user, None) == set()

    ExternalIdentity.objects.create(user=user, provider="franceconnect", subject="fc-1",
                                    confirmed_at=timezone.now())
    assert held_data.certified_fields(procedure, "identity", user, None) == {
        "first_name", "last_name", "birth_date"}
    assert held_data.certified_fields(procedure, "request", user, None) == set()


def test_a_franceconnect_user_is_not_asked_again_who_they_are(client, db):
    """Civil status, the requester's own birth record: the person step shows the certified
    identity, locked; a forged post cannot change it."""
    from procedures.models import Case
    from tests.factories import ServiceFactory

    service = ServiceFactory(code="mairie-etat-civil")
    user = UserFactory(first_name="Marie Louise", last_name="Dupont",
                       birth_date=timezone.datetime(1984, 3, 12).date(), birth_place="Paris")
    ExternalIdentity.objects.create(user=user, provider="franceconnect", subject="fc-1",
                                    confirmed_at=timezone.now())
    case = Case.objects.create(procedure="civil_status", applicant=user, service=service, answers={
        "certificate": {"record": "birth", "kind": "extract_without_parentage",
                        "relation": "self"}})
    log_in(client, user)
    url = reverse("procedures:step", args=[case.public_id, "person"])
    page = client.get(url).content.decode()
    assert "Certifié par FranceConnect" in page and 'value="Dupont"' in page

    client.post(url, {"last_name": "Forged", "first_names": "Mallory", "birth_date": "2000-01-01",
                      "birth_place": "Paris"})
    case.refresh_from_db()
    assert case.answers["person"]["last_name"] == "Dupont"
    assert case.answers["person"]["first_names"] == "Marie Louise"


def test_the_procedures_say_what_they_still_ask(client, db):
    from procedures.registry import registry

    assert held_data.asked_anyway(registry["civil_status"]) == []
    assert [str(f.label) for f in held_data.asked_anyway(registry["tax_filing"])] == [
        "revenus déjà déclarés par les employeurs et les caisses de retraite"]


def test_crisis_aid_says_it_asks_three_items_other_administrations_hold(db):
    from procedures.registry import registry

    assert len(held_data.asked_anyway(registry["crisis_aid"])) == 3
    assert held_data.grade(3)[0] == "warning"
