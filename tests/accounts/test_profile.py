import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db


def test_profile_refuses_future_birth_date(client):
    user = UserFactory()
    log_in(client, user)
    response = client.post(reverse("accounts:profile"),
                           {"first_name": "A", "last_name": "B", "birth_date": "2999-01-01"})
    assert "ne peut pas être dans le futur" in response.content.decode()
