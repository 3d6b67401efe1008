"""The steps of a declaration and of its control, through the pages and the admin, as a
company and an officer go through them: shared by the in-process journey and the one with a
real worker (tests/pipeline/test_customs_live.py)."""

import datetime
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procedures.customs.demo import invoice_pdf
from procedures.customs.models import RiskRule
from procedures.models import Case

from .conftest import TRANSPORT

# What the declarant must never read: the lanes, the rules and what officers are told.
SECRETS = re.compile(r"\b(rouge|orange|vert|bleu|circuit|red|green|blue|lane|random|"
                     r"aléatoire|Vins et spiritueux|Fraude aux droits d’accise|Compter les colis)"
                     r"\b", re.IGNORECASE)


def wine_rule():
    return RiskRule.objects.create(
        name="Vins et spiritueux", condition="chapter", value="22", lane="red",
        purpose="Fraude aux droits d’accise", instructions="Compter les colis.",
        valid_from=datetime.date(2026, 1, 1))


def step_url(case, name):
    return reverse("procedures:step", args=[case.public_id, name])


def rows(items):
    data = {"items-TOTAL_FORMS": str(len(items)), "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "1", "items-MAX_NUM_FORMS": "99"}
    for index, item in enumerate(items):
        data.update({f"items-{index}-{name}": value for name, value in item.items()})
    return data


def file_declaration(client, company, items, *, guarantee=""):
    """Start, fill every step and submit; the case (submitted)."""
    response = client.post(reverse("procedures:start", args=["customs"]),
                           {"company": company.pk})
    case = Case.objects.filter(procedure="customs").latest("pk")
    assert response["Location"] == step_url(case, "declarant")
    html = client.get(step_url(case, "declarant")).content.decode()
    assert f'value="FR{company.siret}"' in html  # the EORI from the SIRET
    for name, data in (("declarant", {"eori": f"FR{company.siret}",
                                      "guarantee_reference": guarantee}),
                       ("transport", TRANSPORT), ("items", rows(items))):
        response = client.post(step_url(case, name), data)
        assert response.status_code == 302, response.content.decode()[:3000]
    invoice = SimpleUploadedFile("facture.pdf", invoice_pdf("Facture 2026-118"),
                                 content_type="application/pdf")
    response = client.post(step_url(case, "documents"), {"invoice": invoice})
    review = reverse("procedures:review", args=[case.public_id])
    assert response["Location"] == review
    html = client.get(review).content.decode()
    assert "TVA à l’importation" in html  # the liquidation before submitting
    response = client.post(review)
    assert response["Location"] == reverse("procedures:case", args=[case.public_id])
    case.refresh_from_db()
    return case


def admin_act(client, case, transition, data=None, text=""):
    """Post an action of the admin case page as the officer saw it; the response."""
    case.refresh_from_db()
    form = {"operation": "transition", "transition": transition,
            f"{transition}-version": case.version}
    if text:
        form[f"{transition}-text"] = text
    form.update({f"{transition}-data-{name}": value for name, value in (data or {}).items()})
    return client.post(reverse("admin:procedures_case_change", args=[case.pk]), form)


def inspection(case, changes):
    """The inspection act's fields: every item as declared, `changes` by item number."""
    data = {}
    for number, item in enumerate(case.answers["items"], start=1):
        found = {**item, "conform": "yes", "note": "", **changes.get(number, {})}
        data.update({f"item{number}_{name}": value for name, value in found.items()
                     if name != "description"})
    return data


def assert_no_secret(text, where):
    leaked = SECRETS.findall(text)
    assert not leaked, f"{where} shows {leaked}"
