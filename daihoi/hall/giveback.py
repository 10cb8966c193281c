"""`daihoi hall return`: the hall's signed results for the server (hall side).

Every carried row of the congress as the hall holds it now (the server's rows by
their server reference, the hall's new rows as ``h<pk>``), and every audit entry
the hall wrote since the package was loaded, with their chain links. The hall's
own chain is verified first: a broken chain is never sent.
"""

from django.apps import apps
from django.utils import timezone

from daihoi.audit.models import AuditEntry
from daihoi.audit.verify import verify_chain

from . import fileformat, rows
from .export import usernames_for
from .fileformat import HallFileError
from .models import HallImport


def _ref_maker(done: HallImport):
    reverse = {label: {pk: ref for ref, pk in refs.items()} for label, refs in done.ids.items()}

    def ref(label: str, pk) -> str:
        return reverse.get(label, {}).get(int(pk), f"h{pk}")

    return ref


def _object_ref(ref, object_type: str, object_id: str) -> str | None:
    """The entry's object as a row reference, when it is a carried row."""
    try:
        label = apps.get_model(object_type)._meta.label
    except (LookupError, ValueError):
        return None
    if label not in rows.LABELS or not object_id.isdigit():
        return None
    return ref(label, object_id)


def chain_since(done: HallImport, ref) -> dict:
    entries = []
    for e in AuditEntry.objects.filter(seq__gt=done.chain_start_seq).order_by("seq"):
        entries.append(
            {
                "seq": e.seq,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
                "at": e.at.isoformat(),
                "actor": e.actor_name,
                "action": e.action,
                "object_type": e.object_type,
                "object_id": e.object_id,
                "object_ref": _object_ref(ref, e.object_type, e.object_id),
                "summary": e.summary,
                "before": e.before,
                "after": e.after,
            }
        )
    start = {"seq": done.chain_start_seq, "hash": done.chain_start_hash}
    return {"start": start, "entries": entries, "verified_on_hall": True}


def build_return(congress) -> bytes:
    done = HallImport.objects.filter(congress=congress).order_by("-imported_at").first()
    if done is None:
        raise HallFileError("no_package", "Đại hội này không được nạp từ gói hội trường.")
    report = verify_chain()
    if not report.ok:
        raise HallFileError(
            "hall_chain_broken", f"Nhật ký của máy hội trường không toàn vẹn: {report.problem}"
        )
    ref = _ref_maker(done)
    usernames = usernames_for(rows.user_ids(congress.pk))
    data = {
        "rows": rows.snapshot(congress.pk, ref, usernames),
        "users": sorted(usernames.values()),
        "chain": chain_since(done, ref),
    }
    server_congress = ref("congresses.Congress", congress.pk)
    manifest = {
        "package_id": str(done.package_id),
        "congress": {"ref": server_congress, "name": congress.name},
        "created_at": timezone.now().isoformat(),
    }
    return fileformat.write(fileformat.RETURN, bytes.fromhex(done.key), manifest, data)
