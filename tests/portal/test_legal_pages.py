"""The footer's legal pages say what this instance does: its operator from the settings (a
placeholder, marked, until filled in), the retention the settings and procedures set, and the
cookies the site really sets."""

import pytest
from django.urls import reverse

from procedures.registry import registry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

FOOTER = ["portal:site_map", "portal:accessibility", "portal:legal_notice",
          "portal:personal_data", "portal:cookies"]


def test_every_page_links_to_the_legal_pages_in_its_footer(client):
    home = client.get("/").content.decode()
    footer = home[home.index('<footer'):]
    for name in FOOTER:
        assert f'href="{reverse(name)}"' in footer


def test_the_operator_is_read_from_the_settings_or_marked_missing(client, settings):
    settings.GUICHET_PUBLISHER = ""
    settings.GUICHET_HOSTING = "Hébergeur Exemple SAS, 1 rue du Serveur, 75001 Paris"
    page = client.get(reverse("portal:legal_notice")).content.decode()
    assert "À compléter" in page and "GUICHET_PUBLISHER" in page
    assert "Hébergeur Exemple SAS" in page and "GUICHET_HOSTING" not in page


def test_the_retention_stated_is_the_settings(client, settings):
    settings.DRAFT_RETENTION_DAYS = 90
    settings.CASE_RETENTION_DAYS = 3 * 365
    page = client.get(reverse("portal:personal_data")).content.decode()
    assert "Un brouillon laissé sans modification pendant 90 jours est supprimé." in page
    for procedure in registry:
        if procedure.listed and procedure.retention_days is None:
            assert f"{procedure.title} : 3 ans" in page
    assert "cnil.fr" in page


def test_the_cookies_page_names_every_cookie_the_site_sets(client):
    user = UserFactory()
    client.get(reverse("accounts:login"))
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    set_cookies = set(client.cookies)
    assert {"sessionid", "csrftoken", "django_language"} <= set_cookies
    page = client.get(reverse("portal:cookies")).content.decode()
    for name in set_cookies | {"messages"}:
        assert f"<td>{name}</td>" in page
    assert "aucune mesure d’audience" in page


def test_the_sign_up_page_says_what_is_done_with_the_data(client):
    page = client.get(reverse("accounts:signup")).content.decode()
    assert "Vos données personnelles" in page
    assert f'href="{reverse("portal:personal_data")}"' in page
