"""The ballot list: surplus and who may be added to it.

Sources (checked against the published texts, see docs/rules-readings.md):
- QĐ 190-QĐ/TW 2024, Điều 14.1 (text as printed by Báo Bắc Kạn, 10/2024): the
  list for the committee and its standing committee must have more candidates
  than seats; the congress decides the surplus, at most 30 % of the seats; the
  convening committee prepares a surplus of 10–15 %.
- Điều 14.3: people nominated at the congress or self-nominated enter the list
  only if more than 30 % of the delegates (members) attending agree.
- QĐ 244-QĐ/TW 2014: the same rules, in its article on the ballot list, as
  applied by HD 03-HD/TW 2020 ("Về số dư và danh sách bầu cử"). The 2014
  Điều 13 is NOT the surplus rule: it is the restriction on the convening
  committee's members (see `convening_member_restriction`); earlier code cited
  it for the surplus by mistake.
- Committees and standing committees of 3–5 members: at most 1 surplus name
  (answer of a provincial party committee to the 2025 congresses, Báo Thái
  Nguyên 3/2025, "Số dư tối đa là 1 người"). With the 30 % cap alone a list
  of 3 could never be lawful (30 % of 3 rounds down to 0, while a surplus is
  required); with this reading a list of 4 for 3 seats is the lawful one.
- Where no text settles it (1–2 seats, or 3 seats under the 2014 rules) the
  largest surplus is the setting `DAIHOI_SMALL_LIST_SURPLUS` (default 1, never
  below 1), so that the "must have a surplus" and "at most 30 %" rules never
  contradict each other.
- Other elections (secretary, deputies, inspection chair, delegates) may use a
  list without surplus; when they have one, the same 30 % cap is applied here as
  a warning, since we found no text extending the cap to them.
"""

from dataclasses import dataclass

from .findings import Finding, Severity

SURPLUS_REQUIRED = {"committee", "standing_committee"}
SMALL_COMMITTEE = range(3, 6)  # 3–5 seats: at most 1 surplus (2025 provincial guidance)
SMALL_COMMITTEE_CITE = (
    "Hướng dẫn cấp tỉnh 2025 (Báo Thái Nguyên 3/2025): BCH, BTV 3–5 người, dư tối đa 1"
)
SETTING_CITE = "Cài đặt DAIHOI_SMALL_LIST_SURPLUS (không có văn bản quy định)"


def _cite(rules: str, clause: str) -> str:
    if rules == "2024":
        return f"QĐ 190-QĐ/TW 2024, Điều 14{clause}"
    return "QĐ 244-QĐ/TW 2014, điều về danh sách bầu cử (HD 03-HD/TW 2020)"


@dataclass(frozen=True)
class ListEntry:
    name: str
    nominated_by: str  # convening | congress | self
    poll_agree: int | None = None


def max_surplus(seats: int, rules: str = "2024", small_list_surplus: int = 1) -> int:
    """QĐ 190-QĐ/TW 2024, Điều 14.1: the largest lawful surplus for `seats`.

    30 % of the seats, rounded down (integer arithmetic: "không quá 30%");
    committees of 3–5 under the 2024 rules: 1 (provincial guidance 2025);
    where 30 % rounds to 0 and no text settles it: the setting (at least 1).
    """
    cap = seats * 30 // 100
    if rules == "2024" and seats in SMALL_COMMITTEE:
        return 1
    if cap == 0 and seats >= 1:
        return max(1, small_list_surplus)
    return cap


def surplus_citation(seats: int, rules: str, small_list_surplus: int = 1) -> str:
    """Which text gives the largest surplus for `seats`."""
    if rules == "2024" and seats in SMALL_COMMITTEE:
        return SMALL_COMMITTEE_CITE
    if seats * 30 // 100 == 0:
        return SETTING_CITE
    return _cite(rules, ".1")


def check_list(
    kind: str,
    seats: int,
    entries: list[ListEntry],
    present: int,
    rules: str = "2024",
    small_list_surplus: int = 1,
) -> list[Finding]:
    """QĐ 190-QĐ/TW 2024, Điều 14 (2014: its list article): findings on a list before approval."""
    n = len(entries)
    if n == 0:
        return [
            Finding(
                "list_empty", Severity.BLOCKING, _cite(rules, ""), "Danh sách bầu cử chưa có ai."
            )
        ]
    findings = _surplus_findings(kind, seats, n, rules, small_list_surplus)
    findings += _convening_share(kind, seats, entries, rules)
    findings += [f for e in entries if (f := _nominee_poll(e, present, rules))]
    return findings


def _surplus_findings(
    kind: str, seats: int, n: int, rules: str, small_list_surplus: int
) -> list[Finding]:
    findings: list[Finding] = []
    surplus, most = n - seats, max_surplus(seats, rules, small_list_surplus)
    if kind in SURPLUS_REQUIRED and surplus <= 0:
        findings.append(
            Finding(
                "surplus_required",
                Severity.BLOCKING,
                _cite(rules, ".1"),
                f"Bầu cấp ủy, ban thường vụ phải có số dư: {n} người cho {seats} chỗ "
                f"(cần từ {seats + 1} đến {seats + most} người).",
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
    if surplus > most and surplus > 0:
        severity = Severity.BLOCKING if kind in SURPLUS_REQUIRED else Severity.WARNING
        findings.append(
            Finding(
                "surplus_over_30",
                severity,
                surplus_citation(seats, rules, small_list_surplus),
                f"Số dư {surplus} vượt quá số dư tối đa {most} cho {seats} chỗ "
                f"(danh sách tối đa {seats + most} người).",
            )
        )
    return findings


def convening_band(seats: int) -> tuple[int, int]:
    """HD 04-HD/TW 2024 (HD 03-HD/TW 2020): the convening committee's surplus, 10–15 %, in people.

    The whole numbers inside [10 %, 15 %] of the seats; when none lies there
    (5 seats: 0.5–0.75), the smallest whole number above 10 %, at least 1
    (for 3–5 seats the provincial guidance asks the committee to go on until the
    list has its surplus of 1). Exact integer arithmetic.
    """
    low = max(1, -(-seats * 10 // 100))  # ceil(10 %), at least one person
    high = seats * 15 // 100
    return low, max(low, high)


def _convening_share(kind: str, seats: int, entries: list[ListEntry], rules: str) -> list[Finding]:
    if kind not in SURPLUS_REQUIRED:
        return []
    prepared = sum(1 for e in entries if e.nominated_by == "convening") - seats
    low, high = convening_band(seats)
    if low <= prepared <= high:
        return []
    guidance = "HD 04-HD/TW 2024" if rules == "2024" else "HD 03-HD/TW 2020"
    wanted = f"{low}" if low == high else f"{low}–{high}"
    return [
        Finding(
            "convening_surplus_10_15",
            Severity.WARNING,
            guidance,
            f"Cấp ủy triệu tập nên chuẩn bị số dư 10–15% ({wanted} người); hiện dư {prepared}.",
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


# --- QĐ 244-QĐ/TW 2014, Điều 13 (and its 2024 counterpart) ---------------------------------

RESTRICTION_2014 = {
    "congress": "QĐ 244-QĐ/TW 2014, Điều 13.1",
    "committee_meeting": "QĐ 244-QĐ/TW 2014, Điều 13.2",
}
RESTRICTION_2024 = (
    "QĐ 190-QĐ/TW 2024, quy định kế thừa Điều 13 QĐ 244-QĐ/TW 2014 "
    "(ứng cử, đề cử của cấp ủy viên cấp triệu tập)"
)


def restriction_citation(rules: str, sitting: str) -> str:
    return RESTRICTION_2014[sitting] if rules == "2014" else RESTRICTION_2024


def convening_member_restriction(
    rules: str,
    sitting: str,
    nominated_by: str,
    *,
    candidate: str,
    candidate_restricted: bool,
    nominator_restricted: bool = False,
) -> Finding | None:
    """QĐ 244-QĐ/TW 2014, Điều 13 (2024: the same rule kept): refuse, cited.

    13.1 — at the congress, a member of the convening committee may not nominate
    anyone outside the committee's list, nor stand or accept a nomination unless
    on that list. 13.2 — at a meeting of the committee, a member of the standing
    committee likewise outside the standing committee's list. ``sitting`` is
    "congress" or "committee_meeting"; "restricted" means being a member of that
    convening body (committee, or standing committee).
    """
    if nominated_by == "convening":
        return None
    body = "cấp ủy triệu tập đại hội" if sitting == "congress" else "ban thường vụ"
    cite = restriction_citation(rules, sitting)
    if candidate_restricted:
        return Finding(
            "convening_member_outside_list",
            Severity.BLOCKING,
            cite,
            f"Ủy viên {body} không được ứng cử, nhận đề cử ngoài danh sách do {body} đề cử.",
            candidate,
        )
    if nominated_by == "congress" and nominator_restricted:
        return Finding(
            "convening_member_nominates_outside_list",
            Severity.BLOCKING,
            cite,
            f"Người đề cử là ủy viên {body}: không được đề cử nhân sự ngoài danh sách "
            f"do {body} đề cử.",
            candidate,
        )
    return None
