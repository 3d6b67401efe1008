"""The demo company user's aid requests for the March 2020 fund, one per company (the rule):
one granted at once by the system, one eligible but held for an agent (a closure with a small
loss, paid to the manager's own account), one the system proposes to reject (too many
employees), and a draft. Idempotent: a company that already filed is skipped. The figures are
what a company typed, so they are data, in French, not translated strings."""

from accounts.demo import represent
from accounts.models import Company

from .. import workflow
from ..models import Case
from .filed import filed_requests
from .models import AidScheme

STATEMENT = {"sworn": True}

STORIES = [
    ({"siret": "73282932000074", "name": "Boulangerie Benali SARL"},
     {"legal_form": "sarl", "naf_code": "10.71C", "employees": 4},
     {"last_year_turnover": "310000", "taxable_profit": "28000",
      "administrative_closure": False, "reference": "same_month",
      "reference_turnover": "26000", "crisis_turnover": "9500"},
     {"iban": "FR76 3000 6000 0112 3456 7890 189", "holder": "Boulangerie Benali SARL",
      "bank": "Crédit Agricole Aquitaine"}),
    ({"siret": "41234567000019", "name": "Salon Lumière"},
     {"legal_form": "ei", "naf_code": "96.02A", "employees": 1},
     {"last_year_turnover": "48000", "taxable_profit": "17500",
      "administrative_closure": True, "reference": "same_month",
      "reference_turnover": "4100", "crisis_turnover": "3300"},
     {"iban": "FR14 2004 1010 0505 0001 3M02 606", "holder": "Karim Benali",
      "bank": "La Banque Postale"}),
    ({"siret": "52345678800018", "name": "Atelier Vélo Garonne SAS"},
     {"legal_form": "sas", "naf_code": "47.64Z", "employees": 14},
     {"last_year_turnover": "820000", "taxable_profit": "41000",
      "administrative_closure": False, "reference": "same_month",
      "reference_turnover": "70000", "crisis_turnover": "21000"},
     {"iban": "DE89 3704 0044 0532 0130 00", "holder": "Atelier Vélo Garonne SAS",
      "bank": "Commerzbank"}),
]


def seed_cases(procedure, people):
    entrepreneur = people["entrepreneur"]
    scheme = AidScheme.objects.open().order_by("loss_month").first()
    if scheme is None:
        return
    service = people["services"]["aid"]
    for identity, company_answers, figures, bank in STORIES:
        company, _ = Company.objects.get_or_create(
            siret=identity["siret"], defaults={"name": identity["name"], "city": "Bordeaux"})
        represent(entrepreneur, company)
        if filed_requests(company=company).exists():
            continue
        case = Case.objects.create(
            procedure=procedure.slug, applicant=entrepreneur, company=company, service=service,
            answers={"company": {**identity, **company_answers},
                     "scheme": {"scheme": str(scheme.pk)}, "figures": figures, "bank": bank,
                     "statement": STATEMENT})
        workflow.submit(case.pk, entrepreneur)
    benali = people["company"]
    if not Case.objects.filter(procedure=procedure.slug, company=benali,
                               status="draft").exists():
        Case.objects.create(procedure=procedure.slug, applicant=entrepreneur, company=benali,
                            service=service, answers={"company": STORIES[0][0] | STORIES[0][1]})
