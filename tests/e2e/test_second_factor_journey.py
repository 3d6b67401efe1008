"""An agent's first visit to the back office: enrolling an authenticator app, the recovery codes,
then a new session that asks for the code."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.second_factor import code

pytestmark = pytest.mark.e2e


def test_an_agent_enrols_an_app_and_then_gives_a_code_each_session(
        page, new_page, registrar, axe, shot):
    page.goto("/admin/")
    page.get_by_label("Adresse électronique").fill(registrar.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Configurer la double authentification")
    expect(page.get_by_role("img", name="QR code à scanner avec l’application d’authentification")
           ).to_be_visible()
    shot(page, "enrol")
    axe(page)

    device = TOTPDevice.objects.get(user=registrar, confirmed=False)
    page.get_by_label("Code").fill(f"{(int(code(device)) + 1) % 1_000_000:06d}")  # a wrong one
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_text("Ce code est erroné ou déjà utilisé.")).to_be_visible()
    expect(page.get_by_label("Code")).to_be_focused()
    axe(page)

    page.get_by_label("Code").fill(code(device))
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vos codes de secours")
    recovery = page.locator(".recovery-codes li")
    expect(recovery).to_have_count(10)
    codes = recovery.all_inner_texts()
    shot(page, "recovery-codes")
    axe(page)
    page.get_by_role("link", name="Continuer vers l’espace agents").click()
    expect(page.get_by_role("table", name="Dossiers à traiter")).to_be_visible()

    # Another browser: the password, then one of the recovery codes.
    other = new_page()
    other.goto("/admin/")
    other.get_by_label("Adresse électronique").fill(registrar.email)
    other.get_by_label("Mot de passe").fill(PASSWORD)
    other.get_by_role("button", name="Se connecter").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Double authentification")
    other.get_by_label("Code").fill(codes[0])
    other.get_by_role("button", name="Valider").click()
    expect(other.get_by_role("table", name="Dossiers à traiter")).to_be_visible()
