import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def number_entries(apps, schema_editor):
    """Chain positions for existing rows, in the order they were appended."""
    AuditEntry = apps.get_model("audit", "AuditEntry")
    for seq, pk in enumerate(AuditEntry.objects.order_by("id").values_list("id", flat=True), 1):
        AuditEntry.objects.filter(pk=pk).update(seq=seq)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("organizations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.RunPython(number_entries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(unique=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="organizations.organization",
            ),
        ),
        migrations.AddField(
            model_name="audithead",
            name="key_id",
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AddField(
            model_name="audithead",
            name="mac",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["action", "at"], name="audit_action_at_idx"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["at"], name="audit_at_idx"),
        ),
        migrations.CreateModel(
            name="ChainCheck",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField()),
                ("ok", models.BooleanField()),
                ("checked", models.PositiveBigIntegerField()),
                ("head_hash", models.CharField(blank=True, max_length=64)),
                ("problems", models.JSONField(default=list)),
                (
                    "by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"ordering": ["-at"]},
        ),
    ]
