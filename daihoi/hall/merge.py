"""`daihoi hall import-return`: take the hall's results back into the server.

In order, before anything is written: the file's limits and format, the package
(issued here, the key derived again), the signature, the hall's chain (each entry
linked to the one before, from the head the hall had when it loaded the package),
and the server's rows against the package as issued. Then, in one transaction:
the server's rows brought to the hall's values, the hall's new rows created, the
rows the hall removed deleted, the hall's audit entries copied into the server's
chain, boxes and publications sealed again, and the package marked returned.
The same return a second time changes nothing; another return of a returned
package is refused.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.audit.services import record
from daihoi.congresses.models import Congress
from daihoi.elections.delegate_seats import send_to_higher_roster
from daihoi.elections.models import PublishedResult

from . import apply, fileformat, rows
from .conflicts import ServerChanged, server_changes
from .fileformat import HallFileError
from .keys import package_key
from .load import package_id_of
from .models import HallPackage
from .refrows import known_on_server
from .seals import reseal


@dataclass
class Merged:
    congress: Congress
    created: bool  # False: this very return was already imported, nothing changed
    updated: int = 0
    added: int = 0
    removed: int = 0
    entries: int = 0
    changes: list = field(default_factory=list)


def check_chain(chain) -> list[dict]:
    """The hall's entries, each linked to the one before from the recorded start."""
    if not isinstance(chain, dict) or not isinstance(chain.get("entries"), list):
        raise HallFileError("bad_chain", "Tệp thiếu nhật ký của hội trường.")
    start = chain.get("start") or {}
    seq, prev = start.get("seq"), start.get("hash")
    if not isinstance(seq, int) or not isinstance(prev, str) or not chain.get("verified_on_hall"):
        raise HallFileError(
            "bad_chain", "Nhật ký hội trường thiếu điểm bắt đầu hoặc chưa kiểm tra."
        )
    for entry in chain["entries"]:
        if not isinstance(entry, dict) or entry.get("seq") != seq + 1:
            raise HallFileError("chain_gap", f"Nhật ký hội trường thiếu mục #{seq + 1}.")
        if entry.get("prev_hash") != prev:
            raise HallFileError(
                "chain_broken", f"Nhật ký hội trường: mục #{seq + 1} không nối với mục trước."
            )
        seq, prev = entry["seq"], entry.get("hash")
    return chain["entries"]


def _package(manifest: dict) -> HallPackage:
    package_id = package_id_of(manifest)
    package = HallPackage.objects.filter(package_id=package_id).first()
    if package is None:
        raise HallFileError("unknown_package", "Máy chủ này không xuất gói hội trường này.")
    fileformat.check_signature(package_key(package_id), manifest)
    return package


def _same_congress(package: HallPackage, congress) -> None:
    if congress is not None and package.congress_id != congress.pk:
        raise HallFileError("other_congress", "Tệp là kết quả hội trường của đại hội khác.")


def check_envelope(content: bytes, congress) -> HallPackage:
    """What the upload checks at once, before queueing the merge: the ZIP's limits, the
    manifest, the package it answers and its signature; the data is the merge job's."""
    package = _package(fileformat.peek(fileformat.RETURN, content))
    _same_congress(package, congress)
    return package


def import_return(actor, content: bytes, congress=None) -> Merged:
    """Merge a return; `congress`: refuse a return of another congress's package (the page)."""
    manifest, data, body = fileformat.read(fileformat.RETURN, content)
    package = _package(manifest)
    _same_congress(package, congress)
    try:
        return _merge(actor, package.pk, data, hashlib.sha256(body).hexdigest())
    except IntegrityError as error:  # e.g. two rows the hall made that the server's rules forbid
        raise HallFileError(
            "rows_conflict", f"Dữ liệu hội trường vi phạm ràng buộc: {error}"
        ) from None


@transaction.atomic
def _merge(actor, package_pk: int, data: dict, digest: str) -> Merged:
    package = HallPackage.objects.select_for_update().get(pk=package_pk)
    congress = package.congress
    if package.returned_at is not None:
        if package.return_digest == digest:
            return Merged(congress, created=False)
        raise HallFileError(
            "already_returned",
            "Gói này đã nhận kết quả hội trường khác; muốn tiếp tục, xuất gói mới.",
        )
    issued = fileformat.read(fileformat.PACKAGE, bytes(package.file))[1]
    changes = server_changes(package, issued)
    if changes:
        raise ServerChanged(changes)
    entries = check_chain(data.get("chain"))
    shape = apply.check_shape(data)
    outcome = Merged(congress, created=True)
    published_before = set(
        PublishedResult.objects.filter(election__congress=congress).values_list("pk", flat=True)
    )
    refs = _apply_rows(shape, _users(data.get("users")), outcome, congress, issued["references"])
    for entry in entries:
        _copy_entry(actor, entry, refs, congress.organization_id)
    outcome.entries = len(entries)
    reseal(actor, congress.pk, "hall-return")
    _send_new_delegates(actor, congress, published_before)
    _mark_returned(actor, package, outcome, entries, digest)
    return outcome


def _mark_returned(actor, package: HallPackage, outcome: Merged, entries, digest: str) -> None:
    record(
        actor,
        "hall.return_import",
        package.congress,
        summary=f"nhận kết quả hội trường của gói {package.package_id}",
        after={
            "package": str(package.package_id),
            "return_sha256": digest,
            "hall_head": entries[-1]["hash"] if entries else None,
            "updated": outcome.updated,
            "added": outcome.added,
            "removed": outcome.removed,
            "entries": outcome.entries,
        },
    )
    package.returned_at, package.return_digest = timezone.now(), digest
    package.save(update_fields=["returned_at", "return_digest"])


def _users(names) -> dict[str, int]:
    if not isinstance(names, list):
        raise HallFileError("bad_rows", "Tệp thiếu danh sách người dùng.")
    found = dict(User.objects.filter(username__in=names).values_list("username", "pk"))
    missing = sorted(set(names) - set(found))
    if missing:
        raise HallFileError(
            "unknown_user",
            f"Người dùng của hội trường không có trên máy chủ: {', '.join(missing)}.",
        )
    return found


def _apply_rows(shape: dict, users: dict, outcome: Merged, congress, references) -> apply.Refs:
    known = {
        label: {
            f"s{pk}": pk
            for pk in rows.model(label)
            .objects.filter(rows.scope(label, congress.pk))
            .values_list("pk", flat=True)
        }
        for label in rows.LABELS
    }
    refs = apply.Refs({**known, **known_on_server(references)})
    # First: a row the hall took back may share its natural key with one the hall made
    # since (an undone ballot's number, typed again).
    _delete_missing(shape, known, outcome)
    for label in rows.LABELS:
        new = [item for item in shape[label] if item["id"][0] == "h"]
        for item in shape[label]:
            if item["id"][0] == "s":
                where = f"{label} {item['id']}"
                changed = apply.update(label, refs.get(label, item["id"], where), item, refs, users)
                outcome.updated += bool(changed)
        apply.create_all(label, new, refs, users, {})
        outcome.added += len(new)
    for label, _field in rows.LATE:
        for item in shape[label]:
            apply.set_late(label, item, refs, users)
    return refs


def _delete_missing(shape: dict, known: dict, outcome: Merged) -> None:
    """Rows the hall no longer has (an undone ballot). A kept row the deletion would take
    with it is then missing for its update, and the whole return is refused."""
    for label in reversed(rows.LABELS):
        kept = {item["id"] for item in shape[label]}
        gone = [pk for ref, pk in known[label].items() if ref not in kept]
        if not gone:
            continue
        try:
            deleted, _ = rows.model(label).objects.filter(pk__in=gone).delete()
        except ProtectedError:
            raise HallFileError(
                "cannot_remove",
                f"Không xóa được {label} mà hội trường đã bỏ (còn dữ liệu khác dùng).",
            ) from None
        outcome.removed += len(gone)


def _copy_entry(actor, entry: dict, refs: apply.Refs, organization_id: int) -> None:
    """One hall entry into the server's chain, its object named by the server's key."""
    object_type = str(entry.get("object_type", ""))[:80]
    object_id = ""
    ref = entry.get("object_ref")
    if isinstance(ref, str):
        label = next((lb for lb in rows.LABELS if lb.lower() == object_type), None)
        if label is not None:
            object_id = str(refs.known[label].get(ref, ""))
    who = User.objects.filter(username=entry.get("actor") or "").first()
    record(
        who or actor,
        "hall.entry",
        object_type=object_type,
        object_id=object_id,
        organization=organization_id,
        summary=f"[Hội trường] {entry.get('action', '')}: {entry.get('summary', '')}",
        after={"hall": entry},
    )


def _send_new_delegates(actor, congress, before: set) -> None:
    """A delegates' election published at the hall fills the higher congress's roster here."""
    for result in PublishedResult.objects.filter(election__congress=congress).exclude(
        pk__in=before
    ):
        send_to_higher_roster(actor, result)


@transaction.atomic
def record_refusal(actor, congress, error: HallFileError) -> None:
    """A refused return is evidence too: who tried, and why it was refused."""
    record(
        actor,
        "hall.return_refused",
        congress,
        summary=str(error)[:300],
        after={"code": error.code, "message": str(error)},
    )


def record_download(actor, package: HallPackage) -> None:
    record(
        actor,
        "hall.download",
        package.congress,
        summary=f"tải gói hội trường {package.package_id}",
        after={"package": str(package.package_id)},
    )
