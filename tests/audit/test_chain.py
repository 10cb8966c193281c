"""Tampering with the audit chain, one case per way an insider with database access
(but not the key file) could try to hide a change. Runs on SQLite and, with
DATABASE_URL, on PostgreSQL (.ci/run)."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daihoi.audit.anchor import make_anchor
from daihoi.audit.chain import GENESIS, canonical, entry_hash, fields_of, head_mac
from daihoi.audit.models import AuditEntry, AuditHead
from daihoi.audit.services import record
from daihoi.audit.verify import verify_chain
from daihoi.people.services import update_member


def nth(n: int) -> AuditEntry:
    return AuditEntry.objects.get(seq=n)


def test_it_writes_one_entry_per_change_with_before_and_after(members):
    before_count = AuditEntry.objects.count()
    update_member(None, members.an, given_name="Anh")
    entry = AuditEntry.objects.latest("seq")
    assert AuditEntry.objects.count() == before_count + 1
    assert entry.action == "member.update" and entry.seq == before_count + 1
    assert entry.before["given_name"] == "An" and entry.after["given_name"] == "Anh"
    assert entry.organization_id == members.an.organization_id


def test_it_verifies_an_intact_chain(members):
    report = verify_chain()
    assert report.ok, report.problems
    assert report.checked == AuditEntry.objects.count() > 0
    assert report.head_hash == AuditEntry.objects.latest("seq").hash


def test_it_keeps_a_long_summary_verifiable(tree):
    with transaction.atomic():
        record(None, "test.long", tree.province, summary="x" * 500)
    assert verify_chain().ok


@pytest.mark.parametrize(
    "field,value",
    [
        ("summary", "sửa trộm"),
        ("actor_name", "nguoi_khac"),
        ("action", "member.delete"),
        ("object_id", "999"),
        ("organization_id", None),
        ("after", {"given_name": "Giả"}),
        ("at", "2020-01-01T00:00:00+00:00"),
    ],
)
def test_it_detects_an_edited_field(members, field, value):
    victim = nth(4)
    AuditEntry.objects.filter(pk=victim.pk).update(**{field: value})
    report = verify_chain()
    assert report.codes[:1] == ["entry_edited"]
    assert report.problems[0].seq == 4 and report.first_bad_id == victim.pk
    with pytest.raises(CommandError, match="HỎNG"):
        call_command("audit", "verify")


def test_it_detects_an_edited_actor_name_of_a_real_user(members, users):
    update_member(users.province, members.an, given_name="Anh")
    victim = AuditEntry.objects.latest("seq")
    assert victim.actor_name == "tinh"
    AuditEntry.objects.filter(pk=victim.pk).update(actor_name="dong")
    assert verify_chain().codes == ["entry_edited"]


def test_it_detects_a_deleted_row(members):
    nth(3).delete()
    report = verify_chain()
    assert report.codes == ["entry_removed"] and report.problems[0].seq == 4


def test_it_detects_deleted_newest_rows(members):
    total = AuditEntry.objects.count()
    AuditEntry.objects.filter(seq__gt=total - 2).delete()
    assert verify_chain().codes == ["head_mismatch"]


def test_it_detects_deleted_newest_rows_with_the_head_rolled_back(members):
    total = AuditEntry.objects.count()
    AuditEntry.objects.filter(seq__gt=total - 2).delete()
    last = AuditEntry.objects.latest("seq")
    AuditHead.objects.filter(id=1).update(last_hash=last.hash, count=last.seq)
    assert verify_chain().codes == ["head_forged"]


def test_it_detects_every_row_deleted(members):
    AuditEntry.objects.all().delete()
    assert verify_chain().codes == ["head_mismatch"]


def test_it_detects_every_row_and_the_head_deleted(members):
    AuditEntry.objects.all().delete()
    AuditHead.objects.all().delete()
    assert verify_chain().codes == ["chain_emptied"]


def test_it_detects_an_inserted_row(members):
    third = nth(3)
    # Make room after entry 3 and insert a forged entry that links to it.
    for entry in AuditEntry.objects.filter(seq__gt=3).order_by("-seq"):
        AuditEntry.objects.filter(pk=entry.pk).update(seq=entry.seq + 1)
    AuditEntry.objects.create(
        seq=4,
        at=third.at,
        action="member.update",
        object_type="people.member",
        object_id="1",
        prev_hash=third.hash,
        hash="f" * 64,
    )
    report = verify_chain()
    assert report.codes == ["entry_edited"] and report.problems[0].seq == 4


def _recompute(key: bytes) -> None:
    """What an insider does after editing a row: rehash everything with the key they have."""
    prev = GENESIS
    for entry in AuditEntry.objects.order_by("seq"):
        entry.prev_hash = prev
        entry.hash = entry_hash(key, {**fields_of(entry), "prev_hash": prev})
        AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=entry.prev_hash, hash=entry.hash)
        prev = entry.hash
    AuditHead.objects.filter(id=1).update(last_hash=prev, mac=head_mac(key, entry.seq, prev))


def test_it_detects_a_chain_recomputed_without_the_key(members):
    AuditEntry.objects.filter(seq=2).update(summary="sửa trộm")
    _recompute(b"k" * 32)  # the attacker's guess: not the key in the key file
    assert verify_chain().codes == ["entry_edited"]


def test_a_chain_recomputed_with_the_key_is_still_caught_by_a_published_anchor(members, tmp_path):
    anchor = make_anchor()
    path = tmp_path / "anchor.json"
    path.write_text(json.dumps(anchor))
    from daihoi.audit.keys import load_key

    AuditEntry.objects.filter(seq=2).update(summary="sửa trộm")
    _recompute(load_key())  # even the key holder cannot match what was published
    assert verify_chain().ok
    report = verify_chain(anchors=[anchor])
    assert report.codes == ["anchor_mismatch"] and report.problems[0].seq == anchor["seq"]
    with pytest.raises(CommandError, match="anchor_mismatch"):
        call_command("audit", "verify", "--anchor", str(path))


def test_the_anchor_is_signed(members):
    anchor = make_anchor()
    assert anchor["seq"] == AuditEntry.objects.count()
    assert anchor["head"] == AuditEntry.objects.latest("seq").hash
    assert verify_chain(anchors=[anchor]).ok
    forged = {**anchor, "seq": 2, "head": nth(2).hash}
    assert verify_chain(anchors=[forged]).codes == ["anchor_bad_signature"]


def test_the_command_exports_an_anchor(members, tmp_path, capsys):
    out = tmp_path / "moc.json"
    call_command("audit", "anchor", "--out", str(out))
    anchor = json.loads(out.read_text())
    assert anchor["head"] == AuditHead.objects.get().last_hash
    call_command("audit", "verify", "--anchor", str(out))
    assert "OK" in capsys.readouterr().out


def test_it_refuses_to_go_on_without_the_key(members, tmp_path):
    with override_settings(AUDIT_KEY_FILE=str(tmp_path / "missing.key")):
        assert verify_chain().codes == ["key_missing"]
        with pytest.raises(Exception, match="khóa"), transaction.atomic():
            update_member(None, members.an, given_name="Anh")


def test_it_reports_a_different_key(members, tmp_path):
    other = tmp_path / "other.key"
    other.write_text("ab" * 32)
    with override_settings(AUDIT_KEY_FILE=str(other)):
        assert verify_chain().codes == ["entry_edited"]


def test_the_hash_covers_the_documented_fields():
    assert canonical({"b": 1, "a": "ấ"}) == '{"a":"ấ","b":1}'


class _Rollback(Exception):
    pass


FIELDS = st.sampled_from(
    ["summary", "actor_name", "action", "object_type", "object_id", "organization_id", "after"]
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), field=FIELDS)
def test_any_single_edit_of_any_entry_is_named(members, data, field):
    """The rule, over its space: whichever entry and field is changed, to whatever value,
    the check stops at that entry and no earlier."""
    total = AuditEntry.objects.count()
    seq = data.draw(st.integers(1, total), label="seq")
    victim = nth(seq)
    current = getattr(victim, field)
    if field == "organization_id":
        value = data.draw(
            st.one_of(st.none(), st.integers(1, 10**6)).filter(lambda v: v != current)
        )
    elif field == "after":
        value = data.draw(st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))
        if value == current:
            value = {"x": 1}
    else:
        value = data.draw(st.text(min_size=1, max_size=20).filter(lambda v: "\x00" not in v))
        if value == current:
            value += "x"
    try:
        with transaction.atomic():
            AuditEntry.objects.filter(pk=victim.pk).update(**{field: value})
            report = verify_chain(extra=False)
            assert report.codes == ["entry_edited"] and report.problems[0].seq == seq
            raise _Rollback
    except _Rollback:
        pass


def test_a_code_typed_back_from_the_minutes_is_checked(members):
    from daihoi.audit.keys import load_key

    entry = nth(5)
    printed = f"#{entry.seq}: " + " ".join(entry.hash[i : i + 8] for i in range(0, 64, 8))
    assert verify_chain(printed=[printed]).ok
    AuditEntry.objects.filter(seq=2).update(summary="sửa trộm")
    _recompute(load_key())
    assert verify_chain(printed=[printed]).codes == ["printed_mismatch"]
    with pytest.raises(CommandError, match="printed_mismatch"):
        call_command("audit", "verify", "--printed", printed)
    assert verify_chain(printed=["12:abc"]).codes == ["printed_invalid"]
