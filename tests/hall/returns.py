"""A hall's return made in the test's own database: the package loaded as a second copy of
the congress, one box typed twice on it, and its signed return."""

import io
import json
import zipfile

from daihoi.elections import entry
from daihoi.elections.models import Election
from daihoi.hall import keys
from daihoi.hall.export import export_package
from daihoi.hall.giveback import build_return
from daihoi.hall.load import import_package

BALLOTS = ([5], [4], [])


def counted_return(organiser, congress, counting) -> bytes:
    package, _content, _key = export_package(organiser, congress)
    copy = import_package(bytes(package.file), keys.package_key(str(package.package_id))).congress
    box = entry.create_batch(
        counting.leader,
        Election.objects.get(congress=copy),
        team=copy.counting_teams.get(),
        number=1,
    )
    for op in (counting.op1, counting.op2):
        typed = entry.start_entry(op, box)
        for struck in BALLOTS:
            entry.save_ballot(op, typed, {"struck": struck})
        entry.finalise_entry(op, typed)
    return build_return(copy)


def with_data_changed(content: bytes) -> bytes:
    """The return with one ballot changed in data.json, its signed manifest as it was."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        manifest = archive.read("manifest.json")
        data = json.loads(archive.read("data.json"))
    data["rows"]["elections.CountedBallot"][0]["f"]["content"] = {"struck": [1, 2, 3]}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False))
    return out.getvalue()


def upload(content: bytes):
    file = io.BytesIO(content)
    file.name = "ket-qua.zip"
    return file
