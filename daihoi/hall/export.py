"""`daihoi hall export`: the signed package of what a congress's hall needs (server side)."""

import dataclasses
import hashlib
import json
import uuid

from django.db import transaction
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.audit.chain import canonical
from daihoi.audit.services import record
from daihoi.elections.lists import ballot_spec
from daihoi.elections.models import Election

from . import fileformat, rows
from .keys import package_key
from .models import HallPackage
from .refrows import reference_rows

USER_FIELDS = (
    "username",
    "password",
    "full_name",
    "first_name",
    "last_name",
    "role",
    "is_active",
    "is_staff",
    "is_superuser",
)


def server_ref(label: str, pk: int) -> str:
    return f"s{pk}"


def printed_layout(election) -> dict:
    """What the ballot paper prints (ids left out): the hall checks it prints the same."""
    printed = dataclasses.asdict(ballot_spec(election))
    for name in ("election_id", "layout_id"):
        printed.pop(name)
    return json.loads(json.dumps(printed, ensure_ascii=False))  # tuples become lists


def state_digest(snapshot: dict) -> str:
    return hashlib.sha256(canonical(snapshot).encode("utf-8")).hexdigest()


def usernames_for(ids) -> dict[int, str]:
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "username"))


def server_snapshot(congress) -> dict:
    """The carried rows as the server holds them now (package at export, check at return)."""
    return rows.snapshot(congress.pk, server_ref, usernames_for(rows.user_ids(congress.pk)))


def _data(actor, congress) -> dict:
    ids = rows.user_ids(congress.pk) | ({actor.pk} if getattr(actor, "pk", None) else set())
    users = User.objects.filter(pk__in=ids).order_by("username")
    locked = Election.objects.filter(congress=congress, list_locked_at__isnull=False)
    snapshot = server_snapshot(congress)
    return {
        "references": reference_rows(snapshot),
        "users": [{f: getattr(u, f) for f in USER_FIELDS} for u in users],
        "rows": snapshot,
        "layouts": {f"s{e.pk}": printed_layout(e) for e in locked.order_by("pk")},
    }


@transaction.atomic
def export_package(actor, congress) -> tuple[HallPackage, bytes, bytes]:
    """Issue a package: (its record, the file, the key to give the hall separately)."""
    package_id = str(uuid.uuid4())
    data = _data(actor, congress)
    key = package_key(package_id)
    now = timezone.now()
    manifest = {
        "package_id": package_id,
        "congress": {"id": congress.pk, "name": congress.name},
        "created_at": now.isoformat(),
    }
    content = fileformat.write(fileformat.PACKAGE, key, manifest, data)
    package = HallPackage.objects.create(
        package_id=package_id,
        congress=congress,
        created_at=now,
        created_by=actor if getattr(actor, "pk", None) else None,
        state_digest=state_digest(data["rows"]),
        file=content,
    )
    record(
        actor,
        "hall.export",
        congress,
        summary=f"gói hội trường {package_id}",
        after={
            "package": package_id,
            "state_digest": package.state_digest,
            "file_sha256": hashlib.sha256(content).hexdigest(),
            "rows": {label: len(items) for label, items in data["rows"].items()},
            "users": len(data["users"]),
        },
    )
    return package, content, key
