"""The counting committee's sheet of ballots issued (bảng kê số phiếu phát ra)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm

from daihoi.documents.common import Para, PartyHeader, Signatures, date_line, vn_number
from daihoi.documents.pdf import build_pdf, data_table, flowables, frame_width, party_header

from .ballot_paper import BallotSpec


def render_issue_sheet_pdf(
    spec: BallotSpec,
    *,
    boxes: Sequence[int | str],
    present: int | None = None,
    place: str = "",
    date: str = "",
    committee: Sequence[str] = (),
) -> bytes:
    """The counting committee's sheet of ballots issued (phiếu phát ra), a line per ballot box.

    Counts are left blank, to be written by hand as the ballots go out.
    ``committee`` lists the members who sign, the head first (blank lines if
    empty); ``date`` is "dd/mm/yyyy" (a blank date line if empty).
    """
    if not boxes:
        raise ValueError("the sheet needs at least one ballot box")
    when = date_line(place, date) if date else "…………, ngày …… tháng …… năm ………"
    heads = ["Hòm phiếu", "Số phiếu nhận", "Số phiếu phát ra", "Người phát phiếu ký, ghi rõ họ tên"]
    rows = [[f"Hòm phiếu số {box}", "", "", ""] for box in boxes] + [["**Cộng**", "", "", ""]]
    table = data_table(heads, rows, [w * mm for w in (40, 28, 32, 70)], size=12)
    table.setStyle([("TOPPADDING", (0, 1), (-1, -1), 9), ("BOTTOMPADDING", (0, 1), (-1, -1), 9)])
    members = list(committee) or [""]
    signers = (("Thành viên ban kiểm phiếu", tuple(members[1:]) or ("",)),)
    signers += (("Trưởng ban kiểm phiếu", tuple(members[:1])),)
    present_text = vn_number(present) if present is not None else "…………"
    head = [
        Para("**BẢNG KÊ SỐ PHIẾU PHÁT RA**", "centre", size=3),
        Para(
            f"**{spec.title}**" + (f" — lần bầu thứ {spec.round}" if spec.round > 1 else ""),
            "centre",
        ),
        Para(f"Số đại biểu có mặt: {present_text}."),
    ]
    note = Para(
        "Số phiếu phát ra không được vượt quá số đại biểu có mặt. Phiếu chưa phát được "
        "ban kiểm phiếu niêm phong cùng biên bản kiểm phiếu.",
        size=-2,
    )
    story = [party_header(PartyHeader(spec.congress, "Ban kiểm phiếu", when), frame_width())]
    story += [*flowables(head), table, *flowables([note, Signatures(signers)])]
    footer = f"{spec.title} · lần {spec.round}"
    return build_pdf(story, title="Bảng kê số phiếu phát ra", footer=footer)
