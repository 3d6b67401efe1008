"""Every company representative before claims existed keeps their company: their link becomes
an accepted claim (with no proof file: it predates them)."""

from django.db import migrations
from django.utils import timezone


def links_to_claims(apps, schema_editor):
    Company = apps.get_model("accounts", "Company")
    CompanyClaim = apps.get_model("accounts", "CompanyClaim")
    now = timezone.now()
    links = Company.representatives.through.objects.select_related("company")
    CompanyClaim.objects.bulk_create(
        [CompanyClaim(user_id=link.user_id, company=link.company, siret=link.company.siret,
                      name=link.company.name, address=link.company.address,
                      postal_code=link.company.postal_code, city=link.company.city,
                      role="legal_representative", status="accepted", reviewed_at=now)
         for link in links.iterator()],
        batch_size=1000)


def claims_to_links(apps, schema_editor):
    Company = apps.get_model("accounts", "Company")
    CompanyClaim = apps.get_model("accounts", "CompanyClaim")
    Company.representatives.through.objects.bulk_create(
        [Company.representatives.through(company_id=claim.company_id, user_id=claim.user_id)
         for claim in CompanyClaim.objects.filter(status="accepted").iterator()],
        batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_company_claims")]

    operations = [migrations.RunPython(links_to_claims, claims_to_links)]
