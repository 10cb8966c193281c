"""The ballot list: surplus and who may be added to it.

Sources (2024 numbering; 2014 in brackets):
- QĐ 190-QĐ/TW 2024, Điều 14.1 [QĐ 244-QĐ/TW 2014, Điều 13]: lists for the
  committee and the standing committee must have more candidates than seats;
  the congress decides the surplus, at most 30 % of the seats. The convening
  committee prepares a surplus of 10–15 % (HD 04-HD/TW 2024 [HD 03-HD/TW 2020]).
- Điều 14.3: people nominated at the congress or self-nominated enter the list
  only if more than 30 % of the delegates (members) present agree.
- Other elections (secretary, deputies, inspection chair, delegates) may use a
  list without surplus; when they have one, the same 30 % cap is applied here as
  a warning, since we found no text extending the cap to them (decision noted in
  the issue note).
- Committees of 3–5 members: at most one surplus name — a provincial guidance
  answer (2025), kept as a warning, not a block.
"""

from dataclasses import dataclass

from .findings import Finding, Severity

SURPLUS_REQUIRED = {"committee", "standing_committee"}


def _cite(rules: str, clause: str) -> str:
    article = "Điều 14" if rules == "2024" else "Điều 13"
    doc = "QĐ 190-QĐ/TW 2024" if rules == "2024" else "QĐ 244-QĐ/TW 2014"
    return f"{doc}, {article}{clause}"


@dataclass(frozen=True)
class ListEntry:
    name: str
    nominated_by: str  # convening | congress | self
    poll_agree: int | None = None


def max_surplus(seats: int) -> int:
    """QĐ 190-QĐ/TW 2024, Điều 14.1: the surplus may not exceed 30 % of the seats (rounded down)."""
    return seats * 30 // 100


def check_list(
    kind: str, seats: int, entries: list[ListEntry], present: int, rules: str = "2024"
) -> list[Finding]:
    """QĐ 190-QĐ/TW 2024, Điều 14 (2014: Điều 13): findings on a list before the congress approves it."""
    findings: list[Finding] = []
    n = len(entries)
    surplus = n - seats
    if n == 0:
        return [
            Finding(
                "list_empty", Severity.BLOCKING, _cite(rules, ""), "Danh sách bầu cử chưa có ai."
            )
        ]
    if kind in SURPLUS_REQUIRED and surplus <= 0:
        findings.append(
            Finding(
                "surplus_required",
                Severity.BLOCKING,
                _cite(rules, ".1"),
                f"Bầu cấp ủy, ban thường vụ phải có số dư: {n} người cho {seats} chỗ.",
            )
        )
    if n < seats:
        findings.append(
            Finding(
                "fewer_than_seats",
                Severity.WARNING,
                _cite(rules, ".1"),
                f"Danh sách có {n} người, ít hơn số lượng cần bầu ({seats}).",
            )
        )
    if surplus > max_surplus(seats) and surplus > 0:
        severity = Severity.BLOCKING if kind in SURPLUS_REQUIRED else Severity.WARNING
        findings.append(
            Finding(
                "surplus_over_30",
                severity,
                _cite(rules, ".1"),
                f"Số dư {surplus} vượt quá 30% số lượng cần bầu (tối đa {max_surplus(seats)}).",
            )
        )
    if kind == "committee" and 3 <= seats <= 5 and surplus > 1:
        findings.append(
            Finding(
                "small_committee_surplus",
                Severity.WARNING,
                "Hướng dẫn cấp tỉnh (2025) về cấp ủy 3–5 người",
                "Cấp ủy 3–5 người: danh sách chỉ nên dư 1 người.",
            )
        )
    findings += _convening_share(kind, seats, entries, rules)
    findings += [f for e in entries if (f := _nominee_poll(e, present, rules))]
    return findings


def _convening_share(kind: str, seats: int, entries: list[ListEntry], rules: str) -> list[Finding]:
    if kind not in SURPLUS_REQUIRED:
        return []
    prepared = sum(1 for e in entries if e.nominated_by == "convening") - seats
    low, high = seats * 10 / 100, seats * 15 / 100
    if low <= prepared <= high:
        return []
    guidance = "HD 04-HD/TW 2024" if rules == "2024" else "HD 03-HD/TW 2020"
    return [
        Finding(
            "convening_surplus_10_15",
            Severity.WARNING,
            guidance,
            f"Cấp ủy triệu tập nên chuẩn bị số dư 10–15% ({low:.1f}–{high:.1f}); hiện dư {prepared}.",
        )
    ]


def nominee_admitted(poll_agree: int, present: int) -> bool:
    """QĐ 190-QĐ/TW 2024, Điều 14.3: more than 30 % of those present must agree."""
    return poll_agree * 100 > present * 30


def _nominee_poll(entry: ListEntry, present: int, rules: str) -> Finding | None:
    if entry.nominated_by == "convening":
        return None
    if entry.poll_agree is None:
        return Finding(
            "nominee_poll_missing",
            Severity.BLOCKING,
            _cite(rules, ".3"),
            "Người do đại hội giới thiệu hoặc tự ứng cử cần có kết quả lấy ý kiến.",
            entry.name,
        )
    if present <= 0 or not nominee_admitted(entry.poll_agree, present):
        return Finding(
            "nominee_poll_30",
            Severity.BLOCKING,
            _cite(rules, ".3"),
            f"Chỉ {entry.poll_agree}/{present} đại biểu có mặt đồng ý (cần quá 30%).",
            entry.name,
        )
    return None
