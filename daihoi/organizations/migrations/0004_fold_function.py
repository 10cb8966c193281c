# The database function daihoi_fold(text) for accent-insensitive search (daihoi/dbfold.py).
# SQLite gets it from Python on each connection; PostgreSQL needs it created once.

from django.db import migrations


def create_fold(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from daihoi.dbfold import postgres_create_sql

        schema_editor.execute(postgres_create_sql())


def drop_fold(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS daihoi_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("organizations", "0003_history")]

    operations = [migrations.RunPython(create_fold, drop_fold, elidable=False)]
