"""Which sitting holds which election, and the figures a sitting must keep consistent.

Two sittings elect during a congress:

- **the congress itself** elects the committee (Ban Chấp hành) and the delegates
  to the higher congress (Điều lệ Đảng, Điều 12; QĐ 190-QĐ/TW 2024, Điều 18 /
  QĐ 244-QĐ/TW 2014, Điều 20);
- **the new committee's first meeting** (hội nghị Ban Chấp hành lần thứ nhất)
  elects the standing committee, the secretary, the deputy secretaries, the
  inspection committee and its chair (Điều lệ Đảng 2011, Điều 20.1 for a province
  or district: the committee's meeting "bầu ban thường vụ; bầu bí thư và phó bí
  thư trong số ủy viên thường vụ; bầu ủy ban kiểm tra; bầu chủ nhiệm ủy ban kiểm
  tra"; Điều 23 for a grassroots committee; Điều 31.1 for the inspection
  committee, elected by the committee of the same level — Điều 32 in the charter
  before 2011, the number issue 15 quotes).

Cells (chi bộ) differ (Điều lệ Đảng, Điều 24.4; QĐ 29-QĐ/TW 2016, item 24, and
QĐ 24-QĐ/TW 2021 keeping it): a cell of **9 full members or more** elects a
chi ủy, then the secretary and a deputy from among it — and the cell's
congress does both itself ("đại hội chi bộ trực tiếp bầu chi ủy, sau đó bầu bí
thư, phó bí thư trong số chi ủy viên", QĐ 244-QĐ/TW 2014, Điều 19.9, as the
party portals quote it; QĐ 190-QĐ/TW 2024 keeps the rule in its Điều 17,
renumbered like the rest of the 2014 chapter — clause number not verified).
A cell of **fewer than 9 full members** has no chi ủy: its congress elects the
secretary and, if needed, one deputy directly. Either way the cell's secretary
is elected by the congress, so against the congress's base.

A congress under a pilot of "bí thư do đại hội bầu trực tiếp" (CT 35-CT/TW 2019,
item 4; CT 45-CT/TW 2025 continues the pilot where the higher committee allows)
elects its secretary itself, against the congress's base.

Reading chosen (recorded in README "Sittings"): a cell's congress with 9 or
more full members electing its secretary is the congress electing him, so the
congress's base applies, as for a cell without chi ủy; its deputy likewise.

Pure: no Django, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, Severity

CONGRESS = "congress"
FIRST_MEETING = "first_meeting"

COMMITTEE = "committee"
STANDING_COMMITTEE = "standing_committee"
SECRETARY = "secretary"
DEPUTY_SECRETARY = "deputy_secretary"
INSPECTION_COMMITTEE = "inspection_committee"
INSPECTION_CHAIR = "inspection_chair"
DELEGATES = "delegates"

CELL_COMMITTEE_FROM = 9  # full members from which a cell elects a chi ủy

CITE_OFFICERS = "Điều lệ Đảng, Điều 20.1 và Điều 23 (cấp ủy bầu ban thường vụ, bí thư, phó bí thư)"
CITE_INSPECTION = "Điều lệ Đảng, Điều 31.1 (ủy ban kiểm tra do cấp ủy cùng cấp bầu)"
CITE_CELL = "Điều lệ Đảng, Điều 24.4; QĐ 29-QĐ/TW 2016, điểm 24"
CITE_CELL_ORDER = {
    "2014": "QĐ 244-QĐ/TW 2014, Điều 19.9",
    "2024": "QĐ 190-QĐ/TW 2024, Điều 17 (thứ tự bầu ở đại hội chi bộ)",
}
CITE_PILOT = "CT 35-CT/TW 2019, mục 4; CT 45-CT/TW 2025 (thí điểm đại hội bầu trực tiếp bí thư)"

LABELS = {
    COMMITTEE: "ban chấp hành (cấp ủy)",
    STANDING_COMMITTEE: "ban thường vụ",
    SECRETARY: "bí thư",
    DEPUTY_SECRETARY: "phó bí thư",
    INSPECTION_COMMITTEE: "ủy ban kiểm tra",
    INSPECTION_CHAIR: "chủ nhiệm ủy ban kiểm tra",
    DELEGATES: "đại biểu dự đại hội cấp trên",
}


@dataclass(frozen=True)
class Unit:
    """What decides where an organisation's elections are held."""

    is_cell: bool  # a chi bộ (under a grassroots committee, or a chi bộ cơ sở)
    full_members: int  # the cell's full members (the congress's summoned); 0 = not entered
    secretary_by_congress: bool = False  # pilot: the congress elects the secretary directly
    rules: str = "2024"


def has_cell_committee(unit: Unit) -> bool:
    """Điều lệ Đảng, Điều 24.4: a cell elects a chi ủy only from 9 full members."""
    return unit.full_members >= CELL_COMMITTEE_FROM


def sitting_for(kind: str, unit: Unit) -> tuple[str, str]:
    """Điều lệ Đảng, Điều 20.1, 23, 24.4, 31.1: (the sitting that elects `kind`, the citation)."""
    if kind in (COMMITTEE, DELEGATES):
        return CONGRESS, ""
    if unit.is_cell and kind in (SECRETARY, DEPUTY_SECRETARY):
        return CONGRESS, f"{CITE_CELL}; {CITE_CELL_ORDER.get(unit.rules, CITE_CELL_ORDER['2024'])}"
    if unit.secretary_by_congress and kind == SECRETARY:
        return CONGRESS, CITE_PILOT
    if kind in (INSPECTION_COMMITTEE, INSPECTION_CHAIR):
        return FIRST_MEETING, CITE_INSPECTION
    return FIRST_MEETING, CITE_OFFICERS


def refusal(kind: str, sitting: str, unit: Unit) -> Finding | None:
    """None if `sitting` may hold an election of `kind`; otherwise the blocking finding."""
    label = LABELS.get(kind, kind)
    if unit.is_cell and kind in (STANDING_COMMITTEE, INSPECTION_COMMITTEE, INSPECTION_CHAIR):
        return _refused(kind, CITE_CELL, f"Chi bộ không bầu {label}.")
    if unit.is_cell and kind == COMMITTEE and sitting == CONGRESS:
        if unit.full_members < 1:
            return _refused(
                kind,
                CITE_CELL,
                "Nhập số đảng viên chính thức của chi bộ (số được triệu tập) trước: "
                "chi bộ dưới 9 đảng viên chính thức không bầu chi ủy.",
            )
        if not has_cell_committee(unit):
            return _refused(
                kind,
                CITE_CELL,
                f"Chi bộ có {unit.full_members} đảng viên chính thức (dưới "
                f"{CELL_COMMITTEE_FROM}): không bầu chi ủy; đại hội bầu trực tiếp bí thư "
                "(và phó bí thư nếu cần).",
            )
    where, citation = sitting_for(kind, unit)
    if where == sitting:
        return None
    if where == FIRST_MEETING:
        return _refused(
            kind,
            citation,
            f"Bầu {label} do Ban Chấp hành khóa mới bầu tại hội nghị lần thứ nhất, "
            "không do đại hội bầu: tạo cuộc bầu tại trang hội nghị Ban Chấp hành lần thứ nhất.",
        )
    return _refused(
        kind,
        citation,
        f"Bầu {label} do đại hội bầu, không do hội nghị Ban Chấp hành lần thứ nhất.",
    )


def seats_refusal(kind: str, seats: int, unit: Unit) -> Finding | None:
    """Điều lệ Đảng, Điều 24.4; QĐ 29-QĐ/TW 2016, điểm 24: one secretary; a cell elects one
    deputy ("nếu cần bầu một phó bí thư")."""
    if kind == SECRETARY and seats != 1:
        return _refused(kind, CITE_CELL, "Bầu bí thư: số lượng cần bầu là 1.")
    if unit.is_cell and kind == DEPUTY_SECRETARY and seats != 1:
        return _refused(kind, CITE_CELL, "Chi bộ bầu một phó bí thư (nếu cần).")
    return None


def _refused(kind: str, citation: str, message: str) -> Finding:
    return Finding(f"sitting.{kind}", Severity.BLOCKING, citation, message, subject=kind)


# --- Figures that cannot be -----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    code: str
    field: str
    message: str
    fix: str  # what the clerk corrects, in words


def attendance_problems(summoned: int, present: int, exclusions: dict[str, int]) -> list[Problem]:
    """Điều lệ Đảng, Điều 12.3 (the base is those summoned less lawful exclusions): figures that
    cannot be — a negative count, more present than summoned, more excluded than summoned."""
    out = []
    for field, n in {"summoned": summoned, "present": present, **exclusions}.items():
        if n < 0:
            out.append(Problem("negative", field, f"Số không được âm ({n}).", "Nhập số ≥ 0."))
    if out:
        return out
    if present > summoned:
        out.append(
            Problem(
                "present_over_summoned",
                "present",
                f"Số có mặt ({present}) lớn hơn số được triệu tập ({summoned}).",
                "Sửa số có mặt hoặc số được triệu tập.",
            )
        )
    excluded = sum(exclusions.values())
    if excluded > summoned:
        out.append(
            Problem(
                "excluded_over_summoned",
                next(iter(exclusions), "summoned"),
                f"Tổng số loại trừ khỏi cơ sở ({excluded}) lớn hơn số được triệu tập ({summoned}).",
                "Sửa các số loại trừ hoặc số được triệu tập.",
            )
        )
    return out


def publication_problems(*, present: int, issued: int | None, collected: int) -> list[Problem]:
    """QĐ 190-QĐ/TW 2024, Điều 8 and 30 (2014: Điều 9 and 32): ballots come only from those
    present, and only ballots issued can be collected; a count that says otherwise is wrong
    and may not be published."""
    out = []
    if issued is not None and collected > issued:
        out.append(
            Problem(
                "collected_over_issued",
                "ballots_issued",
                f"Số phiếu thu vào ({collected}) lớn hơn số phiếu phát ra ({issued}).",
                "Kiểm tra lại số phiếu phát ra theo sổ phát phiếu, hoặc các hòm phiếu "
                "đã nhập (có hòm nhập trùng hay nhầm cuộc bầu?).",
            )
        )
    if issued is not None and issued > present:
        out.append(
            Problem(
                "issued_over_present",
                "present",
                f"Số phiếu phát ra ({issued}) lớn hơn số có mặt tại phiên bầu ({present}).",
                "Sửa số có mặt (điểm danh) hoặc số phiếu phát ra.",
            )
        )
    return out
