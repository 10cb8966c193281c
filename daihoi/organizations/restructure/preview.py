"""What a plan will change, for the page shown before "Áp dụng" (a pure read).

Organisations created, closed, moved (with the size of each subtree) and
renamed; members moved, by source; congresses not yet held that the change
concerns, and the delegates of those congresses who are among the members
moved or belong to a closing unit's delegation; posts that end and user
accounts left on a closed unit. Congresses and delegates sit a wing above the
registry: the preview asks for them through concerns.py.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..models import Organization
from . import concerns
from .plan import NewUnit, Plan

SHOWN = 20  # rows of delegates listed; the rest are counted


@dataclass
class MemberFlow:
    source: Organization
    target: str
    count: int


@dataclass
class AffectedCongress:
    congress: object
    reason: str


@dataclass
class Preview:
    plan: Plan
    moved: list[tuple[Organization, str, str, int]] = field(default_factory=list)
    flows: list[MemberFlow] = field(default_factory=list)
    congresses: list[AffectedCongress] = field(default_factory=list)
    delegates: list = field(default_factory=list)
    delegates_total: int = 0
    posts_ended: int = 0
    users_left: int = 0
    members_under: int = 0  # members of every changed unit's subtree (cells included)

    @property
    def members_total(self) -> int:
        return sum(flow.count for flow in self.flows)

    @property
    def units_moved(self) -> int:
        return sum(size for *_rest, size in self.moved)


def preview(plan: Plan) -> Preview:
    result = Preview(plan)
    for org, target in plan.moves:
        size = Organization.objects.filter(path__startswith=org.path).count()
        parent = org.parent.name if org.parent_id else "—"
        result.moved.append((org, parent, str(target), size))
    result.flows = _flows(plan)
    result.members_under = _members_under(plan)
    closed = [org.pk for org, _t in plan.closes]
    result.congresses = _congresses(plan, closed)
    _delegates(result, plan, closed)
    from daihoi.people.models import Post

    result.posts_ended = Post.objects.filter(
        organization_id__in=closed, ended_on__isnull=True, started_on__lte=plan.on
    ).count()
    from daihoi.accounts.models import User

    result.users_left = User.objects.filter(organization_id__in=closed, is_active=True).count()
    return result


def _flows(plan: Plan) -> list[MemberFlow]:
    from daihoi.people.models import Member

    sources = [s.pk for s, _t in plan.member_moves]
    counts = dict(
        Member.objects.filter(organization_id__in=sources, active=True)
        .values_list("organization_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    flows = [
        MemberFlow(source, str(target), counts.get(source.pk, 0))
        for source, target in plan.member_moves
    ]
    if plan.member_picks:
        source = plan.closes[0][0]
        flows += [MemberFlow(source, str(target), len(ids)) for ids, target in plan.member_picks]
    return flows


def _members_under(plan: Plan) -> int:
    from ..selectors import member_count

    tops = []
    for org in sorted(plan.changed, key=lambda o: len(o.path)):
        if not any(org.path.startswith(top.path) for top in tops):
            tops.append(org)
    return sum(member_count(org) for org in tops)


def _congresses(plan: Plan, closed: list[int]) -> list[AffectedCongress]:
    reasons: dict[int, str] = {}
    for pk in closed:
        reasons[pk] = str(_("Tổ chức kết thúc hoạt động"))
    for org, _t in plan.moves:
        reasons.setdefault(org.pk, str(_("Chuyển sang tổ chức cấp trên khác")))
    for org, *_rest in plan.renames:
        reasons.setdefault(org.pk, str(_("Đổi tên tổ chức")))
    for target in plan.receivers:
        if not isinstance(target, NewUnit):
            reasons.setdefault(target.pk, str(_("Số đảng viên, tổ chức trực thuộc thay đổi")))
    return [AffectedCongress(c, reason) for c, reason in concerns.congresses_concerned(reasons)]


def _delegates(result: Preview, plan: Plan, closed: list[int]) -> None:
    reach = concerns.Reach(
        closed=closed,
        sources=[s.pk for s, _t in plan.member_moves],
        picked=[pk for ids, _t in plan.member_picks for pk in ids],
        moved_paths=[org.path for org, _t in plan.moves],
    )
    result.delegates_total, result.delegates = concerns.delegates_concerned(reach, SHOWN)
