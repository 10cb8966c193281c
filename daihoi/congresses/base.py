"""The base of a congress (cơ sở tính kết quả): one place computes it, every page shows it.

The figures are the congress's attendance fields; `base_source` says whether they
were typed or written by check-in from the delegate roster (congresses.services,
delegates.attendance). Elections of the new committee's first meeting have their
own figures (elections.sittings), in the same shape.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop as N_

from daihoi.rules import sittings as rules
from daihoi.rules import tally as rules_tally


@dataclass(frozen=True)
class Figures:
    """One sitting's attendance and base, with the lines that compute it.

    The lines stay Vietnamese (the minutes print them); pages show them through
    `as_shown`, which translates at display."""

    sitting: str  # rules.CONGRESS or rules.FIRST_MEETING
    name: str  # the sitting's name, for pages and minutes
    voters: str  # "đại biểu", "đảng viên" or "cấp ủy viên"
    summoned: int
    present: int
    base: int  # 0 while it cannot be computed
    lines: tuple[tuple[str, int], ...]  # the computation: summoned, then exclusions (negative)
    source: str  # where the figures come from, in words


def congress_figures(c) -> Figures:
    """QĐ 190-QĐ/TW 2024, Điều 30.2–30.3 (2014: Điều 32.2–32.3): the congress's base."""
    if c.kind == "members":
        lines = [
            (N_("Đảng viên chính thức"), c.summoned),
            (N_("Sinh hoạt tạm thời nơi khác"), -c.excluded_attached_elsewhere),
            (N_("Miễn sinh hoạt, vắng mặt"), -c.excluded_exempt_absent),
            (N_("Bị đình chỉ, truy tố, tạm giam"), -c.excluded_suspended),
            (N_("Vắng mặt cả buổi có lý do được chấp thuận"), -c.excluded_absent_with_reason),
        ]
        compute, voters = rules_tally.base_for_members_congress, "đảng viên"
        kwargs = dict(
            attached_elsewhere=c.excluded_attached_elsewhere,
            exempted_and_absent=c.excluded_exempt_absent,
            suspended_or_prosecuted=c.excluded_suspended,
            absent_with_approved_reason=c.excluded_absent_with_reason,
        )
    else:
        lines = [
            (N_("Đại biểu chính thức được triệu tập"), c.summoned),
            (N_("Cấp ủy viên triệu tập vắng mặt cả buổi"), -c.excluded_committee_absent),
            (
                N_("Đại biểu vắng cả buổi, không có dự khuyết thay"),
                -c.excluded_delegates_absent_no_alternate,
            ),
        ]
        compute, voters = rules_tally.base_for_delegates_congress, "đại biểu"
        kwargs = dict(
            convening_committee_absent=c.excluded_committee_absent,
            absent_without_alternate=c.excluded_delegates_absent_no_alternate,
        )
    base = safe_base(lambda: compute(c.summoned, **kwargs))
    source = str(c.get_base_source_display())
    return Figures(
        rules.CONGRESS,
        c.name,
        voters,
        c.summoned,
        c.present,
        base,
        tuple((label, n) for label, n in lines if n),
        source,
    )


def safe_base(compute) -> int:
    try:
        return compute()
    except ValueError:  # the rules refuse a base below 1: not computable yet
        return 0
