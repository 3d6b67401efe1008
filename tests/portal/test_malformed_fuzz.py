"""Every page's query parameters and form fields fed with NUL bytes, overlong values and wrong
types, as an anonymous visitor, a citizen, an agent and an administrator: never a 500.

The pages come from the URL patterns (every one is listed below, or the test fails: a new page
gets a sample address here), the admin's changelists from its registry (the queue of each
procedure with its own filters); the parameters and fields from each page as it is served (its
forms, and the query parameters of its links to itself)."""

import uuid
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Service
from procedures.constants import Audience
from procedures.models import Case
from procedures.registry import registry
from tests.factories import AgentFactory, CompanyFactory, UserFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

pytestmark = pytest.mark.django_db

BAD_VALUES = {"NUL byte": "a\x00b", "overlong": "9" * 5000, "wrong type": "-1.5abc"}
SKIPPED = {"accounts:logout", "admin-logout"}  # they end the session the next pages need
GENERIC_PARAMETERS = ["page", "p", "q", "o", "next", "status", "procedure"]


class Page(HTMLParser):
    """The forms (method, action, field names) and the links of a page."""

    def __init__(self, html):
        super().__init__()
        self.forms, self.links, self._form = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(),
                          "action": attrs.get("action") or "", "fields": set()}
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form is not None:
            if attrs.get("name") and attrs.get("type") != "file":
                self._form["fields"].add(attrs["name"])
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def patterns(resolvers, prefix="", namespace=""):
    """(name, route) of every URL pattern but the admin's own (its changelists come below)."""
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            yield from patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}".lstrip(":") if entry.name else "admin-logout"
            yield name, prefix + str(entry.pattern)


@pytest.fixture
def people(demo_service):
    citizen = UserFactory()
    company = CompanyFactory(represented_by=citizen)
    agent = AgentFactory(service=demo_service)
    administrator = UserFactory(is_staff=True, is_superuser=True)
    submitted = CaseFactory(submitted=True, applicant=citizen, service=demo_service)
    decided = CaseFactory(accepted=True, applicant=citizen, service=demo_service)
    drafts = []
    for procedure in registry:
        service, _ = Service.objects.get_or_create(code=procedure.service_code,
                                                   defaults={"name": procedure.service_code})
        drafts.append(Case.objects.create(
            procedure=procedure.slug, procedure_version=procedure.version, applicant=citizen,
            company=None if procedure.audience == Audience.CITIZEN else company,
            service=service))
    return {"citizen": citizen, "agent": agent, "administrator": administrator,
            "submitted": submitted, "decided": decided, "drafts": drafts}


def addresses(people):
    """The sample addresses of every URL pattern."""
    submitted, decided = people["submitted"].public_id, people["decided"].public_id
    draft = people["drafts"][0]
    samples = {
        "procedures:procedure": [f"/demarches/{p.slug}/" for p in registry],
        "procedures:start": [f"/demarches/{p.slug}/commencer/" for p in registry],
        "procedures:case": [reverse("procedures:case", args=[submitted])],
        "procedures:step": [reverse("procedures:step", args=[case.public_id, step.name])
                            for case in people["drafts"]
                            for step in case.procedure_obj.steps],
        "procedures:review": [reverse("procedures:review", args=[case.public_id])
                              for case in people["drafts"]],
        "procedures:message": [reverse("procedures:message", args=[submitted])],
        "procedures:withdraw": [reverse("procedures:withdraw", args=[submitted])],
        "procedures:discard": [reverse("procedures:discard", args=[draft.public_id])],
        "procedures:document": [reverse("procedures:document", args=[uuid.uuid4()])],
        "quality:satisfaction": [reverse("quality:satisfaction", args=[decided])],
        "quality:complaint": [reverse("quality:complaint", args=[decided])],
        "quality:suggestion": ["/demarches/demo/suggestion/"],
        "quality:procedure_indicators": ["/indicateurs/demo/"],
        "accounts:claim_proof": [reverse("accounts:claim_proof", args=[uuid.uuid4()])],
        "accounts:verify_email": ["/compte/confirmer/abc/"],
        "accounts:login_link": ["/compte/connexion/lien/abc/"],
        "accounts:oidc_logged_out": ["/compte/deconnexion/franceconnect/fin/"],
        "accounts:oidc_link": ["/compte/connexion/lier/abc/"],
        "accounts:password_reset_confirm": ["/compte/mot-de-passe/nouveau/abc/abc/"],
    }
    found = {}
    for name, route in patterns(get_resolver().url_patterns):
        if name in SKIPPED:
            continue
        if "<" in route:
            assert name in samples, f"{name} ({route}): give it a sample address in this test"
            found[name] = samples[name]
        else:
            found[name] = ["/" + route]
    return [address for name in sorted(found) for address in found[name]]


def admin_addresses(people):
    """The changelists of the procedures' models, the queue of each procedure, a case's page."""
    changelists = [reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
                   for model in admin.site._registry
                   if model.__module__.startswith("procedures.")]
    queue = reverse("admin:procedures_case_changelist")
    queues = [f"{queue}?{urlencode({'procedure': p.slug})}" for p in registry]
    case_page = reverse("admin:procedures_case_change", args=[people["submitted"].pk])
    return changelists + queues + [case_page]


def parameters(address, page):
    """The query parameters a page reads: its GET forms' fields and its links' to itself."""
    path = urlsplit(address).path
    names = set(GENERIC_PARAMETERS) | {name for name, _ in parse_qsl(urlsplit(address).query)}
    for link in page.links:
        target = urlsplit(urljoin(address, link))
        if target.path == path:
            names |= {name for name, _ in parse_qsl(target.query, keep_blank_values=True)}
    for form in page.forms:
        if form["method"] == "get":
            names |= form["fields"]
    return names


def post_targets(address, page):
    for form in page.forms:
        action = urljoin(address, form["action"]) if form["action"] else address
        target = urlsplit(action)
        if (form["method"] == "post" and not target.netloc and "deconnexion" not in target.path
                and "/logout/" not in target.path):
            yield action, form["fields"] - {"csrfmiddlewaretoken"}


def fuzz(client, address):
    """Feed the page's parameters and fields; the (method, address, kind, status) of any 5xx."""
    served = client.get(address)
    if served.status_code != 200 or "html" not in served.get("Content-Type", ""):
        return [], 0
    page, failures, sent = Page(served.content.decode()), [], 0
    path, query = urlsplit(address).path, dict(parse_qsl(urlsplit(address).query))
    names = parameters(address, page)
    for kind, value in BAD_VALUES.items():
        response = client.get(path, {**query, **dict.fromkeys(names, value)})
        sent += 1
        if response.status_code >= 500:
            failures.append(("GET", address, kind, response.status_code))
        for action, fields in post_targets(address, page):
            response = client.post(action, dict.fromkeys(fields, value))
            sent += 1
            if response.status_code >= 500:
                failures.append(("POST", action, kind, response.status_code))
    return failures, sent


def browser():
    return Client(raise_request_exception=False)  # a 500 is an answer to count, not raised


def test_no_page_answers_500_to_malformed_input(people, settings):
    settings.RATE_LIMITS = {name: (10_000, window)
                            for name, (_count, window) in settings.RATE_LIMITS.items()}
    pages = addresses(people)
    visitors = {"anonymous": browser(), "citizen": log_in(browser(), people["citizen"]),
                "agent": log_in(browser(), people["agent"])}
    administrator = log_in(browser(), people["administrator"])
    failures, sent, fuzzed = [], 0, 0
    for who, client in visitors.items():
        for address in pages + (admin_addresses(people) if who == "agent" else []):
            found, count = fuzz(client, address)
            failures += [(who, *failure) for failure in found]
            sent, fuzzed = sent + count, fuzzed + bool(count)
    for address in admin_addresses(people):
        found, count = fuzz(administrator, address)
        failures += [("administrator", *failure) for failure in found]
        sent, fuzzed = sent + count, fuzzed + bool(count)
    assert not failures, "\n".join(map(str, failures))
    assert fuzzed > 60 and sent > 600, (fuzzed, sent)
