"""The printable entry log (nhật ký nhập phiếu) of a box or a whole election.

Provincial practice keeps it in the congress file beside the minutes: per box and
per operator, every ballot as typed with its number and the minute it was typed,
the ballots taken back (undone), the differences between the entries and how the
team leader decided each, the box's digest as sealed in the audit chain, and the
signatures of the operators and the leader. ``entry_log_data`` reads the tables;
``entry_log_blocks`` is pure and only lays the data out.
"""

from __future__ import annotations

from django.db.models import Min
from django.utils import timezone
from reportlab.platypus import KeepTogether, PageBreak

from daihoi.documents.common import (
    Block,
    Grid,
    Heading,
    Pairs,
    Para,
    PartyHeader,
    Signatures,
    date_line,
    vn_number,
)
from daihoi.documents.pdf import build_pdf, flowables, frame_width, party_header

from .models import BallotBatch, BatchEntry, BatchStatus, Election, EntryStatus
from .results import INVALID_LABELS

MARKS = {"agree": "đồng ý", "disagree": "không đồng ý", "both": "cả hai ô", "none": "bỏ trống"}
STATUS = {
    BatchStatus.OPEN: "chưa nhập",
    BatchStatus.ENTERING: "đang nhập",
    BatchStatus.DIFFERENT: "các lần nhập khác nhau, chờ tổ trưởng quyết định",
    BatchStatus.RECONCILED: "đã khớp",
}


def _person(user) -> str:
    """Vietnamese order: family and middle names (last_name), then the given name."""
    return (f"{user.last_name} {user.first_name}".strip() or user.username) if user else ""


def _clock(value) -> str:
    return timezone.localtime(value).strftime("%H:%M") if value else "—"


def describe(content: dict | None) -> str:
    """A ballot as typed, in words (the `daihoi count` form)."""
    if content is None:
        return "(không có phiếu này)"
    if "invalid" in content:
        reason = content["invalid"]
        return f"Không hợp lệ: {INVALID_LABELS.get(reason, reason)}"
    if "struck" in content:
        struck = content["struck"]
        return f"Gạch: {', '.join(map(str, struck))}" if struck else "Không gạch tên nào"
    groups: dict[str, list[str]] = {}
    for position, mark in content.get("marks", {}).items():
        groups.setdefault(mark, []).append(str(position))
    return "; ".join(f"{MARKS[m]}: {', '.join(groups[m])}" for m in MARKS if m in groups)


def _verdict(valid: bool, reason: str) -> str:
    return "Hợp lệ" if valid else f"Không hợp lệ ({INVALID_LABELS.get(reason, reason)})"


def _entry_rows(entry) -> list[tuple[str, ...]]:
    """Typed ballots and undone ones in typing order: an undone ballot sits before the
    ballot typed again under its number."""
    rows = [
        (
            (b.seq, 1, 0),
            (
                str(b.seq),
                _clock(b.entered_at),
                describe(b.content),
                _verdict(b.valid, b.reason),
                "",
            ),
        )
        for b in entry.ballots.all()
    ]
    rows += [
        (
            (u.seq, 0, u.pk),
            (
                f"{u.seq}",
                _clock(u.entered_at),
                describe(u.content),
                _verdict(u.valid, u.reason),
                f"Đã bỏ lúc {_clock(u.undone_at)}",
            ),
        )
        for u in entry.undone.all()
    ]
    return [row for _, row in sorted(rows)]


def _box(batch: BallotBatch) -> dict:
    entries = []
    for e in batch.entries.order_by("slot", "id"):
        entries.append(
            {
                "slot": e.slot,
                "operator": _person(e.operator),
                "source": "quét phiếu" if e.source == "scan" else "gõ phím",
                "started": _clock(e.started_at),
                "finished": _clock(e.finalised_at),
                "discarded": e.status == EntryStatus.DISCARDED,
                "rows": _entry_rows(e),
            }
        )
    decisions = [
        {
            "seq": d.seq,
            "readings": {int(k): describe(v) for k, v in d.readings.items()},
            "chosen": d.chosen_slot,
            "by": _person(d.decided_by),
            "at": _clock(d.decided_at),
            "reason": d.reason,
        }
        for d in batch.decisions.select_related("decided_by")
    ]
    counted = list(batch.counted.values_list("valid", flat=True))
    seal = batch.seals.first()
    return {
        "number": batch.number,
        "team": batch.team.name,
        "leader": _person(batch.team.leader),
        "status": STATUS.get(batch.status, batch.status),
        "counted": len(counted),
        "valid": sum(counted),
        "entries": entries,
        "decisions": decisions,
        "seal": {"root": seal.root, "seq": seal.audit_seq, "at": _clock(seal.sealed_at)}
        if seal
        else None,
    }


def entry_log_data(election: Election, batch: BallotBatch | None = None) -> dict:
    batches = election.batches.select_related("team__leader").order_by("number")
    batches = list(batches.filter(pk=batch.pk) if batch else batches)
    congress = election.congress
    first = BatchEntry.objects.filter(batch__in=batches).aggregate(at=Min("started_at"))["at"]
    return {
        "congress": congress.name,
        "place": congress.venue or congress.organization.name,
        "date": timezone.localtime(first or timezone.now()).strftime("%d/%m/%Y"),
        "election": election.title,
        "round": election.round,
        "entries_required": election.entries_required,
        "boxes": [_box(b) for b in batches],
    }


def _box_blocks(data: dict, box: dict) -> list[Block]:
    blocks: list[Block] = [
        Para("**NHẬT KÝ NHẬP PHIẾU**", "centre", size=3),
        Para(
            f"**{data['election']} (lần bầu {data['round']}) — Hòm phiếu số {box['number']}**",
            "centre",
            size=1,
        ),
        Pairs(
            (
                ("Tổ kiểm phiếu", f"{box['team']} (tổ trưởng: {box['leader']})"),
                ("Số lần nhập độc lập", str(data["entries_required"])),
                ("Tình trạng hòm phiếu", box["status"]),
                (
                    "Số phiếu được tính",
                    f"{vn_number(box['counted'])} (hợp lệ {vn_number(box['valid'])}, không hợp lệ "
                    f"{vn_number(box['counted'] - box['valid'])})",
                ),
            ),
            (60, 110),
        ),
    ]
    for e in box["entries"]:
        state = " — ĐÃ HỦY" if e["discarded"] else ""
        blocks.append(
            Heading(
                f"Lần nhập {e['slot']}: {e['operator']} ({e['source']}), "
                f"bắt đầu {e['started']}, hoàn tất {e['finished']}{state}"
            )
        )
        rows = tuple(e["rows"]) or (("—", "", "(chưa nhập phiếu nào)", "", ""),)
        undone = tuple(i for i, r in enumerate(rows) if r[4])
        blocks.append(
            Grid(
                ("Số", "Giờ nhập", "Phiếu như đã nhập", "Đánh giá", "Ghi chú"),
                rows,
                (12, 20, 56, 40, 42),
                ("RIGHT", "CENTER", "LEFT", "LEFT", "LEFT"),
                highlight=undone,
            )
        )
    blocks += _decision_blocks(box)
    if box["seal"]:
        seal = box["seal"]
        root = " ".join(seal["root"][i : i + 8] for i in range(0, 64, 8))
        blocks.append(
            Para(
                f"Mã phiếu của hòm (ghi vào nhật ký kiểm toán, mục #{seal['seq']}, lúc "
                f"{seal['at']}): **{root}**",
                "left",
                size=-1,
            )
        )
    operators = tuple(dict.fromkeys(e["operator"] for e in box["entries"]))
    blocks.append(
        Signatures((("Người nhập phiếu", operators), ("Tổ trưởng tổ kiểm phiếu", (box["leader"],))))
    )
    return blocks


def _decision_blocks(box: dict) -> list[Block]:
    if not box["decisions"]:
        return [
            Para("Các lần nhập khớp nhau từng phiếu: không có khác biệt cần quyết định.", "left")
        ]
    slots = sorted({s for d in box["decisions"] for s in d["readings"]})
    rows = tuple(
        (
            str(d["seq"]),
            *(d["readings"].get(s, "") for s in slots),
            f"Lần {d['chosen']} ({d['by']}, {d['at']})",
            d["reason"],
        )
        for d in box["decisions"]
    )
    reading = 80 // max(len(slots), 1)
    return [
        Heading("Các phiếu khác nhau giữa các lần nhập và quyết định của tổ trưởng"),
        Grid(
            ("Số", *(f"Lần {s} đọc" for s in slots), "Tổ trưởng chọn", "Lý do"),
            rows,
            (13, *([reading] * len(slots)), 42, 170 - 13 - 42 - reading * len(slots)),
            ("RIGHT", *(["LEFT"] * len(slots)), "LEFT", "LEFT"),
        ),
    ]


def entry_log_blocks(data: dict) -> list[list[Block]]:
    """One list of blocks per box (each box starts a page)."""
    return [_box_blocks(data, box) for box in data["boxes"]]


def render_entry_log_pdf(data: dict) -> bytes:
    header = PartyHeader(data["congress"], "Ban kiểm phiếu", date_line(data["place"], data["date"]))
    story = []
    for index, blocks in enumerate(entry_log_blocks(data)):
        if index:
            story.append(PageBreak())
        *body, signatures = blocks
        story += [party_header(header, frame_width()), *flowables(body, size=11)]
        # The signature titles never part from the names signed under them.
        story.append(KeepTogether(flowables([signatures], size=11)))
    if not story:
        story = flowables([Para("Chưa có hòm phiếu nào.")])
    return build_pdf(
        story,
        title=f"Nhật ký nhập phiếu — {data['election']}",
        footer=f"Nhật ký nhập phiếu · {data['election']} · lần bầu {data['round']}",
    )
