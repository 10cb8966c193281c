"""The result of one election as an Excel workbook: for the hall's screen, reports and checks.

Sheet "Kết quả": the header block and every candidate's votes, in descending
order of votes as in the minutes, the elected shaded. Sheet "Phiếu": the
delegates, the base and the ballot counts. Same input dict as the minutes
(``minutes.render_minutes_pdf``); nothing here queries the database.
"""

from __future__ import annotations

from daihoi.documents.common import parse_date
from daihoi.documents.xlsx import (
    INTEGER,
    PERCENT,
    new_workbook,
    set_widths,
    workbook_bytes,
    write_pairs,
    write_table,
    write_title,
)
from daihoi.elections.minutes import UNPUBLISHED, result_notes

HEADERS = (
    "TT",
    "Họ và tên",
    "Số TT trên phiếu",
    "Số phiếu bầu",
    "Tỷ lệ so với cơ sở",
    "Tỷ lệ so với phiếu hợp lệ",
    "Kết quả",
)
FORMATS = (None, None, None, INTEGER, PERCENT, PERCENT, None)


def render_result_xlsx(data: dict) -> bytes:
    workbook, sheet = new_workbook("Kết quả")
    _result_sheet(sheet, data)
    _ballots_sheet(workbook.create_sheet("Phiếu"), data)
    return workbook_bytes(workbook)


def _result_sheet(sheet, data: dict) -> None:
    election = data["election"]
    status = "Đã công bố" if data["published"] else UNPUBLISHED
    title = [f"KẾT QUẢ BẦU CỬ — LẦN BẦU THỨ {election['round']}", election["title"]]
    row = write_title(sheet, 1, title, len(HEADERS))
    row = write_pairs(
        sheet,
        row,
        [
            ("Đại hội", election["congress"]),
            ("Ngày", parse_date(data["date"])),
            ("Giờ kiểm phiếu", f"{data['time_started']}–{data['time_finished']}"),
            ("Địa điểm", data["place"]),
            ("Số lượng cần bầu", election["seats"]),
            ("Số đại biểu dự khuyết cần bầu", election.get("alternates") or 0),
            ("Cơ sở tính kết quả", data["base"]),
            ("Số phiếu tối thiểu để trúng cử", data["base"] // 2 + 1),
            ("Quy định áp dụng", data["rule_citation"]),
            ("Mã kiểm chứng (SHA-256)", data["audit_head"]),
            ("Mã phiếu (SHA-256)", data.get("ballot_digest") or "—"),
            ("Tình trạng", status),
        ],
    )
    ranked = sorted(data["candidates"], key=lambda c: (-c["votes"], c["position"]))
    rows = [_candidate_row(i, c, data) for i, c in enumerate(ranked, start=1)]
    elected = [i for i, c in enumerate(ranked) if c["elected"]]
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    row = write_table(sheet, row, HEADERS, rows, formats=FORMATS, highlight=elected)
    notes = result_notes(data) or [f"Đã bầu đủ số lượng cần bầu ({election['seats']})."]
    for offset, note in enumerate(notes):
        sheet.cell(row=row + offset, column=1, value=note)
    set_widths(sheet, (6, 32, 10, 10, 12, 12, 14))


def _candidate_row(rank: int, candidate: dict, data: dict) -> tuple:
    tied = set(data.get("tied_for_last_seat") or ())
    if candidate["elected"]:
        outcome = "Trúng cử"
    elif candidate.get("alternate"):
        outcome = "Dự khuyết"
    else:
        outcome = "Bằng phiếu" if candidate["name"] in tied else ""
    return (
        rank,
        candidate["name"],
        candidate["position"],
        candidate["votes"],
        # Excel's percent format wants the fraction; round off the float noise of /100.
        round(candidate["percent_of_base"] / 100, 6),
        round(candidate["percent_of_valid"] / 100, 6),
        outcome,
    )


def _ballots_sheet(sheet, data: dict) -> None:
    election = data["election"]
    row = write_title(sheet, 1, ["SỐ ĐẠI BIỂU VÀ SỐ PHIẾU", election["title"]], 3)
    base_lines = [(f"   {label}", n) for label, n in data["base_explanation"]]
    row = write_pairs(
        sheet,
        row,
        [
            ("Được triệu tập", data["summoned"]),
            ("Có mặt", data["present"]),
            *base_lines,
            ("Cơ sở tính kết quả", data["base"]),
        ],
    )
    labels = data.get("invalid_reason_labels", {})
    reasons = [(f"   {labels.get(code, code)}", n) for code, n in data["invalid_by_reason"].items()]
    write_pairs(
        sheet,
        row,
        [
            (
                "Số phiếu phát ra",
                data["issued"] if data["issued"] is not None else "không ghi nhận",
            ),
            ("Số phiếu thu vào", data["collected"]),
            ("Số phiếu hợp lệ", data["valid"]),
            ("Số phiếu không hợp lệ", data["invalid"]),
            *reasons,
        ],
    )
    set_widths(sheet, (44, 2, 18))
