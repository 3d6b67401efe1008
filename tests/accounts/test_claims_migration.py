"""The representatives from before claims existed keep their companies: each link became an
accepted claim (accounts 0004)."""

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

BEFORE = [("accounts", "0003_company_claims")]
AFTER = [("accounts", "0005_company_representatives_from_claims")]


def test_links_become_accepted_claims(migrate_to):
    apps = migrate_to(BEFORE)
    User, Company = apps.get_model("accounts", "User"), apps.get_model("accounts", "Company")
    first = User.objects.create(email="gerante@example.org")
    second = User.objects.create(email="associe@example.org")
    bakery = Company.objects.create(siret="73282932000074", name="Boulangerie Benali SARL",
                                    city="Bordeaux")
    bakery.representatives.add(first, second)

    apps = migrate_to(AFTER)
    CompanyClaim = apps.get_model("accounts", "CompanyClaim")
    claims = CompanyClaim.objects.order_by("user__email")
    assert [(c.user.email, c.company_id, c.siret, c.name, c.city, c.status, c.role)
            for c in claims] == [
        (email, bakery.pk, "73282932000074", "Boulangerie Benali SARL", "Bordeaux", "accepted",
         "legal_representative") for email in ("associe@example.org", "gerante@example.org")]
