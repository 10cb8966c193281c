"""Sharing a congress's delegate seats among its subordinate organisations.

The law says what to weigh and who decides, not the arithmetic. Điều lệ Đảng
2011, Điều 11.2, with QĐ 29-QĐ/TW 2016, QĐ 24-QĐ/TW 2021 and QĐ 232-QĐ/TW 2025
(item 11.2): the convening committee fixes the number (within the Politburo's
directive) and shares it "căn cứ vào số lượng đảng viên, số lượng đảng bộ trực
thuộc, vị trí quan trọng của từng đảng bộ". Delegates are the committee's
members active in the organisation (ex officio), those the lower congresses
elect, and those appointed (QĐ 14-QĐ/TW 2001 item 13.3; item 11.3 later).

So the method is the organiser's choice, named on every plan: largest
remainder (Hamilton, the default), D'Hondt and Sainte-Laguë for comparison, and
the XIII national congress's published method — a fixed number per
organisation, one seat per N members, one more when the remainder is more than
N/2 (13 each, 1 per 12,000, one more from 6,001: Nguyễn Đức Hà of the Central
Organisation Commission, quoted by Báo Gia Lai and Nghệ An 24h, 1/2021; QĐ
341-QĐ/TW of 23/7/2025 kept 13 per organisation for the XIV congress).
Arithmetic is exact (Fraction); ties go to the larger weight, then the key.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from daihoi.rules.findings import Finding, Severity

CHARTER = "Điều lệ Đảng 2011, Điều 11.2; QĐ 24-QĐ/TW 2021 (nay QĐ 232-QĐ/TW 2025), mục 11.2"


class Method(StrEnum):
    HAMILTON = "hamilton"
    DHONDT = "dhondt"
    SAINTE_LAGUE = "sainte_lague"
    PER_UNIT_QUOTA = "per_unit_quota"


class ExOfficio(StrEnum):
    # The XIII congress counted its 194 ex-officio delegates beside the 1,381
    # elected ones; some provinces instead count them inside a unit's share.
    ON_TOP = "on_top"
    WITHIN_SHARE = "within_share"


class ApportionError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Unit:
    key: str
    members: int
    organizations: int = 0  # subordinate organisations (đảng bộ, chi bộ trực thuộc)
    ex_officio: int = 0  # convening committee members active in this unit
    fixed: int | None = None  # a special unit's share, set by the committee
    bonus: int = 0  # extra seats for an important position (vị trí quan trọng)


@dataclass(frozen=True)
class Rules:
    total: int  # every official delegate of the congress, ex officio included
    method: Method = Method.HAMILTON
    minimum: int = 1  # guaranteed share of every unit that is not fixed
    member_weight: int = 100  # percent
    organization_weight: int = 0  # percent
    ex_officio: ExOfficio = ExOfficio.ON_TOP
    per_unit: int = 0  # PER_UNIT_QUOTA: seats each unit gets first
    members_per_seat: int | None = None  # PER_UNIT_QUOTA: N; None solves N for the total


@dataclass(frozen=True)
class Share:
    key: str
    quota: Fraction  # exact proportional entitlement (0 for a fixed unit)
    share: int  # the unit's share: elected seats (on top) or whole delegation (within)
    elected: int  # seats the lower congress fills
    ex_officio: int
    at_minimum: bool = False
    fixed: bool = False

    @property
    def delegation(self) -> int:
        return self.elected + self.ex_officio

    @property
    def remainder(self) -> Fraction:
        return self.quota - int(self.quota)


@dataclass(frozen=True)
class Allocation:
    rules: Rules
    shares: tuple[Share, ...]
    pool: int  # seats shared proportionally
    members_per_seat: int | None = None  # PER_UNIT_QUOTA: the N used

    @property
    def total(self) -> int:
        return sum(s.delegation for s in self.shares)


Weights = dict[str, Fraction]
Apportioner = Callable[[int, Weights], dict[str, int]]


def apportion(units: Sequence[Unit], rules: Rules) -> Allocation:
    """Điều lệ Đảng 2011, Điều 11.2 (QĐ 24-QĐ/TW 2021, mục 11.2): share ``rules.total`` seats.

    Fixed units take their set share; every other unit gets at least
    ``rules.minimum`` and the rest in proportion to its weight (members, and
    subordinate organisations when weighted), by ``rules.method``. Bonus
    seats come on top of a unit's share. Ex-officio delegates are added to
    the share (ON_TOP: the share is what the lower congress elects) or counted
    inside it (WITHIN_SHARE: the share is the whole delegation, never less
    than its ex-officio members). The delegations always add up to the total,
    except with an explicit ``members_per_seat``, which reproduces a published
    formula whatever total it gives.
    """
    _check_units(units, rules)
    free = [u for u in units if u.fixed is None]
    pool = _pool(units, rules)
    minima = {u.key: _minimum(u, rules) for u in free}
    if sum(minima.values()) > pool:
        raise ApportionError(
            "apportion.minimum_exceeds_total",
            f"Tổng số tối thiểu ({sum(minima.values())}) vượt số đại biểu chia theo tỷ lệ ({pool}).",
        )
    n = None
    if rules.method is Method.PER_UNIT_QUOTA:
        n = rules.members_per_seat or solve_members_per_seat(
            pool, [u.members for u in free], rules.per_unit
        )
        method = _per_unit_quota(rules.per_unit, rules.members_per_seat)
        weights = _equal_if_weightless({u.key: Fraction(u.members) for u in free})
    else:
        method = _METHODS[rules.method]
        weights = weigh(free, rules.member_weight, rules.organization_weight)
    seats, floored = _with_minimum(pool, weights, minima, method)
    quotas = _quotas(pool, weights, floored, seats, rules, n)
    return Allocation(
        rules, tuple(_share(u, seats, quotas, floored, rules) for u in units), pool, n
    )


def weigh(units: Sequence[Unit], member_weight: int, organization_weight: int) -> Weights:
    """Điều lệ Đảng 2011, Điều 11.2: each unit's weight from its members and its organisations.

    weight = member_weight × members / all members + organization_weight ×
    organisations / all organisations (a criterion nobody has is dropped).
    With nothing to weigh, every unit weighs the same.
    """
    members = sum(u.members for u in units)
    organizations = sum(u.organizations for u in units)
    weights = {}
    for u in units:
        w = Fraction(0)
        if members and member_weight:
            w += Fraction(member_weight * u.members, members)
        if organizations and organization_weight:
            w += Fraction(organization_weight * u.organizations, organizations)
        weights[u.key] = w
    return _equal_if_weightless(weights)


def hamilton(seats: int, weights: Weights) -> dict[str, int]:
    """Hamilton's largest remainder method (1792; Hare quota): whole quotas, then remainders."""
    weights = _equal_if_weightless(weights)
    total = sum(weights.values())
    quotas = {k: seats * w / total for k, w in weights.items()}
    out = {k: int(q) for k, q in quotas.items()}
    left = seats - sum(out.values())
    order = sorted(weights, key=lambda k: (-(quotas[k] - out[k]), -weights[k], k))
    for key in order[:left]:
        out[key] += 1
    return out


def highest_averages(seats: int, weights: Weights, step: int) -> dict[str, int]:
    """D'Hondt (1878) / Sainte-Laguë (1910) highest averages: each seat to the largest weight /
    divisor, the divisors being 1, 1+step, 1+2·step…

    step 1 is D'Hondt (1, 2, 3…), step 2 is Sainte-Laguë (1, 3, 5…).
    """
    weights = _equal_if_weightless(weights)
    out = dict.fromkeys(weights, 0)
    heap = [(-w, -w, k) for k, w in weights.items()]
    heapq.heapify(heap)
    for _ in range(seats if weights else 0):
        _, neg_weight, key = heapq.heappop(heap)
        out[key] += 1
        heapq.heappush(heap, (neg_weight / (1 + step * out[key]), neg_weight, key))
    return out


def per_unit_formula(members: int, per_unit: int, members_per_seat: int) -> int:
    """Đại hội XIII (as published, 1/2021): a fixed number, one seat per N members, one more
    when the remainder is more than N/2 ("dư 6.001 trở lên" with N = 12.000)."""
    whole, rest = divmod(members, members_per_seat)
    return per_unit + whole + (1 if 2 * rest > members_per_seat else 0)


def solve_members_per_seat(seats: int, members: Sequence[int], per_unit: int) -> int:
    """Đại hội XIII method: the smallest N (members per seat) whose formula fits in ``seats``.

    The formula's total never grows as N grows, so a binary search finds it;
    a gap left by units crossing a threshold together is filled afterwards.
    """
    target = seats - per_unit * len(members)

    def total(n: int) -> int:
        return sum(per_unit_formula(m, 0, n) for m in members)

    low, high = 1, 2 * max(members, default=0) + 2
    while low < high:
        mid = (low + high) // 2
        if total(mid) <= target:
            high = mid
        else:
            low = mid + 1
    return low


def _per_unit_quota(per_unit: int, explicit: int | None) -> Apportioner:
    def method(seats: int, weights: Weights) -> dict[str, int]:
        members = {k: int(w) for k, w in weights.items()}
        n = explicit or solve_members_per_seat(seats, list(members.values()), per_unit)
        out = {k: per_unit_formula(m, per_unit, n) for k, m in members.items()}
        if explicit is None:
            _fill_gap(out, members, seats - sum(out.values()), per_unit)
        return out

    return method


def _fill_gap(out: dict[str, int], members: dict[str, int], gap: int, per_unit: int) -> None:
    # Units crossing a rounding threshold together can leave the formula a seat
    # or two short; the next seats go where Sainte-Laguë would put them.
    def priority(k: str) -> tuple:
        return (-Fraction(members[k], 2 * (out[k] - per_unit) + 1), out[k], -members[k], k)

    for _ in range(max(gap, 0)):
        out[min(out, key=priority)] += 1


_METHODS: dict[Method, Apportioner] = {
    Method.HAMILTON: hamilton,
    Method.DHONDT: lambda seats, w: highest_averages(seats, w, 1),
    Method.SAINTE_LAGUE: lambda seats, w: highest_averages(seats, w, 2),
}


def _equal_if_weightless(weights: Weights) -> Weights:
    # Nobody weighs anything (no members anywhere): share equally rather than all to one.
    if weights and not any(weights.values()):
        return {k: Fraction(1) for k in weights}
    return weights


def _with_minimum(
    pool: int, weights: Weights, minima: dict[str, int], method: Apportioner
) -> tuple[dict[str, int], set[str]]:
    """Units the method leaves below their minimum get the minimum and leave the count;
    the others share what is left, again, until nobody is below."""
    floored: dict[str, int] = {}
    while True:
        free = {k: w for k, w in weights.items() if k not in floored}
        seats = method(pool - sum(floored.values()), free) if free else {}
        below = {k for k, n in seats.items() if n < minima[k]}
        if not below:
            return {**seats, **floored}, set(floored)
        floored.update({k: minima[k] for k in below})


def _quotas(pool, weights, floored, seats, rules, n) -> dict[str, Fraction]:
    if rules.method is Method.PER_UNIT_QUOTA:
        return {k: rules.per_unit + Fraction(int(w), n) for k, w in weights.items()}
    free = _equal_if_weightless({k: w for k, w in weights.items() if k not in floored})
    rest = pool - sum(seats[k] for k in floored)
    total = sum(free.values())
    quotas = {k: rest * w / total for k, w in free.items()}
    everyone = sum(weights.values())
    quotas.update({k: pool * weights[k] / everyone for k in floored})
    return quotas


def _share(unit, seats, quotas, floored, rules) -> Share:
    within = rules.ex_officio is ExOfficio.WITHIN_SHARE
    if unit.fixed is not None:
        share, quota = unit.fixed + unit.bonus, Fraction(0)
    else:
        share, quota = seats[unit.key] + unit.bonus, quotas[unit.key]
    elected = share - unit.ex_officio if within else share
    return Share(
        unit.key,
        quota,
        share,
        elected,
        unit.ex_officio,
        at_minimum=unit.key in floored,
        fixed=unit.fixed is not None,
    )


def _pool(units: Sequence[Unit], rules: Rules) -> int:
    taken = sum((u.fixed or 0) + u.bonus for u in units)
    if rules.ex_officio is ExOfficio.ON_TOP:
        taken += sum(u.ex_officio for u in units)
    if taken > rules.total:
        raise ApportionError(
            "apportion.total_too_small",
            f"Số đại biểu ({rules.total}) nhỏ hơn số đã định trước ({taken}): "
            "đại biểu đương nhiên, suất cố định và suất ưu tiên.",
        )
    return rules.total - taken


def _minimum(unit: Unit, rules: Rules) -> int:
    floor = max(rules.minimum, rules.per_unit if rules.method is Method.PER_UNIT_QUOTA else 0)
    if rules.ex_officio is ExOfficio.WITHIN_SHARE:
        # The share must hold the unit's ex-officio delegates (bonus seats count toward it).
        floor = max(floor, unit.ex_officio - unit.bonus)
    return floor


def _check_units(units: Sequence[Unit], rules: Rules) -> None:
    keys = [u.key for u in units]
    numbers = [(u.members, u.organizations, u.ex_officio, u.bonus, u.fixed or 0) for u in units]
    within = rules.ex_officio is ExOfficio.WITHIN_SHARE
    short = [u.key for u in units if within and u.fixed is not None]
    short = [u.key for u in units if u.key in short and u.fixed + u.bonus < u.ex_officio]
    settings = (rules.minimum, rules.per_unit, rules.member_weight, rules.organization_weight)
    _require(units, "apportion.no_units", "Chưa có tổ chức nào để phân bổ.")
    _require(len(set(keys)) == len(keys), "apportion.duplicate_unit", "Trùng tổ chức.")
    _require(rules.total >= 1, "apportion.bad_rules", "Tổng số đại biểu phải dương.")
    _require(min(settings) >= 0, "apportion.bad_rules", "Tối thiểu và trọng số không được âm.")
    _require((rules.members_per_seat or 1) >= 1, "apportion.bad_rules", "N phải dương.")
    _require(all(min(n) >= 0 for n in numbers), "apportion.negative", "Số liệu không được âm.")
    _require(
        not short, "apportion.ex_officio_exceeds_fixed", f"Suất cố định < đương nhiên: {short}"
    )


def _require(ok: object, code: str, message: str) -> None:
    if not ok:
        raise ApportionError(code, message)


@dataclass(frozen=True)
class Cap:
    low: int | None
    high: int | None
    citation: str


CT_45 = (
    "Chỉ thị 45-CT/TW ngày 14/4/2025, mục số lượng đại biểu (theo báo chí đăng nội dung Chỉ thị)"
)
CT_35 = "Chỉ thị 35-CT/TW ngày 30/5/2019, mục 4 (theo sách “Chuẩn bị thật tốt đại hội”, tr. 109)"


def delegate_cap(level: str, term: str = "2025-2030", merged_from: int = 1) -> Cap | None:
    """Chỉ thị 45-CT/TW 2025 (2025–2030) and Chỉ thị 35-CT/TW 2019 (2020–2025): delegates allowed.

    2025–2030: a province not merged at most 400, merged from two at most 450,
    from three at most 500 (named exceptions — Nghệ An and Thanh Hóa 500, Hà
    Nội and TP.HCM 550 — are the committee's to enter); the level directly
    above grassroots at most 300; communes, wards and special zones under the
    province, and grassroots organisations, at most 250. 2020–2025: a province
    300 to 350; the district level at most 300. None where no text was found.
    """
    if term == "2025-2030":
        by_level = {"province": {1: 400, 2: 450, 3: 500}.get(min(merged_from, 3), 400)}
        by_level |= {"district": 300, "grassroots": 250}
        high = by_level.get(level)
        return Cap(None, high, CT_45) if high else None
    if term == "2020-2025":
        if level == "province":
            return Cap(300, 350, CT_35)
        if level == "district":
            return Cap(None, 300, CT_35)
    return None


def check_total(total: int, cap: Cap | None) -> list[Finding]:
    """Chỉ thị 45-CT/TW 2025 / 35-CT/TW 2019: the chosen total against the directive's range."""
    if cap and cap.high is not None and total > cap.high:
        text = f"Tổng số {total} đại biểu vượt mức tối đa {cap.high}."
        return [Finding("apportion.above_cap", Severity.BLOCKING, cap.citation, text)]
    if cap and cap.low is not None and total < cap.low:
        text = f"Tổng số {total} đại biểu thấp hơn mức hướng dẫn {cap.low}."
        return [Finding("apportion.below_range", Severity.WARNING, cap.citation, text)]
    return []
