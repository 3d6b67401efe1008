"""The demo's import declarations: one in each lane and state, each brought there through the
workflow as a real one would be, with the demo's risk rules. Idempotent: a story already told
(its invoice is named after it) is skipped. Texts are what a demo officer typed: data, in
French."""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from accounts.constants import MembershipRole
from accounts.models import Service, User

from .. import workflow
from ..constants import CaseStatus, DocumentKind
from ..models import Case, Document
from . import selection
from .models import RiskRule

RULES = [
    {"name": "Vins et spiritueux", "condition": "chapter", "value": "22", "lane": "red",
     "purpose": "Fraude aux droits d’accise : quantités et degrés d’alcool sous-déclarés.",
     "instructions": "Compter les colis, ouvrir un carton sur dix, relever le titre "
                     "alcoométrique sur les étiquettes."},
    {"name": "Parfums", "condition": "heading", "value": "3303", "lane": "orange",
     "purpose": "Contrefaçons de parfums de marque.",
     "instructions": "Demander la facture d’achat et l’autorisation du titulaire de la marque."},
    {"name": "Textiles de Turquie", "condition": "origin", "value": "TR", "lane": "blue",
     "purpose": "Preuves d’origine préférentielle à vérifier après la mainlevée.",
     "instructions": "Demander l’attestation d’origine au fournisseur dans les trois mois."},
]
TRANSPORT = {"incoterm": "CIF", "incoterm_place": "Le Havre", "dispatch_country": "CN",
             "destination_country": "FR", "transport_mode": "1",
             "consignor_name": "Guangzhou Trading Co.", "consignor_address": "88 Huangpu Road",
             "consignor_country": "CN"}
SHIRTS = {"commodity_code": "61091000", "description": "T-shirts de coton", "origin": "CN",
          "customs_value": "4000.00", "net_mass": "180.000", "duty_rate": "12.00"}
TURKISH_SHIRTS = {**SHIRTS, "origin": "TR", "customs_value": "2500.00"}
PERFUME = {"commodity_code": "33030010", "description": "Parfum, flacons de 50 ml",
           "origin": "CN", "customs_value": "1800.00", "net_mass": "40.000", "duty_rate": "0.00"}
WINE = {"commodity_code": "22042110", "description": "Vin rouge, bouteilles de 75 cl",
        "origin": "CN", "customs_value": "900.00", "net_mass": "300.000", "duty_rate": "2.00"}
OVEN = {"commodity_code": "84381010", "description": "Four de boulangerie", "origin": "CN",
        "customs_value": "12000.00", "net_mass": "850.000", "duty_rate": "1.70"}
GUARANTEED = "GAR-2026-0042"


def invoice_pdf(title):
    """A one-page PDF saying `title` (ASCII): the demo's commercial invoices."""
    stream = f"BT /F1 18 Tf 72 720 Td ({title}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return pdf


def _invoice(case, story, user):
    content = invoice_pdf(f"Facture commerciale - demonstration ({story})")
    document = Document(case=case, kind=DocumentKind.ATTACHMENT, name=f"facture-{story}.pdf",
                        content_type="application/pdf", size=len(content),
                        sha256=hashlib.sha256(content).hexdigest(), uploaded_by=user)
    document.file.save(document.name, ContentFile(content), save=False)
    document.save()
    return {"document": str(document.public_id), "name": document.name}


def _answers(items, guarantee, eori):
    return {"declarant": {"eori": eori, "guarantee_reference": guarantee},
            "transport": TRANSPORT, "items": items}


def _inspection(case, value=None):
    """The act of a control: every item conform, or the first one found at `value` euros."""
    items = []
    for number, item in enumerate(case.answers["items"]):
        found = {key: item[key] for key in ("commodity_code", "origin", "customs_value",
                                             "net_mass", "duty_rate")}
        conform = not (number == 0 and value)
        if not conform:
            found["customs_value"] = value
        items.append({**found, "conform": conform,
                      "note": "" if conform else "Facture sous-évaluée : la valeur relevée est "
                                                 "celle du contrat de vente saisi au bord."})
    return {"items": items}


PAID = {"payment": "paid", "payment_reference": "QUIT-2026-1187"}

# story: (items, guarantee, officer's acts after the automatic step)
STORIES = {
    "green_released": ([SHIRTS], GUARANTEED, []),
    "green_to_release": ([SHIRTS], "", []),  # no guarantee: an officer releases once paid
    "blue_released": ([TURKISH_SHIRTS], GUARANTEED, []),
    "orange_under_control": ([PERFUME, SHIRTS], "", []),
    "red_under_control": ([WINE, SHIRTS, OVEN], "", []),
    "red_reliquidated": ([WINE, SHIRTS, OVEN], "", [("record_control", "1500.00")]),
    "red_released": ([WINE, SHIRTS, OVEN], "", [("record_control", "1500.00"),
                                                ("release", PAID)]),
    "orange_refused": ([PERFUME], "", [("refuse", "Facture absente du dossier malgré notre "
                                                  "demande : déclaration invalidée.")]),
    "red_seized": ([WINE], "", [("record_control", "2400.00"),
                                ("seize", "Marchandises contrefaisantes : saisie et procès-"
                                          "verbal de constat.")]),
}


class Fixed:
    """The demo's random draws never select: its lanes are those of its rules."""

    def random(self):
        return 0.999


def seed_cases(procedure, people):
    for rule in RULES:
        RiskRule.objects.get_or_create(name=rule["name"], defaults={
            **rule, "valid_from": datetime.date(2026, 1, 1)})
    declarant, company = people["entrepreneur"], people["company"]
    service = Service.objects.get(code=procedure.service_code)
    officer = User.objects.filter(memberships__service=service,
                                  memberships__role=MembershipRole.AGENT).order_by("pk").first()
    supervisor = people["supervisor"]
    cases = Case.objects.filter(procedure=procedure.slug, applicant=declarant)
    told = set(Document.objects.filter(case__in=cases, kind=DocumentKind.ATTACHMENT)
               .values_list("name", flat=True))
    eori = f"FR{company.siret}"
    if not cases.filter(status=CaseStatus.DRAFT).exists():
        Case.objects.create(procedure=procedure.slug, applicant=declarant, company=company,
                            service=service, answers={"declarant": {
                                "eori": eori, "guarantee_reference": ""}})
    for story, (items, guarantee, acts) in STORIES.items():
        if f"facture-{story}.pdf" in told:
            continue
        case = Case.objects.create(procedure=procedure.slug, applicant=declarant,
                                   company=company, service=service,
                                   answers=_answers(items, guarantee, eori))
        case.answers["documents"] = {"invoice": _invoice(case, story, declarant)}
        case.save(update_fields=["answers"])
        with transaction.atomic():  # the lane chosen before the automatic step runs
            case = workflow.submit(case.pk, declarant)
            selection.select(case, rng=Fixed())
        workflow.run_automatic_step(case.pk)
        for name, argument in acts:
            actor = supervisor if name == "seize" else officer
            case.refresh_from_db()
            if name == "record_control":
                workflow.perform(case.pk, name, actor, data=_inspection(case, argument))
            elif name == "release":
                workflow.perform(case.pk, name, actor, data=argument)
            else:
                workflow.perform(case.pk, name, actor, text=argument)
