""""Tell us once": the procedure's declaration of what the administration holds prefills the
fields the guichet can read, locks what the State certified, and counts what is still asked."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.oidc.models import ExternalIdentity
from procedures import held_data
from procedures.demo.procedure import DemoProcedure
from tests.factories import UserFactory


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
    assert "chiffre d’affaires de l’an dernier, détenu par l’administration fiscale" in page


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
