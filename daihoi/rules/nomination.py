"""The steps that introduce committee candidates, and who passes each step.

The procedure runs in several steps; at each a body (the standing committee,
the committee, a conference of key cadres…) polls the list by secret ballot,
and those with more than half of the base pass on to the next step's list.

(not verified against its text: the step lists follow DOMAIN.md and the
practice of QĐ 80-QĐ/TW 2022 on introducing cadres for election; the base is a
parameter — the people summoned, by default — because no text we could read
fixes it for every step.)
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .findings import Finding, Severity

CITATION = "QĐ 80-QĐ/TW 2022 (quy trình giới thiệu nhân sự) — chưa đối chiếu nguyên văn"


@dataclass(frozen=True)
class StepTemplate:
    name: str
    voters_kind: str  # standing_committee | committee | key_cadres | members


FIRST_TIME_STEPS = (
    StepTemplate("Hội nghị cán bộ chủ chốt giới thiệu nguồn (phiếu kín)", "key_cadres"),
    StepTemplate("Ban thường vụ thảo luận, giới thiệu (phiếu kín)", "standing_committee"),
    StepTemplate("Hội nghị ban chấp hành giới thiệu (phiếu kín)", "committee"),
    StepTemplate("Hội nghị cán bộ chủ chốt lấy ý kiến lần hai (phiếu kín)", "key_cadres"),
    StepTemplate("Ban thường vụ xem xét, quyết định danh sách (phiếu kín)", "standing_committee"),
)
RE_ELECTION_STEPS = (
    StepTemplate("Hội nghị ban chấp hành giới thiệu tái cử (phiếu kín)", "committee"),
    StepTemplate("Hội nghị cán bộ chủ chốt lấy ý kiến (phiếu kín)", "key_cadres"),
    StepTemplate("Ban thường vụ xem xét, quyết định danh sách (phiếu kín)", "standing_committee"),
)


def default_steps(kind: str) -> tuple[StepTemplate, ...]:
    """QĐ 80-QĐ/TW 2022 (not verified against its text): the usual steps for first-time or re-elected members."""
    return RE_ELECTION_STEPS if kind == "re_election" else FIRST_TIME_STEPS


def votes_needed(base: int) -> int:
    """Điều lệ Đảng, Điều 10.4 (not verified against its text): more than half passes a step."""
    return base // 2 + 1


@dataclass(frozen=True)
class Row:
    key: str
    votes: int
    percent: float  # of the base
    passed: bool


@dataclass(frozen=True)
class StepResult:
    base: int
    needed: int
    rows: tuple[Row, ...]

    @property
    def passed(self) -> list[str]:
        return [r.key for r in self.rows if r.passed]


def decide_step(votes: Mapping[str, int], base: int) -> StepResult:
    """QĐ 80-QĐ/TW 2022 (not verified against its text): who passes a step — more than half of the base.

    Rows come back in descending order of votes (ties keep the list's order).
    """
    if base <= 0:
        raise ValueError("a step needs a positive number of voters")
    needed = votes_needed(base)
    ordered = sorted(votes.items(), key=lambda kv: -kv[1])
    rows = tuple(Row(key, n, round(n * 100 / base, 2), n >= needed) for key, n in ordered)
    return StepResult(base, needed, rows)


def check_step(
    votes: Mapping[str, int], base: int, present: int, names: Mapping[str, str]
) -> list[Finding]:
    """QĐ 80-QĐ/TW 2022 (not verified against its text): figures of a step that cannot be right."""
    out = []
    if present > base:
        out.append(
            Finding(
                "step_present_over_base",
                Severity.BLOCKING,
                CITATION,
                f"Số có mặt ({present}) lớn hơn số được triệu tập ({base}).",
            )
        )
    for key, n in votes.items():
        if n < 0 or n > present:
            out.append(
                Finding(
                    "step_votes_over_present",
                    Severity.BLOCKING,
                    CITATION,
                    f"Số phiếu {n} không hợp lệ (có mặt {present}).",
                    names.get(key, key),
                )
            )
    return out


def carried_list(previous: StepResult | None, start: Sequence[str]) -> list[str]:
    """The list a step polls: the first step polls everyone proposed; each next one, those who passed."""
    if previous is None:
        return list(start)
    passed = set(previous.passed)
    return [k for k in start if k in passed]
