"""Issue 20.4, the hall without a network, end to end: the server (the suite's database,
PostgreSQL in CI's second run) issues a package; the hall (its own SQLite file, its own
audit key, driven by `daihoi` subprocesses) loads it, counts and publishes offline, and
writes its return; the server refuses a tampered return and a return over a conflicting
change, then takes the genuine one, once, with the same result and a chain that verifies."""

import hashlib
import io
import json
import re
import zipfile

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from daihoi.audit.models import AuditEntry
from daihoi.audit.verify import verify_chain
from daihoi.congresses.services import update_attendance
from daihoi.delegates import roster
from daihoi.delegates.models import Attendance, CheckIn, Delegate
from daihoi.elections import results
from daihoi.elections.models import BallotDecision, CountedBallot, ElectionStatus, EnteredBallot
from daihoi.hall import keys
from daihoi.hall.conflicts import ServerChanged
from daihoi.hall.export import export_package
from daihoi.hall.fileformat import HallFileError
from daihoi.hall.merge import import_return
from tests.conftest import make_member

# Run on the hall's machine: two operators type two boxes, the leader decides the one
# ballot they read differently, the organiser records the ballots issued and publishes.
HALL_COUNT = """
import json
from daihoi.accounts.models import User
from daihoi.elections import entry, results
from daihoi.elections.models import CountingTeam, Election
from daihoi.elections.services_extra import set_ballots_issued
e = Election.objects.get(congress_id=CONGRESS, title="Bầu Ban Chấp hành")
team = CountingTeam.objects.get(congress_id=CONGRESS)
op1, op2, leader, organiser = (User.objects.get(username=u) for u in ("nhap1", "nhap2", "truong_to", "dong"))
from daihoi.delegates.attendance import check_in
check_in(organiser, e.congress, "1")  # the first delegate's card, typed at the door
def enter(op, batch, ballots, undo=False):
    en = entry.start_entry(op, batch)
    for struck in ballots:
        entry.save_ballot(op, en, {"struck": struck})
    if undo:
        entry.undo_last_ballot(op, en)
        entry.save_ballot(op, en, {"struck": ballots[-1]})
    entry.finalise_entry(op, en)
one = entry.create_batch(leader, e, team=team, number=1)
enter(op1, one, [[5], [5], [4], [], [1, 2]])
enter(op2, one, [[5], [5], [4], [], [1, 2]])
two = entry.create_batch(leader, e, team=team, number=2)
enter(op1, two, [[5], [4], [2], [1]], undo=True)
enter(op2, two, [[5], [4], [3], [1]])
entry.resolve_differences(leader, two, {3: 1}, "Đối chiếu phiếu gốc")
set_ballots_issued(organiser, e, 10)
published = results.publish_result(organiser, e)
print(json.dumps({"elected": published.data["elected"], "votes": [c["votes"] for c in published.data["candidates"]]}))
"""


def _rezip(content: bytes, change) -> bytes:
    """The file with data.json changed and its digest fixed (only the signature can tell)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = json.loads(archive.read("data.json"))
    change(data)
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    manifest["data_sha256"] = hashlib.sha256(body).hexdigest()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("data.json", body)
    return out.getvalue()


def _rename_first_candidate(data):
    data["rows"]["elections.Candidate"][0]["f"]["full_name"] = "Người Lạ Mặt"


def _one_more_vote(data):
    counted = data["rows"]["elections.CountedBallot"]
    counted[0]["f"]["content"] = {"struck": []}


def _hall_state(hall, congress_id: int) -> dict:
    code = (
        "import json\n"
        "from daihoi.elections.models import *\n"
        "from daihoi.congresses.models import Congress\n"
        f"c = {congress_id}\n"
        "print(json.dumps({'elections': Election.objects.filter(congress_id=c).count(),"
        " 'candidates': Candidate.objects.filter(election__congress_id=c).count(),"
        " 'congresses': Congress.objects.count(), 'teams': CountingTeam.objects.count()}))"
    )
    return json.loads(hall.run("shell", "-c", code).stdout.strip().splitlines()[-1])


def test_it_counts_offline_and_returns_once(
    tmp_path, hall, tree, congress, counting, election, users
):
    # A counter's password as the server hashes it in production (PBKDF2, fewer rounds here).
    counting.op1.password = PBKDF2PasswordHasher().encode("mat-khau-9xq", "hall1234", 1000)
    counting.op1.save(update_fields=["password"])
    cell = tree.east_cells[0]
    for i, given in enumerate(("Hùng", "Lan"), 1):
        member = make_member(cell, f"DB{i}", given=given)
        roster.add_delegate(users.east, congress, member, kind="elected", delegation=cell)
    package, content, key = export_package(users.east, congress)
    package_file, key_text = tmp_path / "goi.zip", keys.show(key)
    package_file.write_bytes(content)

    # The hall refuses a package changed on the way, and the right file under a wrong key.
    tampered = tmp_path / "goi-sua.zip"
    tampered.write_bytes(_rezip(content, _rename_first_candidate))
    refused = hall.run("hall", "import", str(tampered), "--key", key_text, check=False)
    assert refused.returncode != 0 and "bad_signature" in refused.stderr
    wrong = keys.show(bytes(16))
    refused = hall.run("hall", "import", str(package_file), "--key", wrong, check=False)
    assert refused.returncode != 0 and "bad_signature" in refused.stderr

    # Loaded twice: the second time changes nothing.
    out = hall.run("hall", "import", str(package_file), "--key", key_text).stdout
    hall_congress = int(re.search(r"đại hội #(\d+)", out).group(1))
    before = _hall_state(hall, hall_congress)
    again = hall.run("hall", "import", str(package_file), "--key", key_text).stdout
    assert "đã được nạp trước đó" in again
    assert _hall_state(hall, hall_congress) == before
    assert before["elections"] == 1 and before["candidates"] == 5

    # The counter signs in at the hall with the server's password (not the laptop's old one).
    check = "print(User.objects.get(username='nhap1').check_password('mat-khau-9xq'))"
    assert hall.run("shell", "-c", check).stdout.strip().splitlines()[-1] == "True"

    counted = hall.run("shell", "-c", HALL_COUNT.replace("CONGRESS", str(hall_congress)))
    hall_result = json.loads(counted.stdout.strip().splitlines()[-1])
    hall.run("audit", "verify")
    return_file = tmp_path / "ket-qua.zip"
    hall.run("hall", "return", str(hall_congress), "-o", str(return_file))
    returned = return_file.read_bytes()

    # A return changed on the way is refused, and nothing is written.
    with pytest.raises(HallFileError) as error:
        import_return(users.east, _rezip(returned, _one_more_vote))
    assert error.value.code == "bad_signature"
    # A change on the server since the export is refused, naming what differs.
    update_attendance(users.east, congress, summoned=11, present=9)
    with pytest.raises(ServerChanged) as error:
        import_return(users.east, returned)
    assert "present" in str(error.value) and "10" in str(error.value) and "9" in str(error.value)
    assert not CountedBallot.objects.exists()
    update_attendance(users.east, congress, summoned=11, present=10)  # put back as exported

    merged = import_return(users.east, returned)
    assert merged.created and merged.entries > 0
    election.refresh_from_db()
    assert election.status == ElectionStatus.PUBLISHED
    server_result = results.compute_result(election)
    assert server_result["elected"] == hall_result["elected"]
    assert [c["votes"] for c in server_result["candidates"]] == hall_result["votes"]
    assert election.published.data["elected"] == hall_result["elected"]
    assert CountedBallot.objects.filter(batch__election=election).count() == 9
    assert BallotDecision.objects.filter(batch__election=election).count() == 1
    assert EnteredBallot.objects.filter(entry__batch__election=election).count() == 18
    first, second = Delegate.objects.filter(congress=congress).order_by("number")
    assert (first.attendance, second.attendance) == (Attendance.PRESENT, Attendance.PENDING)
    assert CheckIn.objects.filter(congress=congress, delegate=first).count() == 1
    report = verify_chain()
    assert report.ok, report.problems
    assert AuditEntry.objects.filter(action="hall.entry").count() == merged.entries

    # The same return again: nothing doubled.
    counts = (AuditEntry.objects.count(), CountedBallot.objects.count())
    assert not import_return(users.east, returned).created
    assert (AuditEntry.objects.count(), CountedBallot.objects.count()) == counts
