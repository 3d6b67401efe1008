import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("portal:home", "Vos démarches administratives", "Your administrative procedures"),
    ("portal:accessibility", "Déclaration d’accessibilité", "Accessibility statement"),
    ("portal:legal_notice", "Mentions légales", "Legal notice"),
    ("portal:personal_data", "Données personnelles", "Personal data"),
    ("portal:cookies", "Gestion des cookies", "Cookie management"),
    ("portal:site_map", "Plan du site", "Site map"),
    ("accounts:signup", "Créer un compte", "Create an account"),
    ("accounts:login", "Se connecter", "Log in"),
    ("accounts:resend_verification", "Recevoir un nouveau lien", "Get a new confirmation link"),
    ("accounts:password_reset", "Mot de passe oublié", "Forgotten password"),
]
PRIVATE_PAGES = [
    ("accounts:profile", "Mon profil", "My profile"),
    ("accounts:companies", "Mes entreprises", "My companies"),
    ("accounts:company_add", "Agir pour une entreprise", "Act for a company"),
    ("accounts:password_change", "Changer mon mot de passe", "Change my password"),
]


@pytest.mark.parametrize(("name", "french", "english"), PUBLIC_PAGES + PRIVATE_PAGES)
def test_page_renders_in_french_and_english(client, name, french, english):
    if (name, french, english) in PRIVATE_PAGES:
        log_in(client, UserFactory())
    in_french = client.get(reverse(name))
    assert in_french.status_code == 200
    assert french in in_french.content.decode()
    assert '<html lang="fr"' in in_french.content.decode()
    in_english = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en")
    assert english in in_english.content.decode()
    assert '<html lang="en"' in in_english.content.decode()


def test_language_switch_sticks(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Your administrative procedures" in client.get("/").content.decode()


def test_layout_has_skip_links_footer_statement_and_labels(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'href="#content"' in html and 'id="content"' in html
    assert reverse("portal:accessibility") in html
    assert '<label class="fr-label" for="id_username">' in html


def test_private_pages_need_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_unknown_page_is_a_french_404(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404


def test_healthz(client):
    assert client.get(reverse("portal:healthz")).content == b"ok"


def test_footer_links_to_the_document_check(client):
    assert reverse("procedures:verify") in client.get("/").content.decode()
