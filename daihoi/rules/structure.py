"""The committee a plan would elect: its sizes and its structure against the term's targets.

``committee_figures`` turns the people of a committee into the figures the
personnel plan reports (women, youth, ethnic minorities, renewal, average age,
age bands); ``check_structure`` and ``check_sizes`` compare them with the term's
rules and the plan's own targets; ``check_family_ties`` flags relatives elected
together. Pure: the what-if simulator calls these for every selection.
"""

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .findings import Finding, Severity
from .retirement import age_at
from .standards import Person, TermRules

KINH = "01"


@dataclass(frozen=True)
class Targets:
    """Shares the plan aims at (0.15 = 15 %); None means no target."""

    women: float | None = None
    youth: float | None = None
    ethnic_minority: float | None = None
    renewal: float | None = None

    @classmethod
    def of_term(cls, rules: TermRules, level: str, **plan_targets) -> "Targets":
        """The term's minimums, overridden by what the plan sets (a plan may aim higher)."""
        base = {"women": rules.women_min, "youth": rules.youth_min.get(level)}
        base.update({k: v for k, v in plan_targets.items() if v is not None})
        return cls(**base)


@dataclass(frozen=True)
class Figures:
    size: int
    women: int
    youth: int
    ethnic_minority: int
    re_elected: int
    first_time: int
    standing: int
    standing_women: int
    under_40: int
    from_40_to_50: int
    over_50: int
    average_age: float | None

    def share(self, count: int) -> float | None:
        return count / self.size if self.size else None

    @property
    def renewal(self) -> int:
        return self.first_time


def reference_day(reference: tuple[int, int]) -> dt.date:
    """Ages are taken on the first day of the reference month."""
    return dt.date(reference[0], reference[1], 1)


def committee_figures(
    people: Sequence[Person], reference: tuple[int, int], youth_age: int = 40
) -> Figures:
    """CT 35-CT/TW 2019; HD 26-HD/BTCTW 2019: the structure figures of a committee at the reference month."""
    on = reference_day(reference)
    ages = [age_at(p.birth_date, on) for p in people]
    standing = [p for p in people if p.standing]
    return Figures(
        size=len(people),
        women=sum(p.gender == "female" for p in people),
        youth=sum(a < youth_age for a in ages),
        ethnic_minority=sum(p.ethnicity != KINH for p in people),
        re_elected=sum(p.re_elected for p in people),
        first_time=sum(not p.re_elected for p in people),
        standing=len(standing),
        standing_women=sum(p.gender == "female" for p in standing),
        under_40=sum(a < 40 for a in ages),
        from_40_to_50=sum(40 <= a <= 50 for a in ages),
        over_50=sum(a > 50 for a in ages),
        average_age=round(sum(ages) / len(ages), 1) if ages else None,
    )


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%".replace(".", ",")


def _short(code: str, rules: TermRules, rule: str, label: str, have, target) -> Finding:
    return Finding(
        code,
        Severity.WARNING,
        rules.cite(rule),
        f"Tỉ lệ {label} {_pct(have)} chưa đạt chỉ tiêu {_pct(target)}.",
    )


def check_structure(figures: Figures, targets: Targets, rules: TermRules) -> list[Finding]:
    """CT 35-CT/TW 2019; CT 45-CT/TW 2025: women, youth, ethnic-minority and renewal shares.

    Shares below target are warnings: the directives say "phấn đấu" (strive for).
    """
    if not figures.size:
        return []
    out = []
    checks = (
        ("women_below_target", "women", "nữ", figures.women, targets.women),
        ("youth_below_target", "youth", "cán bộ trẻ", figures.youth, targets.youth),
        (
            "ethnic_below_target",
            "ethnic",
            "dân tộc thiểu số",
            figures.ethnic_minority,
            targets.ethnic_minority,
        ),
        ("renewal_below_target", "renewal", "đổi mới", figures.first_time, targets.renewal),
    )
    for code, rule, label, count, target in checks:
        # Exact: 15 % of 20 is 3 people, not "2.9999…" (Fraction of the decimal target).
        if target is not None and Fraction(count, figures.size) < Fraction(str(target)):
            out.append(_short(code, rules, rule, label, figures.share(count), target))
    if rules.woman_in_standing and figures.standing and not figures.standing_women:
        out.append(
            Finding(
                "no_woman_in_standing",
                Severity.WARNING,
                rules.cite("women"),
                "Ban thường vụ dự kiến chưa có cán bộ nữ.",
            )
        )
    out += _age_band(figures, rules)
    return out


def _age_band(figures: Figures, rules: TermRules) -> list[Finding]:
    if rules.middle_band is None or not figures.size:
        return []
    low, high, least, most = rules.middle_band
    share = figures.from_40_to_50 / figures.size
    if least <= share <= most:
        return []
    return [
        Finding(
            "age_band_40_50",
            Severity.INFO,
            rules.cite("age_bands"),
            f"Độ tuổi {low}–{high} chiếm {_pct(share)}, định hướng khoảng "
            f"{_pct(least)}–{_pct(most)}.",
        )
    ]


@dataclass(frozen=True)
class Sizes:
    committee: int
    standing: int
    deputies: int
    inspection: int = 0
    previous_max: int | None = None  # the previous term's maximum committee size
    merged_from: int = 1  # communes or wards merged into this one (2025)


def committee_cap(rules: TermRules, level: str, sizes: Sizes) -> int | None:
    """CT 45-CT/TW 2025; CT 35-CT/TW 2019: the largest committee the term allows, if any."""
    if level in rules.committee_size:
        low, high = rules.committee_size[level]
        return high if sizes.merged_from >= 3 else low
    cut = reduction_cut(rules, level, sizes.previous_max)
    return None if cut is None else sizes.previous_max - cut


def reduction_cut(rules: TermRules, level: str, previous_max: int | None) -> int | None:
    """CT 35-CT/TW 2019 ("giảm khoảng 5%"): the people cut from the previous term's maximum.

    Exact arithmetic (Fraction, no binary floats): the cut is 5 % of the previous
    maximum rounded to the nearest whole person, halves rounded up (30 → 1.5 → 2,
    so 28; 50 → 2.5 → 3, so 47; 70 → 3.5 → 4, so 66). Stated in docs/rules-readings.md.
    """
    share = rules.size_reduction.get(level)
    if share is None or not previous_max:
        return None
    exact = Fraction(previous_max) * Fraction(share)
    return math.floor(exact + Fraction(1, 2))


def check_sizes(sizes: Sizes, rules: TermRules, level: str) -> list[Finding]:
    """CT 45-CT/TW 2025 (xã, phường: 27–33, BTV 9–11, 2 phó bí thư); CT 35-CT/TW 2019 (−5 %)."""
    out = []
    cap = committee_cap(rules, level, sizes)
    if cap is not None and sizes.committee > cap:
        out.append(_over_cap(sizes, rules, level, cap))
    low_high = rules.standing_size.get(level)
    if low_high and not low_high[0] <= sizes.standing <= low_high[1]:
        out.append(
            _size(
                "standing_out_of_range",
                rules,
                f"Ban thường vụ {sizes.standing} người, quy định {low_high[0]}–{low_high[1]}.",
            )
        )
    deputies = rules.deputies.get(level)
    if deputies is not None and sizes.deputies != deputies:
        out.append(
            _size(
                "deputies_count",
                rules,
                f"Dự kiến {sizes.deputies} phó bí thư, quy định {deputies}.",
            )
        )
    if sizes.standing and sizes.standing >= sizes.committee:
        out.append(_size("standing_not_smaller", rules, "Ban thường vụ phải ít hơn ban chấp hành."))
    return out


def _over_cap(sizes: Sizes, rules: TermRules, level: str, cap: int) -> Finding:
    if level in rules.committee_size:
        return _size(
            "committee_over_cap", rules, f"Số lượng cấp ủy {sizes.committee} vượt mức tối đa {cap}."
        )
    # "Khoảng 5%": about, so a warning the plan can carry with its reasons, not a block.
    cut = sizes.previous_max - cap
    return Finding(
        "committee_over_cap",
        Severity.WARNING,
        rules.cite("size"),
        f"Số lượng cấp ủy {sizes.committee} nhiều hơn mức giảm khoảng 5% so với "
        f"{sizes.previous_max} (tối đa nhiệm kỳ trước) là {cap} (giảm {cut} người; "
        f"5% làm tròn đến người, 0,5 làm tròn lên).",
    )


def _size(code: str, rules: TermRules, message: str) -> Finding:
    return Finding(code, Severity.BLOCKING, rules.cite("size"), message)


def family_groups(keys: Iterable[str], ties: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Groups of two or more people linked by declared family ties (union–find)."""
    chosen = set(keys)
    parent = {k: k for k in chosen}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in ties:
        if a in chosen and b in chosen:
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for k in sorted(chosen):
        groups.setdefault(root(k), []).append(k)
    return [g for g in groups.values() if len(g) > 1]


def check_family_ties(
    people: Sequence[Person], ties: Iterable[tuple[str, str]], rules: TermRules
) -> list[Finding]:
    """HD 05-HD/TU Lai Châu 2019 (seed 004): no family or clan concentration in one committee.

    Relatives in one committee are a warning; relatives together in its standing
    committee (one post chain) are a warning on each of them, naming the chain.
    """
    by_key: Mapping[str, Person] = {p.key: p for p in people}
    out = []
    for group in family_groups(by_key, ties):
        names = ", ".join(by_key[k].name for k in group)
        out.append(
            Finding(
                "family_in_committee",
                Severity.WARNING,
                rules.cite("family"),
                f"Có quan hệ gia đình cùng trong cấp ủy: {names}.",
            )
        )
        standing = [by_key[k] for k in group if by_key[k].standing]
        if len(standing) > 1:
            for person in standing:
                out.append(
                    Finding(
                        "family_in_standing",
                        Severity.WARNING,
                        rules.cite("family"),
                        f"Người thân cùng trong ban thường vụ: {names}.",
                        person.name,
                    )
                )
    return out
