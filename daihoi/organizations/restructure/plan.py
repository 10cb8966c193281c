"""What a restructuring will do, worked out and checked before anything is written.

Each operation (hợp nhất, sáp nhập, chia tách, chuyển trực thuộc, đổi tên, giải
thể) is first turned into a Plan: units to create, subtrees to move, members
to move, units to rename and units to close. The plan builders only read; they
raise ValidationError, keyed by the form field at fault, for anything the
decision cannot do. The preview (preview.py) and the writer (apply.py) take
the same plan, so what the user saw is what is applied.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..history import today
from ..models import Kind, Level, Operation, Organization
from ..services import check_parent

MEMBER_HOLDING_LEVELS = {Level.GRASSROOTS, Level.CELL}


@dataclass(frozen=True)
class Decision:
    """The decision an operation rests on (quyết định thành lập / hợp nhất / giải thể…)."""

    number: str
    date: dt.date
    effective_on: dt.date | None = None
    issued_by: str = ""

    @property
    def on(self) -> dt.date:
        return self.effective_on or self.date

    def check(self) -> None:
        errors = {}
        if not self.number.strip():
            errors["decision_number"] = _("Nhập số quyết định.")
        if self.date > today():
            errors["decision_date"] = _("Ngày quyết định không được sau hôm nay.")
        if self.on > today():
            errors["effective_on"] = _(
                "Ngày hiệu lực sau hôm nay: chỉ ghi vào hệ thống khi quyết định đã có hiệu lực."
            )
        if errors:
            raise ValidationError(errors)


@dataclass(eq=False)
class NewUnit:
    code: str
    name: str
    level: str
    kind: str
    parent: Organization

    def __str__(self) -> str:
        return self.name


Target = Organization | NewUnit


@dataclass
class Plan:
    operation: str
    decision: Decision
    new: list[NewUnit] = field(default_factory=list)
    moves: list[tuple[Organization, Target]] = field(default_factory=list)
    member_moves: list[tuple[Organization, Target]] = field(default_factory=list)
    member_picks: list[tuple[list[int], Target]] = field(default_factory=list)
    renames: list[tuple[Organization, str, str]] = field(default_factory=list)
    closes: list[tuple[Organization, Target | None]] = field(default_factory=list)

    @property
    def on(self) -> dt.date:
        return self.decision.on

    @property
    def changed(self) -> list[Organization]:
        """Existing organisations whose own record changes (closed, moved, renamed)."""
        seen: dict[int, Organization] = {}
        for org in [o for o, _t in self.closes] + [o for o, _t in self.moves]:
            seen.setdefault(org.pk, org)
        for org, *_rest in self.renames:
            seen.setdefault(org.pk, org)
        return list(seen.values())

    @property
    def receivers(self) -> list[Organization]:
        """Existing organisations that receive units or members, and new units' parents."""
        targets = [t for _o, t in self.moves + self.member_moves] + [
            t for _ids, t in self.member_picks
        ]
        targets += [t for _o, t in self.closes if t is not None] + [u.parent for u in self.new]
        unique: dict[int, Organization] = {}
        for target in targets:
            if isinstance(target, Organization):
                unique.setdefault(target.pk, target)
        return list(unique.values())

    def summary(self) -> str:
        label = Operation(self.operation).label
        # What the decision is about: the units it closes, else those it moves or renames
        # (not the cells that travel with a merged unit).
        heads = (
            [o for o, _t in self.closes]
            or [o for o, _t in self.moves]
            or [o for o, *_rest in self.renames]
        )
        names = ", ".join(o.name for o in heads[:4])
        more = len(heads) - 4
        if more > 0:
            names += _(" và %(n)d tổ chức khác") % {"n": more}
        result = ", ".join(u.name for u in self.new)
        text = f"{label}: {names}" + (f" → {result}" if result else "")
        return f"{text} ({self.decision.number}, {self.on:%d/%m/%Y})"[:500]


# ---- shared checks --------------------------------------------------------------------


def _active(org: Organization, field_name: str) -> None:
    if not org.active:
        raise ValidationError({field_name: _("%(org)s đã kết thúc hoạt động.") % {"org": org}})


def _not_inside(org: Organization, others: list[Organization], field_name: str) -> None:
    for other in others:
        if org.path.startswith(other.path):
            raise ValidationError(
                {
                    field_name: _("%(org)s nằm trong %(other)s, không thể nhận %(other)s.")
                    % {"org": org, "other": other}
                }
            )


def _new_code(code: str, field_name: str, taken: set[str]) -> str:
    code = (code or "").strip()
    if not code:
        raise ValidationError({field_name: _("Nhập mã cho tổ chức mới.")})
    if code in taken or Organization.objects.filter(code=code).exists():
        raise ValidationError({field_name: _("Mã %(code)s đã có.") % {"code": code}})
    taken.add(code)
    return code


def _name(name: str, field_name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({field_name: _("Nhập tên tổ chức.")})
    return name


def _kind(kind: str | None, default: str, field_name: str) -> str:
    kind = kind or default
    if kind not in Kind.values:
        raise ValidationError({field_name: _("Loại hình không hợp lệ.")})
    return kind


def _parent_ok(level: str, parent: Organization, field_name: str) -> None:
    try:
        check_parent(level, parent)
    except ValidationError as error:
        raise ValidationError({field_name: error.message_dict["parent"]}) from None


def _same_level(orgs: list[Organization], field_name: str) -> str:
    levels = {o.level for o in orgs}
    if len(levels) != 1:
        raise ValidationError(
            {
                field_name: _("Các tổ chức phải cùng một cấp (%(levels)s).")
                % {"levels": ", ".join(sorted(Level(v).label for v in levels))}
            }
        )
    return levels.pop()


def _distinct_sources(sources: list[Organization], minimum: int, field_name: str) -> list:
    unique = list({o.pk: o for o in sources}.values())
    if len(unique) < minimum:
        raise ValidationError({field_name: _("Chọn ít nhất %(n)d tổ chức.") % {"n": minimum}})
    for org in unique:
        _active(org, field_name)
        _not_inside(org, [o for o in unique if o.pk != org.pk], field_name)
    return sorted(unique, key=lambda o: o.path)


def active_children(org: Organization) -> list[Organization]:
    return list(org.children.filter(active=True).order_by("name"))


def direct_member_ids(org: Organization) -> list[int]:
    from daihoi.people.models import Member

    return list(
        Member.objects.filter(organization_id=org.pk, active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def check_not_backdated(plan: Plan) -> None:
    """The effective date may not precede the last change of anything the plan closes:
    the versions of moved subtrees and of closed or renamed units, and the assignments
    of members who move."""
    _check_versions(plan)
    _check_members(plan)


def _late(what: str, since) -> ValidationError:
    return ValidationError(
        {
            "effective_on": _("Ngày hiệu lực trước lần thay đổi gần nhất của %(org)s (%(since)s).")
            % {"org": what, "since": f"{since:%d/%m/%Y}"}
        }
    )


def _check_versions(plan: Plan) -> None:
    from ..models import OrganizationVersion

    late = OrganizationVersion.objects.filter(valid_to__isnull=True, valid_from__gt=plan.on)
    for path in {o.path for o, _t in plan.moves}:
        version = late.filter(path__startswith=path).order_by("-valid_from").first()
        if version is not None:
            raise _late(version.name, version.valid_from)
    own = late.filter(organization_id__in=[o.pk for o in plan.changed]).first()
    if own is not None:
        raise _late(own.name, own.valid_from)


def _check_members(plan: Plan) -> None:
    from daihoi.people.models import MemberAssignment

    open_late = MemberAssignment.objects.filter(
        valid_to__isnull=True, kind="official", valid_from__gt=plan.on
    )
    sources = [o.pk for o, _t in plan.member_moves]
    picked = [pk for ids, _t in plan.member_picks for pk in ids]
    late = (
        (
            open_late.filter(member__organization_id__in=sources)
            | open_late.filter(member_id__in=picked[:900])
        )
        .select_related("member")
        .first()
    )
    if late is not None:
        raise ValidationError(
            {
                "effective_on": _(
                    "Ngày hiệu lực trước ngày %(name)s đến tổ chức hiện nay (%(since)s)."
                )
                % {"name": late.member, "since": f"{late.valid_from:%d/%m/%Y}"}
            }
        )
