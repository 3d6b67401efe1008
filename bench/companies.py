"""The companies of the crisis-day benchmark, created in bulk: one company user per company
(logged in through a session row, as population.sessions does), each with a complete draft of
the crisis aid — 7 in 10 clean, 2 in 10 eligible but paid to another holder (left to an agent),
1 in 10 not eligible (too many employees)."""

from stdnum import luhn

from accounts.constants import ClaimRole, ClaimStatus
from accounts.models import Company, CompanyClaim, Service
from procedures.crisis_aid.models import AidScheme
from procedures.models import Case
from procedures.registry import registry

FIGURES = {"last_year_turnover": "310000.00", "taxable_profit": "28000.00",
           "administrative_closure": False, "reference": "same_month",
           "reference_turnover": "26000.00", "crisis_turnover": "9500.00"}


def siret(number):
    """A valid SIRET (Luhn) for a number below 10⁸: SIREN = 8 digits + key, then NIC 0001 + key."""
    siren = f"{number:08d}"
    siren += luhn.calc_check_digit(siren)
    body = f"{siren}0001"
    return body + luhn.calc_check_digit(body)


def kind(i):
    return "clean" if i % 10 < 7 else "held" if i % 10 < 9 else "ineligible"


def answers(i, company, scheme):
    held, ineligible = kind(i) == "held", kind(i) == "ineligible"
    return {
        "company": {"siret": company.siret, "name": company.name, "legal_form": "sarl",
                    "naf_code": "10.71C", "employees": 14 if ineligible else 4},
        "scheme": {"scheme": str(scheme.pk)},
        "figures": FIGURES,
        "bank": {"iban": "FR76 3000 6000 0112 3456 7890 189",
                 "holder": "Karim Benali" if held else company.name, "bank": "Crédit Mutuel"},
        "statement": {"sworn": True},
    }


def drafts(users, *, first=0):
    """A company per user and a complete draft of the aid for it; returns the drafts."""
    procedure = registry["crisis_aid"]
    scheme = AidScheme.objects.open().first()
    service = Service.objects.get(code=procedure.service_code)
    companies = Company.objects.bulk_create(
        [Company(siret=siret(10_000_000 + first + i), name=f"Boulangerie {first + i} SARL")
         for i in range(len(users))], batch_size=5000)
    CompanyClaim.objects.bulk_create(
        [CompanyClaim(user=user, company=company, siret=company.siret, name=company.name,
                      role=ClaimRole.LEGAL_REPRESENTATIVE, status=ClaimStatus.ACCEPTED)
         for company, user in zip(companies, users, strict=True)], batch_size=5000)
    return Case.objects.bulk_create(
        [Case(procedure=procedure.slug, procedure_version=procedure.version, applicant=user,
              company=company, service=service, answers=answers(first + i, company, scheme))
         for i, (company, user) in enumerate(zip(companies, users, strict=True))],
        batch_size=5000)
