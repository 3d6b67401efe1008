"""Malformed input is a 400 with the portal's page, never a 500 (portal/malformed.py)."""

import pytest
from django.urls import reverse

from tests.factories import AgentFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db


def refused(response):
    page = response.content.decode()
    return response.status_code == 400 and "Demande incomprise" in page and "fr-header" in page


def test_a_nul_byte_in_the_queue_filter_is_a_400(client, demo_service):
    log_in(client, AgentFactory(service=demo_service))
    assert client.get("/admin/procedures/case/?status=all").status_code == 200
    assert refused(client.get("/admin/procedures/case/?status=%00"))
    assert refused(client.get("/admin/procedures/case/?q=Martin%00"))
    assert refused(client.get("/admin/procedures/case/%00/change/"))


def test_a_nul_byte_in_a_form_field_or_its_name_is_a_400(client):
    login = reverse("accounts:login")
    assert refused(client.post(login, {"username": "a\x00@example.org", "password": "x"}))
    assert refused(client.post(login, {"user\x00name": "a@example.org"}))
    assert client.post(login, {"username": "a@example.org", "password": "x"}).status_code == 200
