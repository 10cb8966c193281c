"""The counting committee's minutes (biên bản kiểm phiếu), as PDF and as Word.

The input is the result dict the election services produce (see
``render_minutes_pdf``); nothing here queries the database. The wording is
written once, as ``documents.common`` blocks, and both formats render those
blocks, so the PDF and the Word copy cannot say different things.

What the minutes record follows DOMAIN "Counting committee and minutes" and
QĐ 190-QĐ/TW 2024, Điều 30 (2014: Điều 32): the base and how it was
computed, the ballots, every candidate's votes against the base, who is
elected, and a tie or shortfall in words with the rule cited. The audit
chain's head hash is printed so anyone holding the record can check it.

Optional keys beyond the services' shape: ``locality`` (the place name of the
date line; ``place`` is used when absent) and ``election["congress_kind"]``
("members" says "đảng viên" instead of "đại biểu").
"""

from __future__ import annotations

from daihoi.documents.common import (
    Block,
    Grid,
    Heading,
    Pairs,
    Para,
    PartyHeader,
    Signatures,
    date_line,
    date_words,
    roman,
    vn_number,
    vn_percent,
)
from daihoi.documents.docx import add_blocks, add_party_header, docx_bytes, new_document
from daihoi.documents.docx import set_page_header as set_docx_page_header
from daihoi.documents.pdf import build_pdf, flowables, frame_width, party_header

UNPUBLISHED = "BẢN CHƯA CÔNG BỐ"
HEAD_ROLE = "Trưởng ban"
# The committee's own elections are voted by its members, not by the congress
# (elections.models.COMMITTEE_OWN_ELECTIONS; kept as strings so this stays pure).
_COMMITTEE_OWN = {"standing_committee", "secretary", "deputy_secretary", "inspection_chair"}


def render_minutes_pdf(data: dict) -> bytes:
    """The minutes as a signed-copy PDF (A4, DejaVu Serif embedded)."""
    story = [party_header(_header(data), frame_width()), *flowables(minutes_blocks(data))]
    return build_pdf(
        story,
        title=f"Biên bản kiểm phiếu — {data['election']['title']}",
        footer=_footer(data),
        watermark="" if data["published"] else UNPUBLISHED,
    )


def render_minutes_docx(data: dict) -> bytes:
    """The minutes as an editable Word file (A4, Times New Roman)."""
    doc = new_document(footer=_footer(data))
    if not data["published"]:
        set_docx_page_header(doc, UNPUBLISHED)
    add_party_header(doc, _header(data))
    add_blocks(doc, minutes_blocks(data))
    return docx_bytes(doc)


def minutes_blocks(data: dict) -> list[Block]:
    """Everything below the party header, in reading order."""
    sections = [_base_section, _ballots_section, _votes_section, _result_section, _audit_section]
    blocks = _opening(data)
    for number, section in enumerate(sections, start=1):
        heading, body = section(data)
        blocks += [Heading(f"{roman(number)}. {heading}"), *body]
    return blocks + _closing(data)


def _header(data: dict) -> PartyHeader:
    where = data.get("locality") or data["place"]
    return PartyHeader(
        data["election"]["congress"], "Ban kiểm phiếu", date_line(where, data["date"])
    )


def _footer(data: dict) -> str:
    election = data["election"]
    footer = f"Biên bản kiểm phiếu · {election['title']} · lần bầu {election['round']}"
    return footer if data["published"] else f"{UNPUBLISHED} · {footer}"


def _opening(data: dict) -> list[Block]:
    election = data["election"]
    round_note = f" (lần bầu thứ {election['round']})" if election["round"] > 1 else ""
    blocks: list[Block] = [
        Para("**BIÊN BẢN KIỂM PHIẾU**", "centre", size=3),
        Para(f"**Bầu {_what(election['title'])}{round_note}**", "centre", size=1),
    ]
    if not data["published"]:
        blocks.append(
            Para(f"{UNPUBLISHED}: kết quả chưa được công bố trước đại hội", "centre", alert=True)
        )
    blocks.append(
        Para(
            f"Hôm nay, {date_words(data['date'])}{_at(data['place'])}, {_sitting_name(data)} "
            f"tiến hành bầu {_what(election['title'])}{round_note} bằng hình thức bỏ phiếu "
            f"kín, theo Quy chế bầu cử trong Đảng ({election['rules_label']}). "
            f"Ban kiểm phiếu do {_sitting_word(data)} bầu gồm các đồng chí:"
        )
    )
    members = [(f"{i}. Đồng chí {m['name']}", m["role"]) for i, m in enumerate(committee(data), 1)]
    blocks.append(Pairs(tuple(members or [("(chưa ghi danh sách)", "")]), (110, 55)))
    started, finished = _clock(data["time_started"]), _clock(data["time_finished"])
    blocks.append(
        Para(
            f"Ban kiểm phiếu bắt đầu kiểm phiếu lúc {started} và kết thúc lúc {finished} cùng ngày."
        )
    )
    return blocks


def _base_section(data: dict) -> tuple[str, list[Block]]:
    who = _voters(data["election"], data.get("sitting"))
    absent = max(0, data["summoned"] - data["present"])
    counts = (
        (f"Số {who} được triệu tập:", vn_number(data["summoned"])),
        (f"Số {who} có mặt:", vn_number(data["present"])),
        (f"Số {who} vắng mặt:", vn_number(absent)),
    )
    lines = [(f"\t– {label}", vn_number(n)) for label, n in data["base_explanation"]]
    lines.append(("**Cơ sở để tính kết quả bầu cử:**", f"**{vn_number(data['base'])}**"))
    needed = data["base"] // 2 + 1
    return f"SỐ {who.upper()} VÀ CƠ SỞ TÍNH KẾT QUẢ", [
        Pairs(counts),
        Para(f"Cơ sở để tính kết quả bầu cử (Điều lệ Đảng, Điều 12.3; {data['rule_citation']}):"),
        Pairs(tuple(lines)),
        Para(
            "Người trúng cử phải được số phiếu bầu quá một nửa so với cơ sở trên, tức là "
            f"ít nhất **{vn_number(needed)}** phiếu."
        ),
    ]


def _ballots_section(data: dict) -> tuple[str, list[Block]]:
    election = data["election"]
    issued = "không ghi nhận" if data["issued"] is None else vn_number(data["issued"])
    rows = [
        ("Số phiếu phát ra:", issued),
        ("Số phiếu thu vào:", vn_number(data["collected"])),
        ("Số phiếu hợp lệ:", vn_number(data["valid"])),
        ("Số phiếu không hợp lệ:", vn_number(data["invalid"])),
    ]
    if any(data["invalid_by_reason"].values()):
        rows.append(("\ttrong đó:", ""))
    labels = data.get("invalid_reason_labels", {})
    for code, n in data["invalid_by_reason"].items():
        if n:
            rows.append((f"\t– {labels.get(code, code)}", vn_number(n)))
    rows.append(("Số lượng cần bầu:", vn_number(election["seats"])))
    if election.get("alternates"):
        rows.append(("Số đại biểu dự khuyết cần bầu:", vn_number(election["alternates"])))
    rows.append(("Số người trong danh sách bầu cử:", vn_number(len(data["candidates"]))))
    return "SỐ PHIẾU", [Pairs(tuple(rows))]


def _votes_section(data: dict) -> tuple[str, list[Block]]:
    ranked = sorted(data["candidates"], key=lambda c: (-c["votes"], c["position"]))
    tied = set(data.get("tied_for_last_seat", ()))
    rows, highlight = [], []
    for index, c in enumerate(ranked):
        outcome = _outcome(c, tied)
        if c["elected"]:
            highlight.append(index)
        rows.append(
            (
                str(index + 1),
                c["name"],
                str(c["position"]),
                vn_number(c["votes"]),
                vn_percent(c["percent_of_base"]),
                vn_percent(c["percent_of_valid"]),
                outcome,
            )
        )
    grid = Grid(
        headers=(
            "TT",
            "Họ và tên",
            "Số TT trên phiếu",
            "Số phiếu bầu",
            "Tỷ lệ so với cơ sở",
            "Tỷ lệ so với phiếu hợp lệ",
            "Kết quả",
        ),
        rows=tuple(rows),
        widths_mm=(11, 48, 17, 17, 23, 24, 30),
        align=("CENTER", "LEFT", "CENTER", "RIGHT", "RIGHT", "RIGHT", "CENTER"),
        highlight=tuple(highlight),
    )
    note = Para(
        "Bảng xếp theo số phiếu bầu từ cao xuống thấp; cột “Số TT trên phiếu” là thứ tự "
        "in trên phiếu bầu (thứ tự của danh sách bầu cử).",
        size=-1,
    )
    return "SỐ PHIẾU BẦU CỦA TỪNG ĐỒNG CHÍ", [note, grid]


def _outcome(candidate: dict, tied: set[str]) -> str:
    if candidate["elected"]:
        return "Trúng cử"
    if candidate.get("alternate"):
        return "Dự khuyết"
    return "Bằng phiếu" if candidate["name"] in tied else ""


def _result_section(data: dict) -> tuple[str, list[Block]]:
    election, rule = data["election"], data["rule_citation"]
    votes = {c["name"]: c for c in data["candidates"]}
    blocks: list[Block] = []
    if data["elected"]:
        blocks.append(
            Para(
                f"Căn cứ Điều lệ Đảng (Điều 12.3) và {rule}, {len(data['elected'])} đồng chí "
                "sau đây có số phiếu bầu quá một nửa so với cơ sở và trúng cử:"
            )
        )
        blocks.append(_name_list(data["elected"], votes))
    else:
        blocks.append(Para("Không có đồng chí nào trúng cử ở lần bầu này."))
    if data.get("alternates_elected"):
        blocks.append(
            Para("Các đồng chí sau đây trúng cử đại biểu dự khuyết, theo thứ tự số phiếu:")
        )
        blocks.append(_name_list(data["alternates_elected"], votes))
    blocks += [Para(text) for text in result_notes(data)]
    if not (data.get("tied_for_last_seat") or data["seats_unfilled"]):
        blocks.append(Para(f"Đã bầu đủ số lượng cần bầu ({election['seats']} đồng chí)."))
    return "KẾT QUẢ BẦU CỬ", blocks


def result_notes(data: dict) -> list[str]:
    """A tie at the last seat, or seats left unfilled, in words with the rule cited."""
    election, rule = data["election"], data["rule_citation"]
    votes = {c["name"]: c for c in data["candidates"]}
    tied, unfilled = data.get("tied_for_last_seat") or [], data["seats_unfilled"]
    out = []
    if tied:
        n = vn_number(votes[tied[0]]["votes"]) if tied[0] in votes else "bằng nhau"
        out.append(
            f"Các đồng chí {_and(tied)} cùng được {n} phiếu, quá một nửa so với cơ sở, nhưng "
            f"số người bằng phiếu ({len(tied)}) nhiều hơn số chỗ còn lại ({unfilled}). Theo {rule}, "
            "chưa đồng chí nào trong số này trúng cử ở lần bầu này; đại hội bầu lại trong số "
            "các đồng chí bằng phiếu."
        )
        if election.get("alternates"):
            out.append("Đại biểu dự khuyết được xác định sau khi bầu lại xong.")
    elif unfilled:
        out.append(
            f"Số người trúng cử ({len(data['elected'])}) ít hơn số lượng cần bầu "
            f"({election['seats']}): còn thiếu {unfilled} đồng chí. Theo {rule}, đại hội thảo "
            f"luận, quyết định có bầu tiếp (lần bầu thứ {election['round'] + 1}) số còn thiếu hay không."
        )
    short = election.get("alternates", 0) - len(data.get("alternates_elected") or [])
    if election.get("alternates") and short > 0 and not tied:
        out.append(f"Số đại biểu dự khuyết trúng cử còn thiếu {short} so với số cần bầu.")
    return out


def _grouped(code: str) -> str:
    return " ".join(code[i : i + 8] for i in range(0, len(code), 8))


def _audit_section(data: dict) -> tuple[str, list[Block]]:
    """What the printed codes prove (issue 15.7): the ballot digest is recomputed from the
    ballot tables by `daihoi audit verify`, the chain entry is keyed and anchored."""
    blocks = []
    if data.get("ballot_digest"):
        blocks.append(Para(f"Mã phiếu (SHA-256): **{_grouped(data['ballot_digest'])}**", "left"))
    seq = f" #{data['audit_seq']}" if data.get("audit_seq") else ""
    blocks.append(Para(f"Mã kiểm chứng nhật ký{seq}: **{_grouped(data['audit_head'])}**", "left"))
    blocks.append(
        Para(
            "Mã phiếu được tính từ mọi phiếu đã nhập (gõ phím hoặc quét) ở mọi lần nhập, mọi "
            "lần hoàn tác, mọi quyết định của tổ trưởng và các phiếu được tính, theo từng hòm; "
            "mã từng hòm được ghi vào nhật ký kiểm toán khi hòm khớp và khi công bố. Lệnh "
            "“daihoi audit verify” tính lại các mã đó từ bảng phiếu và chỉ ra hòm, số phiếu "
            "đầu tiên bị sửa, xóa hoặc chèn; mục nhật ký trên được ký bằng khóa giữ ngoài cơ "
            "sở dữ liệu, nên chuỗi tính lại sau khi in biên bản không còn khớp mã này.",
            size=-1,
        )
    )
    return "MÃ KIỂM CHỨNG", blocks


def _closing(data: dict) -> list[Block]:
    members = committee(data)
    heads = tuple(m["name"] for m in members if m["role"].strip().lower() == HEAD_ROLE.lower())
    others = tuple(m["name"] for m in members if m["name"] not in heads)
    return [
        Para("Ban kiểm phiếu đã đọc lại biên bản, nhất trí với nội dung trên và cùng ký tên."),
        Signatures((("Thành viên ban kiểm phiếu", others), ("Trưởng ban kiểm phiếu", heads))),
    ]


def committee(data: dict) -> list[dict]:
    """The counting committee as {"name", "role"}. Bare names are accepted too: the first
    is taken as the head, as callers list the team leaders first."""
    members = []
    for index, member in enumerate(data.get("counting_committee") or []):
        if isinstance(member, str):
            member = {"name": member, "role": HEAD_ROLE if index == 0 else "Ủy viên"}
        members.append(member)
    return members


def _at(place: str) -> str:
    return f", tại {place}" if place else ""


def _name_list(names: list[str], votes: dict) -> Pairs:
    rows = []
    for i, name in enumerate(names, start=1):
        c = votes.get(name)
        detail = (
            f"{vn_number(c['votes'])} phiếu, đạt {vn_percent(c['percent_of_base'])}" if c else ""
        )
        rows.append((f"{i}. Đồng chí **{name}**", detail))
    return Pairs(tuple(rows), (95, 70))


def _voters(election: dict, sitting: dict | None = None) -> str:
    """Who votes at this election's own sitting (elections.sittings.figures); results
    published before sittings existed carry no "sitting" and keep the old reading."""
    if sitting:
        return sitting["voters"]
    if election.get("kind") in _COMMITTEE_OWN:
        return "cấp ủy viên"
    return "đảng viên" if election.get("congress_kind") == "members" else "đại biểu"


def _sitting_name(data: dict) -> str:
    sitting = data.get("sitting") or {}
    if sitting.get("kind") == "first_meeting":
        return sitting["name"]
    return data["election"]["congress"]


def _sitting_word(data: dict) -> str:
    return "hội nghị" if (data.get("sitting") or {}).get("kind") == "first_meeting" else "đại hội"


def _clock(hhmm: str) -> str:
    hours, minutes = hhmm.split(":")
    return f"{int(hours)} giờ {minutes}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"


def _what(title: str) -> str:
    """What was elected, without a leading "Bầu" the title may already carry."""
    return title[4:] if title.lower().startswith("bầu ") else title
