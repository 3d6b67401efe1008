"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

Fixtures: `page` (French, desktop `viewport`), `new_page()` (one more page in a browser context of
its own: another person), `mobile_page` (320 px wide), `axe(page)` (WCAG 2.1 AA, fails on any
violation), `shot(page, name)` (full-page screenshots under var/e2e-screenshots/<test>/, or the
folder in E2E_SCREENSHOTS), from tests/pipeline `live_worker` (a real Celery worker: receipts and
e-mails really happen; PostgreSQL and Redis), and the civil-status cast: `town_hall`,
`registrar`, `file_case()`. `by_viewport` runs a test on a desktop and at 320 px; browsing.py
holds what a person does in the browser.
"""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from accounts.constants import ServiceKind
from procedures import workflow
from procedures.models import Case
from tests.civil_status.conftest import ANSWERS
from tests.factories import AgentFactory, ServiceFactory, UserFactory
from tests.pipeline.conftest import broker_proxy, live_worker, worker_env  # noqa: F401  (fixtures)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
]
AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
HERE = Path(__file__).parent
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", HERE.parents[1] / "var" / "e2e-screenshots"))

axe_checks = []  # (url, number of violations) of every page checked in the session
screenshots_taken = []

# Says on the console what the Content-Security-Policy refused, where it came from, and on which
# element.
REPORT_CSP_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) => {
  const element = event.target instanceof Element ? event.target.outerHTML.slice(0, 200) : "";
  console.error(`CSP violation: ${event.violatedDirective} by ${event.sourceFile}:` +
                `${event.lineNumber} "${event.sample}" ${element}`);
});"""
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 320, "height": 640}
by_viewport = pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "320px"])


def pytest_collection_modifyitems(items):
    """Mark the browser tests `e2e` and run them last (see `browser`)."""
    browser_tests = [item for item in items if HERE in item.path.parents]
    for item in browser_tests:
        item.add_marker(pytest.mark.e2e)
    items[:] = [item for item in items if HERE not in item.path.parents] + browser_tests


def pytest_terminal_summary(terminalreporter):
    if axe_checks:
        violations = sum(count for _, count in axe_checks)
        terminalreporter.write_line(
            f"axe: {len(axe_checks)} pages checked, {violations} violations"
        )
        for url, count in axe_checks:
            if count:
                terminalreporter.write_line(f"  {count} on {url}")
    if screenshots_taken:
        terminalreporter.write_line(f"e2e screenshots: {SCREENSHOTS.resolve()}")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"browser tests need Chromium at {CHROMIUM} (apt install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's event loop keeps running in this thread until the end of the session, so
    # Django must accept ORM calls from it (hence the browser tests run last, and the variable
    # does not leak into the other tests' subprocesses).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def viewport():
    return DESKTOP


@pytest.fixture
def new_page(browser, live_server, transactional_db, viewport):
    contexts = []

    blocked = []  # what the Content-Security-Policy refused: a page that breaks it is a defect

    def open_page():
        context = browser.new_context(base_url=live_server.url, locale="fr-FR",
                                      viewport=viewport)
        context.set_default_timeout(5_000)
        contexts.append(context)
        page = context.new_page()
        page.add_init_script(REPORT_CSP_VIOLATIONS)
        page.on("console", lambda message: blocked.append(f"{page.url}: {message.text}")
                if message.text.startswith("CSP violation") else None)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert blocked == []


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def mobile_page(page):
    page.set_viewport_size(MOBILE)
    return page


@pytest.fixture
def axe():
    """axe(page): check the current page against WCAG 2.1 AA; any violation fails the test.
    At 320 px, also the reflow (1.4.10), which axe does not check: no sideways scrolling."""

    def check(page):
        violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
        width = page.viewport_size["width"]
        if width <= MOBILE["width"]:
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                violations.append({
                    "id": "reflow", "impact": "serious", "nodes": [],
                    "help": f"The page is {scroll_width} px wide at {width} px: it scrolls "
                            "sideways (WCAG 1.4.10)",
                    "helpUrl": "https://www.w3.org/WAI/WCAG21/Understanding/reflow.html",
                })
        axe_checks.append((page.url, len(violations)))
        if violations:
            lines = [f"{len(violations)} accessibility violations on {page.url}:"]
            for violation in violations:
                lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}, "
                             f"{violation['helpUrl']}")
                lines += [f"    {node['html'][:200]}" for node in violation["nodes"]]
            pytest.fail("\n".join(lines))

    return check


@pytest.fixture
def shot(request):
    """shot(page, name): save a full-page screenshot as <folder>/<test name>/NN-name.png."""
    folder = SCREENSHOTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    taken = []

    def take(page, name):
        taken.append(name)
        path = folder / f"{len(taken):02d}-{name}.png"
        # caret="initial": hiding the caret puts a style attribute on the focused field, which
        # the DSFR's header script may copy, so the page would break its own CSP.
        page.screenshot(path=path, full_page=True, caret="initial")
        screenshots_taken.append(path)

    return take


@pytest.fixture
def town_hall(transactional_db):
    return ServiceFactory(code="mairie-etat-civil", name="Mairie de Villebourg — état civil",
                          kind=ServiceKind.CIVIL_STATUS)


@pytest.fixture
def registrar(town_hall):
    return AgentFactory(service=town_hall, first_name="Dominique", last_name="Officier",
                        email="etat-civil@villebourg.example")


@pytest.fixture
def file_case(town_hall):
    """file_case(): a mother's request for her daughter's multilingual birth extract, submitted
    now (a function, so that a test calls it once its `live_worker` is there to take the work)."""

    def file():
        citizen = UserFactory(first_name="Camille", last_name="Martin",
                              email="camille.martin@example.org")
        case = Case.objects.create(procedure="civil_status", applicant=citizen,
                                   service=town_hall, answers=ANSWERS)
        return workflow.submit(case.pk, citizen)

    return file
