"""What production needs from day one: the aid desk and the March 2020 solidarity fund
(décret n° 2020-371 du 30 mars 2020, articles 2 and 3; the values are copied here, as a
migration must not follow later changes of procedures/crisis_aid/rules.py)."""

import datetime
from decimal import Decimal

from django.db import migrations

AID_DESK = {"code": "guichet-aides", "name": "Guichet des aides aux entreprises", "kind": "aid",
            "email": "aides@villebourg.example"}


def create(apps, schema_editor):
    Service = apps.get_model("accounts", "Service")
    AidScheme = apps.get_model("crisis_aid", "AidScheme")
    Service.objects.get_or_create(code=AID_DESK["code"], defaults=AID_DESK)
    AidScheme.objects.get_or_create(name="Fonds de solidarité — mars 2020", defaults={
        "covers_from": datetime.date(2020, 3, 1), "covers_until": datetime.date(2020, 3, 31),
        "loss_month": datetime.date(2020, 3, 1), "max_employees": 10,
        "turnover_ceiling": Decimal("1000000"), "taxable_profit_ceiling": Decimal("60000"),
        "min_loss_percent": Decimal("50"), "aid_cap": Decimal("1500"),
        "closure_qualifies": True, "decided_by_system": True, "is_open": True,
        "legal_source": "Décret n° 2020-371 du 30 mars 2020, articles 2 et 3",
    })


class Migration(migrations.Migration):
    dependencies = [("crisis_aid", "0001_initial"), ("accounts", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
