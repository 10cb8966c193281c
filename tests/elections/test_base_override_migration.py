"""Old elections with a hand-typed base stay readable: it moves to a legacy first-meeting sitting."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Organisations and members step back too: a column added after this point (national_code)
# would otherwise be NOT NULL under the historical models, which do not know it.
BEFORE = [
    ("elections", "0004_first_meeting_sittings"),
    ("organizations", "0004_fold_function"),
    ("people", "0002_assignments_transfers"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_typed_base_becomes_a_legacy_sitting_that_gives_the_same_base():
    old = migrate(BEFORE)
    Org = old.get_model("organizations", "Organization")
    Congress = old.get_model("congresses", "Congress")
    Election = old.get_model("elections", "Election")
    org = Org.objects.create(
        code="M1", name="Đảng bộ xã M", level="grassroots", kind="commune", path="0001/", depth=0
    )
    congress = Congress.objects.create(
        organization=org, name="Đại hội xã M", kind="delegates", summoned=120, present=118
    )
    typed = [
        Election.objects.create(congress=congress, kind=k, title=k, seats=1, base_override=33)
        for k in ("secretary", "inspection_chair")
    ]
    other = Election.objects.create(
        congress=congress, kind="standing_committee", title="BTV", seats=9, base_override=31
    )
    plain = Election.objects.create(congress=congress, kind="committee", title="BCH", seats=33)
    try:
        migrate(migrate_latest())
        from daihoi.elections import sittings
        from daihoi.elections.models import Election as Now

        for e in typed:
            f = sittings.figures(Now.objects.get(pk=e.pk))
            assert (f.base, f.sitting, f.voters) == (33, "first_meeting", "cấp ủy viên")
        assert sittings.figures(Now.objects.get(pk=other.pk)).base == 31
        assert (
            Now.objects.get(pk=typed[0].pk).sitting_id == Now.objects.get(pk=typed[1].pk).sitting_id
        )
        assert Now.objects.get(pk=plain.pk).sitting_id is None
        assert sittings.figures(Now.objects.get(pk=plain.pk)).base == 120
    finally:
        migrate(BEFORE)  # back and forth: the reverse step restores base_override
        assert Election.objects.get(pk=other.pk).base_override == 31
        migrate(migrate_latest())


def migrate_latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
