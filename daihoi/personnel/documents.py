"""The personnel plan report (đề án nhân sự), candidate dossiers and the findings workbook.

The wording is built once as ``documents.common`` blocks; the PDF and DOCX
renderers only lay it out. Findings come from the plan's last stored check run,
so a printed report shows exactly what the subcommittee reviewed.
"""

import datetime as dt

from daihoi.documents.common import (
    Grid,
    Heading,
    Pairs,
    Para,
    PartyHeader,
    Signatures,
    date_line,
    roman,
    vn_number,
    vn_percent,
)
from daihoi.documents.docx import add_blocks, add_party_header, docx_bytes, new_document
from daihoi.documents.pdf import build_pdf, flowables, frame_width, party_header
from daihoi.documents.xlsx import (
    DATE,
    new_workbook,
    set_widths,
    workbook_bytes,
    write_pairs,
    write_table,
    write_title,
)
from daihoi.people.models import Education, PoliticalTheory
from daihoi.rules.structure import committee_cap

from . import checks, summary
from .models import ProposedPost
from .selectors import load_plan_data

SEVERITY = {"blocking": "Vướng", "warning": "Lưu ý", "info": "Thông tin"}


def plan_data(plan) -> dict:
    """Everything the documents print, read once."""
    data = load_plan_data(plan)
    report = checks.evaluate(plan, data)
    rules, reference = checks.rules_of(plan), checks.reference_of(plan)
    people = []
    for c, p in zip(data.candidates, report.people, strict=True):
        people.append({"c": c, "p": p, **summary.person_facts(p, rules, reference)})
    return {
        "plan": plan,
        "report": report,
        "rules": rules,
        "people": people,
        "org": plan.congress.organization,
        "today": dt.date.today(),
    }


def _header(d: dict) -> PartyHeader:
    org = d["org"]
    superior = org.parent.name if org.parent_id else ""
    return PartyHeader(
        superior or org.name, f"Tiểu ban nhân sự {org.name}", date_line("", d["today"])
    )


def report_blocks(d: dict) -> list:
    plan, rules = d["plan"], d["rules"]
    title = f"ĐỀ ÁN NHÂN SỰ BAN CHẤP HÀNH {d['org'].name.upper()} NHIỆM KỲ {rules.term}"
    blocks = [
        Para(f"**{title}**", align="centre", size=2),
        Para(f"Căn cứ: {rules.cite('age')}; {rules.cite('women')}.", size=-1),
    ]
    sections = [
        ("Số lượng", _sizes(plan, rules)),
        ("Cơ cấu", _structure(d)),
        ("Danh sách nhân sự dự kiến", _people(d)),
        ("Kết quả kiểm tra tiêu chuẩn, điều kiện, cơ cấu", _findings(plan)),
    ]
    for number, (heading, body) in enumerate(sections, start=1):
        blocks += [Heading(f"{roman(number)}. {heading.upper()}"), *body]
    return blocks + [Signatures((("T/M Tiểu ban nhân sự", ("Trưởng tiểu ban",)),))]


def _sizes(plan, rules) -> list:
    cap = committee_cap(rules, plan.level_key, checks.sizes_of(plan))
    rows = [
        ("Ban chấp hành", f"**{plan.committee_size}** đồng chí"),
        ("Ban thường vụ", f"{plan.standing_size} đồng chí"),
        ("Phó bí thư", f"{plan.deputy_count} đồng chí"),
        ("Ủy ban kiểm tra", f"{plan.inspection_size} đồng chí"),
        ("Thời điểm tính tuổi", f"tháng {plan.reference_month:%m/%Y}"),
    ]
    if cap is not None and plan.level_key in rules.size_reduction:
        # "Giảm khoảng 5%": an indication, with the rounding stated (rules.structure.reduction_cut).
        text = (
            f"khoảng {cap} đồng chí (giảm 5% so với {plan.previous_max_committee}, làm tròn đến "
            f"người, 0,5 làm tròn lên; {rules.cite('size')})"
        )
        rows.append(("Số lượng định hướng", text))
    elif cap is not None:
        rows.append(("Số lượng tối đa theo quy định", f"{cap} đồng chí ({rules.cite('size')})"))
    return [Pairs(tuple(rows), widths_mm=(70, 100))]


def _structure(d: dict) -> list:
    report = d["report"]
    rows, marked = [], []
    for index, r in enumerate(summary.structure_rows(report.figures, report.targets)):
        verdict = "—" if r.ok is None else ("Đạt" if r.ok else "Chưa đạt")
        if r.ok is False:
            marked.append(index)
        rows.append(
            (
                r.label,
                vn_number(r.count),
                vn_percent(r.share, 1),
                vn_percent(r.target, 1) if r.target is not None else "—",
                verdict,
            )
        )
    grid = Grid(
        ("Tiêu chí", "Số người", "Tỉ lệ", "Chỉ tiêu", "Đánh giá"),
        tuple(rows),
        (62, 24, 24, 24, 26),
        ("LEFT", "RIGHT", "RIGHT", "RIGHT", "CENTER"),
        tuple(marked),
    )
    avg = report.figures.average_age
    note = Para(
        f"Tổng số {report.figures.size} người trong danh sách; tuổi bình quân {vn_number(avg, 1)}."
    )
    return [grid, note]


def _people(d: dict) -> list:
    rows = []
    for n, x in enumerate(d["people"], start=1):
        c, p = x["c"], x["p"]
        rows.append(
            (
                str(n),
                p.name,
                str(p.birth_date.year),
                "Nữ" if p.gender == "female" else "Nam",
                c.member.get_ethnicity_display(),
                c.member.get_political_theory_display(),
                ProposedPost(c.post).label,
                "Tái cử" if c.re_elected else "Lần đầu",
                str(x["months_left"]),
            )
        )
    headers = (
        "TT",
        "Họ và tên",
        "Năm sinh",
        "Giới tính",
        "Dân tộc",
        "LLCT",
        "Dự kiến",
        "Tái cử/lần đầu",
        "Tháng công tác còn lại",
    )
    widths = (11, 38, 14, 14, 16, 18, 26, 18, 18)
    align = ("CENTER", "LEFT", "CENTER", "CENTER", "LEFT", "LEFT", "LEFT", "CENTER", "RIGHT")
    return [Grid(headers, tuple(rows), widths, align)]


def _findings(plan) -> list:
    if plan.checked_at is None:
        return [Para("Chưa chạy kiểm tra.")]
    rows = []
    for r in plan.findings:
        status = (
            f"Đã xem xét: {r['override_reason']}" if r["overridden"] else SEVERITY[r["severity"]]
        )
        rows.append((r["subject"] or "Toàn đề án", status, r["message"], r["citation"]))
    when = f"Kiểm tra lúc {plan.checked_at:%H:%M %d/%m/%Y}; {len(rows)} kết quả."
    grid = Grid(
        ("Người", "Mức", "Nội dung", "Căn cứ"),
        tuple(rows),
        (34, 28, 62, 46),
        ("LEFT", "LEFT", "LEFT", "LEFT"),
        tuple(
            i
            for i, r in enumerate(plan.findings)
            if r["severity"] == "blocking" and not r["overridden"]
        ),
    )
    return [Para(when), grid]


def render_report_pdf(plan) -> bytes:
    d = plan_data(plan)
    story = [party_header(_header(d), frame_width()), *flowables(report_blocks(d), size=11.5)]
    return build_pdf(
        story, title=f"Đề án nhân sự — {d['org'].name}", footer=f"Đề án nhân sự · {d['org'].name}"
    )


def render_report_docx(plan) -> bytes:
    d = plan_data(plan)
    doc = new_document(footer=f"Đề án nhân sự · {d['org'].name}")
    add_party_header(doc, _header(d))
    add_blocks(doc, report_blocks(d))
    return docx_bytes(doc)


def dossier_blocks(d: dict) -> list:
    blocks = [Para(f"**TÓM TẮT HỒ SƠ NHÂN SỰ — {d['org'].name.upper()}**", align="centre", size=2)]
    by_candidate: dict[int, list] = {}
    for r in d["plan"].findings:
        by_candidate.setdefault(r["candidate"], []).append(r)
    for n, x in enumerate(d["people"], start=1):
        c, m = x["c"], x["c"].member
        posts = "; ".join(p.title for p in m.posts.all()) or "—"
        found = by_candidate.get(c.pk, [])
        rows = (
            ("Ngày sinh", f"{m.birth_date:%d/%m/%Y}" + (" (chỉ năm)" if m.birth_year_only else "")),
            ("Giới tính, dân tộc", f"{m.get_gender_display()}, {m.get_ethnicity_display()}"),
            ("Quê quán", m.hometown or "—"),
            ("Ngày vào Đảng", f"{m.admitted_on:%d/%m/%Y}"),
            ("Chuyên môn", str(Education(m.education).label)),
            ("Lý luận chính trị", str(PoliticalTheory(m.political_theory).label)),
            ("Chức vụ hiện nay", posts),
            (
                "Dự kiến",
                f"{ProposedPost(c.post).label} ({'tái cử' if c.re_elected else 'lần đầu'})",
            ),
            ("Tuổi / tháng công tác còn lại", f"{x['age']} tuổi / {x['months_left']} tháng"),
            (
                "Kết quả kiểm tra",
                "; ".join(f"{SEVERITY[r['severity']]}: {r['message']}" for r in found)
                or "Không có vướng mắc",
            ),
        )
        blocks += [Heading(f"{n}. {m.full_name}"), Pairs(rows, widths_mm=(55, 115))]
    return blocks


def render_dossiers_pdf(plan) -> bytes:
    d = plan_data(plan)
    story = [party_header(_header(d), frame_width()), *flowables(dossier_blocks(d), size=11)]
    return build_pdf(
        story,
        title=f"Hồ sơ nhân sự — {d['org'].name}",
        footer=f"Tóm tắt hồ sơ nhân sự · {d['org'].name}",
    )


def render_findings_xlsx(plan) -> bytes:
    workbook, sheet = new_workbook("Kết quả kiểm tra")
    org = plan.congress.organization
    row = write_title(sheet, 1, ["KẾT QUẢ KIỂM TRA ĐỀ ÁN NHÂN SỰ", org.name], span=6)
    checked = plan.checked_at.astimezone().replace(tzinfo=None) if plan.checked_at else None
    row = write_pairs(sheet, row, [("Nhiệm kỳ", plan.congress.term), ("Kiểm tra lúc", checked)])
    if checked:
        sheet.cell(row=row - 2, column=3).number_format = DATE + " hh:mm"
    rows = [
        (
            r["subject"] or "Toàn đề án",
            SEVERITY[r["severity"]],
            r["code"],
            r["message"],
            r["citation"],
            r["override_reason"] if r["overridden"] else "",
        )
        for r in plan.findings
    ]
    headers = ["Người", "Mức", "Mã", "Nội dung", "Căn cứ", "Lý do bỏ qua"]
    write_table(
        sheet,
        row,
        headers,
        rows,
        formats=[None] * 6,
        highlight=[
            i
            for i, r in enumerate(plan.findings)
            if r["severity"] == "blocking" and not r["overridden"]
        ],
    )
    set_widths(sheet, [26, 11, 24, 60, 50, 40])
    return workbook_bytes(workbook)
