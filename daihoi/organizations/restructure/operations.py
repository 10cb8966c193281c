"""The six operations, each turned into a checked Plan (nothing is written here).

Merging and absorbing move every active child unit and every active member
sitting directly in a source; splitting must give each of them exactly one
destination. A closed unit keeps its row, its history and its past members'
records: it is only marked inactive from the effective date.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Operation, Organization
from .plan import (
    MEMBER_HOLDING_LEVELS,
    Decision,
    NewUnit,
    Plan,
    _active,
    _distinct_sources,
    _kind,
    _name,
    _new_code,
    _not_inside,
    _parent_ok,
    _same_level,
    active_children,
    check_not_backdated,
    direct_member_ids,
)


def _finish(plan: Plan) -> Plan:
    plan.decision.check()
    check_not_backdated(plan)
    return plan


def _common_parent(sources: list[Organization], parent: Organization | None) -> Organization:
    if parent is not None:
        return parent
    parents = {o.parent_id for o in sources}
    if len(parents) != 1 or None in parents:
        raise ValidationError(
            {"parent": _("Các tổ chức không cùng cấp trên: chọn tổ chức cấp trên của tổ chức mới.")}
        )
    return sources[0].parent


def _take_contents(plan: Plan, source: Organization, target) -> None:
    """Every active child unit and every active direct member of `source` goes to `target`."""
    for child in active_children(source):
        plan.moves.append((child, target))
    plan.member_moves.append((source, target))
    plan.closes.append((source, target))


def plan_merge_into_new(
    sources: list[Organization],
    *,
    code: str,
    name: str,
    decision: Decision,
    kind: str | None = None,
    parent: Organization | None = None,
) -> Plan:
    """Hợp nhất: several units form a new one; the sources close."""
    sources = _distinct_sources(sources, 2, "sources")
    level = _same_level(sources, "sources")
    parent = _common_parent(sources, parent)
    _active(parent, "parent")
    _not_inside(parent, sources, "parent")
    _parent_ok(level, parent, "parent")
    unit = NewUnit(
        code=_new_code(code, "code", set()),
        name=_name(name, "name"),
        level=level,
        kind=_kind(kind, sources[0].kind, "kind"),
        parent=parent,
    )
    plan = Plan(Operation.MERGE, decision, new=[unit])
    for source in sources:
        _take_contents(plan, source, unit)
    return _finish(plan)


def plan_absorb(sources: list[Organization], *, into: Organization, decision: Decision) -> Plan:
    """Sáp nhập: units join an existing one of the same level; the sources close."""
    if into is None:
        raise ValidationError({"target": _("Chọn tổ chức tiếp nhận.")})
    sources = _distinct_sources([s for s in sources if s.pk != into.pk], 1, "sources")
    level = _same_level(sources, "sources")
    _active(into, "target")
    if into.level != level:
        raise ValidationError(
            {"target": _("Tổ chức tiếp nhận phải cùng cấp với các tổ chức sáp nhập.")}
        )
    _not_inside(into, sources, "target")
    plan = Plan(Operation.ABSORB, decision)
    for source in sources:
        _take_contents(plan, source, into)
    return _finish(plan)


@dataclass(frozen=True)
class Part:
    code: str
    name: str
    kind: str | None = None


def plan_split(
    source: Organization,
    *,
    parts: list[Part],
    children: dict[int, int],
    members: dict[int, int],
    decision: Decision,
    parent: Organization | None = None,
) -> Plan:
    """Chia tách: one unit becomes several new ones; each of its child units and
    direct members goes to exactly one part (index into `parts`); the source closes."""
    _active(source, "source")
    if len(parts) < 2:
        raise ValidationError({"parts": _("Chia tách cần ít nhất hai tổ chức mới.")})
    parent = parent or source.parent
    if parent is None:
        raise ValidationError({"parent": _("Chọn tổ chức cấp trên của các tổ chức mới.")})
    _active(parent, "parent")
    _not_inside(parent, [source], "parent")
    _parent_ok(source.level, parent, "parent")
    taken: set[str] = set()
    units = [
        NewUnit(
            code=_new_code(p.code, "parts", taken),
            name=_name(p.name, "parts"),
            level=source.level,
            kind=_kind(p.kind, source.kind, "parts"),
            parent=parent,
        )
        for p in parts
    ]
    plan = Plan(Operation.SPLIT, decision, new=units)
    for child in active_children(source):
        plan.moves.append((child, units[_part_of(children, child.pk, child.name, len(units))]))
    _split_members(plan, source, members, units)
    plan.closes.append((source, units[0]))
    return _finish(plan)


def _part_of(mapping: dict[int, int], key: int, label: str, count: int) -> int:
    index = mapping.get(key)
    if index is None or not 0 <= index < count:
        raise ValidationError({"parts": _("Chưa chọn tổ chức mới cho %(what)s.") % {"what": label}})
    return index


def _split_members(plan: Plan, source: Organization, members: dict[int, int], units) -> None:
    from daihoi.people.models import Member

    ids = direct_member_ids(source)
    unknown = set(members) - set(ids)
    if unknown:
        raise ValidationError(
            {
                "parts": _("%(n)d đảng viên được chọn không sinh hoạt trực tiếp ở %(org)s.")
                % {"n": len(unknown), "org": source}
            }
        )
    groups: dict[int, list[int]] = {}
    missing = [pk for pk in ids if pk not in members]
    if missing:
        first = Member.objects.get(pk=missing[0])
        raise ValidationError(
            {
                "parts": _("Chưa chọn tổ chức mới cho đảng viên %(name)s (và %(n)d người khác).")
                % {"name": first, "n": len(missing) - 1}
            }
        )
    for pk in ids:
        groups.setdefault(_part_of(members, pk, str(pk), len(units)), []).append(pk)
    for index, picked in sorted(groups.items()):
        plan.member_picks.append((picked, units[index]))


def plan_move(org: Organization, *, new_parent: Organization, decision: Decision) -> Plan:
    """Chuyển trực thuộc: a unit with its whole subtree goes under another parent."""
    _active(org, "source")
    if new_parent is None:
        raise ValidationError({"new_parent": _("Chọn tổ chức cấp trên mới.")})
    _active(new_parent, "new_parent")
    if new_parent.pk == org.parent_id:
        raise ValidationError(
            {
                "new_parent": _("%(org)s đã trực thuộc %(parent)s.")
                % {"org": org, "parent": new_parent}
            }
        )
    _not_inside(new_parent, [org], "new_parent")
    _parent_ok(org.level, new_parent, "new_parent")
    return _finish(Plan(Operation.MOVE, decision, moves=[(org, new_parent)]))


def plan_rename(
    org: Organization, *, name: str, decision: Decision, kind: str | None = None
) -> Plan:
    """Đổi tên (and, with it, the kind: a xã that becomes a phường)."""
    _active(org, "source")
    name = _name(name, "name")
    kind = _kind(kind, org.kind, "kind")
    if name == org.name and kind == org.kind:
        raise ValidationError({"name": _("Tên và loại hình mới trùng với hiện nay.")})
    return _finish(Plan(Operation.RENAME, decision, renames=[(org, name, kind)]))


def plan_dissolve(
    org: Organization, *, decision: Decision, receiver: Organization | None = None
) -> Plan:
    """Giải thể: a unit closes; what it still holds goes to the receiving unit."""
    _active(org, "source")
    children, members = active_children(org), direct_member_ids(org)
    if receiver is None:
        if children or members:
            raise ValidationError(
                {
                    "receiver": _(
                        "%(org)s còn %(units)d tổ chức trực thuộc và %(members)d đảng "
                        "viên: chọn tổ chức tiếp nhận."
                    )
                    % {"org": org, "units": len(children), "members": len(members)}
                }
            )
        return _finish(Plan(Operation.DISSOLVE, decision, closes=[(org, None)]))
    _active(receiver, "receiver")
    _not_inside(receiver, [org], "receiver")
    for child in children:
        _parent_ok(child.level, receiver, "receiver")
    if members and receiver.level not in MEMBER_HOLDING_LEVELS:
        raise ValidationError(
            {"receiver": _("Đảng viên chỉ sinh hoạt ở tổ chức cơ sở hoặc chi bộ.")}
        )
    plan = Plan(Operation.DISSOLVE, decision)
    _take_contents(plan, org, receiver)
    return _finish(plan)
