"""Writing a checked Plan: set-based SQL, history and audit in the caller's transaction.

Moving a subtree rewrites the paths of all its units in one UPDATE with string
functions (new prefix || SUBSTR(path, …)), portable between SQLite and
PostgreSQL; the members of a merged unit move in one UPDATE per source. History
follows with a few INSERT … SELECT statements (organizations.history,
people.history), whatever the number of rows.
"""

from django.db import connection
from django.db.models import Q

from daihoi.audit.services import record

from ..history import sync_versions
from ..models import Organization, Restructuring, path_segment
from .plan import NewUnit, Plan, Target

BATCH = 900  # ids per IN (...) list: below SQLite's older 999-parameter limit


def lowest_common_scope(plan: Plan) -> Organization:
    """The lowest organisation above every parent the plan touches (before and after)."""
    paths = []
    for org in plan.changed:
        parent = org.parent if org.parent_id else org
        paths.append(parent.path)
    paths += [t.path for t in plan.receivers]
    common = paths[0].split(".")[:-1]
    for path in paths[1:]:
        segments = path.split(".")[:-1]
        keep = 0
        while keep < min(len(common), len(segments)) and common[keep] == segments[keep]:
            keep += 1
        common = common[:keep]
    if not common:  # units of two trees (a superuser's plan): the first tree's root
        return Organization.objects.filter(parent__isnull=True).order_by("path").first()
    return Organization.objects.get(pk=int(common[-1]))


def apply_plan(actor, plan: Plan) -> Restructuring:
    """Write the plan; the caller holds the transaction (services are atomic)."""
    on = plan.on
    restructuring = Restructuring.objects.create(
        operation=plan.operation,
        decision_number=plan.decision.number.strip(),
        decision_date=plan.decision.date,
        effective_on=on,
        issued_by=plan.decision.issued_by.strip(),
        scope=lowest_common_scope(plan),
        summary=plan.summary(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    restructuring.figures = _write(plan, restructuring)
    restructuring.save(update_fields=["figures"])
    _audit(actor, plan, restructuring)
    return restructuring


def _write(plan: Plan, restructuring: Restructuring) -> dict:
    """Rows first (set-based), then their history; returns the figures of what changed."""
    on = plan.on
    created = {id(unit): _create(unit, on) for unit in plan.new}

    def resolve(target: Target | None) -> Organization | None:
        return created[id(target)] if isinstance(target, NewUnit) else target

    moved_paths = [_move_subtree(org, resolve(target)) for org, target in plan.moves]
    members_moved, member_orgs = _move_members(plan, resolve)
    for org, name, kind in plan.renames:
        Organization.objects.filter(pk=org.pk).update(name=name, kind=kind)
    closed = [org.pk for org, _target in plan.closes]
    Organization.objects.filter(pk__in=closed).update(active=False, dissolved_on=on)
    posts_ended = _end_posts(closed, on)
    attachments = _follow_attachments(plan, resolve, restructuring.pk)
    touched = closed + [o.pk for o, *_r in plan.renames] + [u.pk for u in created.values()]
    sync_versions(on, ids=touched, under=moved_paths, restructuring_id=restructuring.pk)
    _sync_members(plan, on, member_orgs, restructuring)
    return {
        "created": [u.code for u in created.values()],
        "closed": len(closed),
        "moved_units": len(plan.moves),
        "renamed": len(plan.renames),
        "members_moved": members_moved,
        "posts_ended": posts_ended,
        "attachments_moved": attachments,
    }


def _audit(actor, plan: Plan, restructuring: Restructuring) -> None:
    record(
        actor,
        f"organization.{plan.operation}",
        restructuring,
        summary=restructuring.summary,
        after={
            "decision": restructuring.decision_number,
            "decision_date": restructuring.decision_date,
            "effective_on": restructuring.effective_on,
            "issued_by": restructuring.issued_by,
            "scope": restructuring.scope.code,
            "changed": [o.code for o in plan.changed],
            **restructuring.figures,
        },
    )


def _create(unit: NewUnit, on) -> Organization:
    org = Organization.objects.create(
        code=unit.code,
        name=unit.name,
        level=unit.level,
        kind=unit.kind,
        parent=unit.parent,
        founded_on=on,
        path="pending",
    )
    org.path = unit.parent.path + path_segment(org.pk)
    org.depth = org.path.count(".") - 1
    Organization.objects.filter(pk=org.pk).update(path=org.path, depth=org.depth)
    return org


def _move_subtree(org: Organization, new_parent: Organization) -> str:
    """Re-hang `org` under `new_parent`; every path below it is rewritten in one UPDATE."""
    old = Organization.objects.values_list("path", flat=True).get(pk=org.pk)
    parent_path = Organization.objects.values_list("path", flat=True).get(pk=new_parent.pk)
    new = parent_path + path_segment(org.pk)
    delta = new.count(".") - old.count(".")
    table = connection.ops.quote_name(Organization._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET path = CAST(%s AS VARCHAR(255)) || SUBSTR(path, %s), "
            f"depth = depth + %s WHERE path LIKE %s",
            [new, len(old) + 1, delta, old + "%"],
        )
    Organization.objects.filter(pk=org.pk).update(parent_id=new_parent.pk)
    return new


def _move_members(plan: Plan, resolve) -> tuple[int, set[int]]:
    from daihoi.people.models import Member

    moved, orgs = 0, set()
    for source, target in plan.member_moves:
        target = resolve(target)
        moved += Member.objects.filter(organization_id=source.pk, active=True).update(
            organization_id=target.pk
        )
        orgs |= {source.pk, target.pk}
    for ids, target in plan.member_picks:
        target = resolve(target)
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            previous = Member.objects.filter(pk__in=chunk).values_list("organization_id", flat=True)
            orgs |= set(previous)
            moved += Member.objects.filter(pk__in=chunk).update(organization_id=target.pk)
        orgs.add(target.pk)
    return moved, orgs


def _end_posts(closed: list[int], on) -> int:
    """Posts held in a unit that closes end with it (the history keeps them)."""
    from daihoi.people.models import Post

    return Post.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on),
        organization_id__in=closed,
        started_on__lte=on,
    ).update(ended_on=on)


def _follow_attachments(plan: Plan, resolve, restructuring_id: int) -> int:
    from daihoi.people.history import move_temporary_attachments

    total = 0
    for org, receiver in plan.closes:
        receiver = resolve(receiver)
        total += move_temporary_attachments(
            [org.pk], receiver.pk if receiver else None, plan.on, restructuring_id
        )
    return total


def _sync_members(plan: Plan, on, member_orgs: set[int], restructuring: Restructuring) -> None:
    from daihoi.people.history import sync_assignments

    if not member_orgs:
        return
    sync_assignments(
        on,
        org_ids=member_orgs,
        reference=f"{restructuring.get_operation_display()}: {restructuring.decision_number}",
        restructuring_id=restructuring.pk,
    )
