"""Minutes of the grading meeting (biên bản hội nghị kiểm điểm, xếp loại) as PDF and DOCX.

The wording is written once as ``documents.common`` blocks from what is stored
for the unit; the PDF (to sign) and the DOCX (to edit before printing) only lay
it out.
"""

from daihoi.documents.common import (
    Grid,
    Heading,
    Pairs,
    Para,
    PartyHeader,
    Signatures,
    date_line,
    roman,
    vn_percent,
)
from daihoi.documents.docx import add_blocks, add_party_header, docx_bytes, new_document
from daihoi.documents.pdf import build_pdf, flowables, frame_width, party_header
from daihoi.rules.grading import GRADES, LABELS, SHORT, Grade, count_grades, excellent_quota

from .models import UnitReview
from .selectors import load_sheet

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _header(unit: UnitReview) -> PartyHeader:
    org = unit.organization
    superior = org.parent.name if org.parent_id else ""
    on = unit.proposed_on or unit.commented_on or unit.cycle.meeting_due
    return PartyHeader(superior or org.name, org.name, date_line("", on))


def blocks(unit: UnitReview) -> list:
    sheet = load_sheet(unit)
    rules, org = sheet.rules, unit.organization
    on = unit.proposed_on or unit.cycle.meeting_due
    graded = [sheet.evaluations.get(m.pk) for m in sheet.members]
    proposals = [Grade(e.effective_grade) if e and e.effective_grade else None for e in graded]
    total, present = len(sheet.members), unit.present
    out = [
        Para("**BIÊN BẢN**", align="centre", size=3),
        Para(
            f"**Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm {unit.year}**",
            align="centre",
            size=1,
        ),
        Para(
            f"Hôm nay, {date_line('', on).lower()}, tại {unit.place or '………………'}, {org.name} tổ "
            f"chức hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm {unit.year} theo "
            f"{rules.regulation} và {rules.guidance}."
        ),
        Pairs(
            (
                ("Tổng số đảng viên", f"{total} đồng chí"),
                ("Có mặt", f"{present} đồng chí" if present is not None else "……… đồng chí"),
                ("Vắng mặt", f"{total - present} đồng chí" if present is not None else "………"),
                ("Chủ trì", unit.chair or (unit.leader.full_name if unit.leader else "……………")),
                ("Thư ký", unit.recorder or "……………"),
            ),
            widths_mm=(60, 110),
        ),
    ]
    sections = [
        ("Tự kiểm điểm và góp ý", _review_part(unit)),
        ("Đề xuất xếp loại chất lượng đảng viên", _member_part(sheet, proposals)),
        ("Xếp loại tập thể và người đứng đầu", _collective_part(sheet)),
    ]
    for number, (title, body) in enumerate(sections, start=1):
        out += [Heading(f"{roman(number)}. {title.upper()}"), *body]
    out.append(
        Para(
            "Biên bản được đọc lại cho hội nghị nghe; hội nghị biểu quyết thông qua với "
            f"……/{'……' if present is None else present} đồng chí có mặt tán thành."
        )
    )
    return out + [Signatures((("Thư ký", (unit.recorder,)), ("Chủ trì", (unit.chair,))))]


def _review_part(unit: UnitReview) -> list:
    lines = [
        f"Từng đảng viên đã tự kiểm điểm, tự đánh giá và tự xếp loại"
        f"{f' (xong ngày {unit.self_reviewed_on:%d/%m/%Y})' if unit.self_reviewed_on else ''}.",
        "Hội nghị góp ý cho từng bản kiểm điểm, căn cứ tiêu chí và sản phẩm cụ thể, so sánh "
        "giữa các đồng chí có vị trí công tác tương đồng.",
    ]
    return [Para(text) for text in lines]


def _member_part(sheet, proposals) -> list:
    rules = sheet.rules
    rows = []
    for number, member in enumerate(sheet.members, start=1):
        e = sheet.evaluations.get(member.pk)
        own = SHORT[Grade(e.self_grade)] if e and e.self_grade else "—"
        grade = e.effective_grade if e else ""
        if e and e.not_graded:
            shown = "Không xếp loại"
        else:
            shown = LABELS[Grade(grade)] if grade else "—"
        probation = " (dự bị)" if member.status == "probationary" else ""
        rows.append((str(number), member.full_name + probation, own, shown, e.reason if e else ""))
    counts = count_grades(proposals)
    graded = sum(counts.values())
    tally = tuple(
        (
            LABELS[g],
            f"{counts[g]} đồng chí ({vn_percent(100 * counts[g] / graded if graded else None, 2)})",
        )
        for g in GRADES
    )
    allowed = excellent_quota(counts[Grade.GOOD], rules)
    return [
        Grid(
            ("TT", "Họ và tên", "Tự xếp loại", "Hội nghị đề xuất", "Ghi chú"),
            tuple(rows),
            (10, 48, 20, 56, 36),
            ("CENTER", "LEFT", "CENTER", "LEFT", "LEFT"),
        ),
        Para("**Tổng hợp kết quả đề xuất:**", align="left", size=0),
        Pairs(tally, widths_mm=(80, 90)),
        Para(
            f"Số đảng viên hoàn thành xuất sắc nhiệm vụ của chi bộ: {counts[Grade.EXCELLENT]}; theo "
            f"{rules.cite('quota')}, tối đa {allowed} (20% của {counts[Grade.GOOD]} đảng viên "
            "hoàn thành tốt nhiệm vụ, cấp ủy cơ sở quyết định trong toàn đảng bộ).",
            size=-1,
        ),
    ]


def _collective_part(sheet) -> list:
    unit = sheet.unit
    collective = sheet.collective.effective_grade if sheet.collective else ""
    leader = sheet.leader.effective_grade if sheet.leader else ""
    pairs = [
        (f"Tập thể {unit.organization.name}", LABELS[Grade(collective)] if collective else "—")
    ]
    if unit.leader:
        pairs.append(
            (
                f"Đồng chí {unit.leader.full_name} (người đứng đầu)",
                LABELS[Grade(leader)] if leader else "—",
            )
        )
    return [
        Pairs(tuple(pairs), widths_mm=(90, 80)),
        Para(
            f"Mức xếp loại của người đứng đầu không cao hơn tập thể ({sheet.rules.cite('leader_tie')}).",
            size=-1,
        ),
    ]


def render(unit: UnitReview, fmt: str) -> tuple[bytes, str]:
    header = _header(unit)
    body = blocks(unit)
    title = f"Biên bản xếp loại {unit.organization.name} năm {unit.year}"
    if fmt == "pdf":
        story = [party_header(header, frame_width()), *flowables(body)]
        return build_pdf(story, title=title, footer=title), "application/pdf"
    doc = new_document(footer=title)
    add_party_header(doc, header)
    add_blocks(doc, body)
    return docx_bytes(doc), DOCX_MIME
