"""One request per company and scheme, held by the database: a unique index over the engine's
case table (the engine's migrations know nothing of it), on the company and the scheme the
assessment stored at submission names, for filed requests of this procedure only."""

from django.db import migrations

NAME = "crisis_aid_one_request_per_company_and_scheme"
SCHEME = {"postgresql": "(computed ->> 'scheme')", "sqlite": "json_extract(computed, '$.scheme')"}


def create(apps, schema_editor):
    schema_editor.execute(
        f"CREATE UNIQUE INDEX {NAME} ON procedures_case "
        f"(company_id, {SCHEME[schema_editor.connection.vendor]}) "
        "WHERE procedure = 'crisis_aid' AND status NOT IN ('draft', 'discarded', 'withdrawn')")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {NAME}")


class Migration(migrations.Migration):
    dependencies = [("crisis_aid", "0002_march_2020"), ("procedures", "0005_case_foreign_keys_indexed_by_composites")]
    operations = [migrations.RunPython(create, drop)]
