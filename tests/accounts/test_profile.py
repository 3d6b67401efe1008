import pytest
from django.urls import reverse

from accounts.models import Company
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_company_with_bad_siret_is_refused(client):
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:company_add"),
                           {"siret": "732 829 320 00075", "name": "Boulangerie"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "n’est pas un SIRET valide" in html
    assert 'aria-describedby="id_siret_helptext id_siret_error"' in html
    assert 'value="Boulangerie"' in html
    assert not Company.objects.exists()


def test_company_with_spaces_in_siret_is_added(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:company_add"),
                           {"siret": "732 829 320 00074", "name": "Boulangerie"})
    assert response.status_code == 302
    assert list(user.companies.values_list("siret", flat=True)) == ["73282932000074"]


def test_profile_refuses_future_birth_date(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:profile"),
                           {"first_name": "A", "last_name": "B", "birth_date": "2999-01-01"})
    assert "ne peut pas être dans le futur" in response.content.decode()
