from django.db import migrations


def create_pattern_index(apps, schema_editor):
    # PostgreSQL's default b-tree index cannot serve `path LIKE 'x%'` under a
    # non-C collation; varchar_pattern_ops can. SQLite's index serves it as is.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS org_path_like_idx "
            "ON organizations_organization (path varchar_pattern_ops)"
        )


def drop_pattern_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS org_path_like_idx")


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(create_pattern_index, drop_pattern_index)]
