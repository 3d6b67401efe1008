"""What a person does in the browser, shared by the journeys: the header (behind "Menu" on a
narrow screen), logging in and out, waiting for what the worker prepares, downloading."""

import os
import re
import signal
import time
from contextlib import contextmanager
from email.header import decode_header, make_header
from io import BytesIO
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader, PdfWriter

from tests.factories import PASSWORD
from tests.second_factor import code, totp_device


def header(page, role, name):
    """A link or button of the header: in the banner on a wide screen, in the menu dialog that
    the "Menu" button opens on a narrow one."""
    menu = page.get_by_role("banner").get_by_role("button", name="Menu")
    if menu.is_visible():
        menu.click()
        return page.get_by_role("dialog").get_by_role(role, name=name, exact=True)
    return page.get_by_role("banner").get_by_role(role, name=name, exact=True)


def choose(page, name):
    """Check the radio button or checkbox `name`. DSFR draws it in its label, which takes the
    click: a person clicks there (hence force, which skips Playwright's "covered" check)."""
    page.get_by_label(name, exact=True).check(force=True)


def tab_to(page, target, limit=80):
    """Press Tab until `target` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} not reached with {limit} Tab presses")


def choose_with_keys(page, name, limit=80):
    """Tab into the radio group of the option `name`, arrow down to it, and press Space."""
    option = page.get_by_role("radio", name=name, exact=True)
    in_group = ("option => document.activeElement.type === 'radio'"
                " && document.activeElement.name === option.name")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if option.evaluate(in_group):
            break
    else:
        raise AssertionError(f"the group of {option} not reached with {limit} Tab presses")
    for _ in range(10):
        if option.evaluate("option => option === document.activeElement"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(option).to_be_checked()


def type_into(page, field, text):
    tab_to(page, field)
    page.keyboard.type(text)


def log_in(page, email, *, from_header=True):
    if from_header:
        header(page, "link", "Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url("/")


def log_in_to_admin(page, user, *, shot=None, axe=None):
    """The admin's log-in page, then its second-factor page with the code of the user's device."""
    device = totp_device(user)
    page.goto("/admin/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    if shot:
        shot(page, "admin-log-in")
    if axe:
        axe(page)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Double authentification")
    page.get_by_label("Code").fill(code(device))
    if shot:
        shot(page, "admin-second-factor")
    if axe:
        axe(page)
    page.get_by_role("button", name="Valider").click()


def log_out(page):
    header(page, "button", "Se déconnecter").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Se déconnecter",
                                                   include_hidden=True)).to_have_count(0)


def reload_until(page, locator, timeout=30):
    """Reload the page, as a person waiting for something would, until `locator` shows. (The
    browser's own reload: the keys Playwright types reach the page, not the browser's F5.)"""
    deadline = time.monotonic() + timeout
    while not locator.count():
        assert time.monotonic() < deadline, f"{locator} still absent after {timeout} s"
        page.wait_for_timeout(250)
        page.reload()


def download(page, link=None, *, key=None):
    """The bytes of the file got by clicking `link`, or by pressing `key` on the focused link."""
    with page.expect_download() as info:
        if key:
            page.keyboard.press(key)
        else:
            link.click()
    return Path(info.value.path()).read_bytes()


def pdf_text(data):
    assert data.startswith(b"%PDF-"), "not a PDF"
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def a_pdf():
    """A small, genuine PDF file (a scanned document, say)."""
    writer, data = PdfWriter(), BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(data)
    return data.getvalue()


def verification_code(text):
    """The code printed next to the QR code of a receipt or a decision."""
    return re.search(r"code de vérification\s*:\s*(\w+)", text).group(1)


def subjects(worker):
    """The subjects of the e-mails the worker sent."""
    return [str(make_header(decode_header(message["Subject"]))) for message in worker.emails()]


@contextmanager
def paused(worker):
    """The worker's processes stopped meanwhile (busy, say): its tasks wait in the queue."""
    os.killpg(worker.process.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.killpg(worker.process.pid, signal.SIGCONT)


def fill_date(page, legend, day, month, year):
    """Type a date in the day / month / year fields of the group `legend`."""
    group = page.get_by_role("group", name=re.compile(f"^{re.escape(legend)}"))
    for label, value in (("Jour", day), ("Mois", month), ("Année", year)):
        group.get_by_label(label).fill(value)
