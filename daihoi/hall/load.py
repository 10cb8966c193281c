"""`daihoi hall import`: load a package on the hall's machine (any SQLite database with
the schema, empty or holding other data). Loading the same package again changes nothing."""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.audit.models import AuditHead
from daihoi.audit.services import record
from daihoi.congresses.models import Congress
from daihoi.elections.models import Election
from daihoi.organizations.models import Organization

from . import apply, fileformat, rows
from .export import USER_FIELDS, printed_layout
from .fileformat import HallFileError
from .models import HallImport
from .refrows import load_references
from .seals import reseal

CONGRESS = "congresses.Congress"


@dataclass
class Loaded:
    congress: Congress
    created: bool  # False: this package was already loaded, nothing changed
    rows: int = 0


def package_id_of(manifest: dict) -> str:
    try:
        return str(uuid.UUID(str(manifest.get("package_id"))))
    except ValueError:
        raise HallFileError("bad_manifest", "Mã gói (package_id) không hợp lệ.") from None


def import_package(content: bytes, key: bytes, actor=None) -> Loaded:
    manifest, data, _ = fileformat.read(fileformat.PACKAGE, content)
    fileformat.check_signature(key, manifest)
    package_id = package_id_of(manifest)
    done = HallImport.objects.filter(package_id=package_id).select_related("congress").first()
    if done is not None:
        return Loaded(done.congress, created=False)
    try:
        return _load(package_id, key, data, actor)
    except IntegrityError as error:  # e.g. a card token this database already gave someone
        raise HallFileError(
            "rows_conflict", f"Gói vi phạm ràng buộc dữ liệu ở đây: {error}"
        ) from None


@transaction.atomic
def _load(package_id: str, key: bytes, data: dict, actor) -> Loaded:
    shape = apply.check_shape(data)
    if [i["id"][0] for i in shape[CONGRESS]] != ["s"]:
        raise HallFileError("bad_rows", "Gói phải có đúng một đại hội của máy chủ.")
    refs = apply.Refs({})
    load_references(actor, data.get("references"), refs)
    congress_org = shape[CONGRESS][0]["f"].get("organization")
    org = Organization.objects.get(pk=refs.get(rows.ORGANIZATION, congress_org, "đại hội"))
    users = _users(data.get("users"), org)
    for label in rows.LABELS:
        for item in shape[label]:
            if item["id"][0] != "s":
                raise HallFileError(
                    "bad_row", f"{label} {item['id']}: gói chỉ chứa dòng của máy chủ."
                )
        apply.create_all(label, shape[label], refs, users, {})
    for label, _field in rows.LATE:
        for item in shape[label]:
            apply.set_late(label, item, refs, users)
    congress = Congress.objects.get(pk=refs.known[CONGRESS][shape[CONGRESS][0]["id"]])
    _check_layouts(data.get("layouts"), refs)
    count = sum(len(items) for items in shape.values())
    _mark_loaded(actor, package_id, key, congress, refs, count, users)
    return Loaded(congress, created=True, rows=count)


def _mark_loaded(actor, package_id: str, key: bytes, congress, refs, count: int, users) -> None:
    """Audit the load, seal its boxes in this chain, and note where the hall's own entries
    start (the return carries the entries after that point)."""
    record(
        actor,
        "hall.import",
        congress,
        summary=f"nạp gói hội trường {package_id}",
        after={"package": package_id, "rows": count, "users": sorted(users)},
    )
    reseal(actor, congress.pk, "hall")
    head = AuditHead.objects.get(id=1)
    HallImport.objects.create(
        package_id=package_id,
        congress=congress,
        key=key.hex(),
        ids=refs.known,
        imported_at=timezone.now(),
        chain_start_seq=head.count,
        chain_start_hash=head.last_hash,
    )


def _users(items, org: Organization) -> dict[str, int]:
    """The package's accounts, by username: made, or brought up to the server's (password
    hash included, so each counter signs in at the hall as on the server)."""
    if not isinstance(items, list):
        raise HallFileError("bad_rows", "Gói thiếu danh sách người dùng.")
    out = {}
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict) or set(item) != set(USER_FIELDS):
            raise HallFileError("bad_rows", f"Người dùng thứ {i} trong gói không hợp lệ.")
        user = User.objects.filter(username=item["username"]).first() or User()
        sees_org = user.organization_id and org.path.startswith(user.organization.path)
        for name in USER_FIELDS:
            setattr(user, name, item[name])
        if not sees_org:
            user.organization = org
        user.save()
        out[user.username] = user.pk
    return out


def _check_layouts(layouts, refs: apply.Refs) -> None:
    """The hall prints the same ballot paper as the server would (names, order, titles)."""
    if not isinstance(layouts, dict):
        raise HallFileError("bad_rows", "Gói thiếu mẫu phiếu bầu.")
    for ref, expected in layouts.items():
        election = Election.objects.get(pk=refs.get("elections.Election", ref, "mẫu phiếu"))
        here = printed_layout(election)
        for name in sorted(set(here) | set(expected or {})):
            if here.get(name) != (expected or {}).get(name):
                raise HallFileError(
                    "layout_differs",
                    f"Phiếu bầu “{election.title}” in ở hội trường sẽ khác phiếu của máy chủ "
                    f"(mục {name}).",
                )
