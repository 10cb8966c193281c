"""Elections made before sittings existed carried a hand-typed base (`base_override`).

Each distinct (congress, typed base) becomes a first-meeting sitting marked
`legacy_base` = that number, and those elections are attached to it, so an old
result is computed and printed as it was, named as a typed figure.
"""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Election = apps.get_model("elections", "Election")
    Sitting = apps.get_model("elections", "Sitting")
    typed = Election.objects.filter(base_override__isnull=False).order_by("congress_id", "id")
    made = {}
    for election in typed:
        key = (election.congress_id, election.base_override)
        if key not in made:
            made[key] = Sitting.objects.create(
                congress_id=election.congress_id,
                kind="first_meeting",
                title="Hội nghị Ban Chấp hành lần thứ nhất (cơ sở nhập tay trước đây)",
                legacy_base=election.base_override,
                opened_at=timezone.now(),
            )
        election.sitting = made[key]
        election.save(update_fields=["sitting"])


def backwards(apps, schema_editor):
    Election = apps.get_model("elections", "Election")
    for election in Election.objects.filter(sitting__legacy_base__isnull=False).select_related(
        "sitting"
    ):
        election.base_override = election.sitting.legacy_base
        election.sitting = None
        election.save(update_fields=["base_override", "sitting"])
    apps.get_model("elections", "Sitting").objects.filter(legacy_base__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [("elections", "0004_first_meeting_sittings")]
    operations = [migrations.RunPython(forwards, backwards)]
