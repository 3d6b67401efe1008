from django.db import migrations

# One round trip per reference: the function creates the year's sequence on first use, and
# PL/pgSQL's exception blocks replace the client's savepoints.
CREATE = """
CREATE OR REPLACE FUNCTION guichet_next_reference(sequence_name text) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    RETURN nextval(sequence_name);
EXCEPTION WHEN undefined_table THEN
    BEGIN
        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', sequence_name);
    EXCEPTION WHEN unique_violation THEN
        NULL;  -- created at the same moment by another submission
    END;
    RETURN nextval(sequence_name);
END;
$$;
"""
DROP = "DROP FUNCTION IF EXISTS guichet_next_reference(text);"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("procedures", "0002_notifications")]
    operations = [migrations.RunPython(create, drop)]
