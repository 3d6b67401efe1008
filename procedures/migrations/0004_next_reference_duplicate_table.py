from django.db import migrations

# Two first submissions of a year racing to create its sequence: the loser gets
# unique_violation or duplicate_table, depending on when the winner commits. Both mean "it
# exists now".
CREATE = """
CREATE OR REPLACE FUNCTION guichet_next_reference(sequence_name text) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    RETURN nextval(sequence_name);
EXCEPTION WHEN undefined_table THEN
    BEGIN
        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', sequence_name);
    EXCEPTION WHEN unique_violation OR duplicate_table THEN
        NULL;  -- created at the same moment by another submission
    END;
    RETURN nextval(sequence_name);
END;
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


class Migration(migrations.Migration):
    dependencies = [("procedures", "0003_next_reference_function")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
