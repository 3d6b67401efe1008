"""On PostgreSQL the database itself refuses to update or delete an audit row or a digest
(only the tables' owner can disable the trigger, and the digest check still sees the result)."""

from django.db import migrations

TABLES = ("procedures_agentread", "procedures_auditdigest")
FUNCTION = """
CREATE OR REPLACE FUNCTION guichet_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are never changed nor deleted', TG_TABLE_NAME;
END $$;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(f"CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON {table} "
                              "FOR EACH ROW EXECUTE FUNCTION guichet_append_only()")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS guichet_append_only()")


class Migration(migrations.Migration):

    dependencies = [("procedures", "0009_audit_trail")]

    operations = [migrations.RunPython(install, remove)]
