"""The random floor production starts with: a share of the declarations sent to each lane
whatever the rules, the baseline against which each rule's hit rate is read. Administrators
change them in the admin."""

from decimal import Decimal

from django.db import migrations

RATES = {"red": Decimal("0.0100"), "orange": Decimal("0.0300"), "blue": Decimal("0.0500")}


def create(apps, schema_editor):
    RandomRate = apps.get_model("customs", "RandomRate")
    for lane, rate in RATES.items():
        RandomRate.objects.get_or_create(lane=lane, defaults={"rate": rate})


def remove(apps, schema_editor):
    apps.get_model("customs", "RandomRate").objects.filter(lane__in=RATES).delete()


class Migration(migrations.Migration):
    dependencies = [("customs", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
