"""The congress file (hồ sơ đại hội): what it must hold, what the app generates, what the
clerk uploads, and the whole file as one ZIP with an index.

Contents: HD 04-HD/TW 2024 and the congress directives ask for the minutes of the
congress, the counting minutes of each election, the resolution, the political report and
the list of the new committee with its members' particulars (trích ngang).
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from .models import FileKind, FileUpload
from .selectors import has_committee_result, live_elections, new_committee

REQUIRED = (
    FileKind.SITTING_MINUTES,
    FileKind.COUNT_MINUTES,
    FileKind.RESOLUTION,
    FileKind.POLITICAL_REPORT,
    FileKind.COMMITTEE_LIST,
)
GENERATED = (FileKind.COUNT_MINUTES, FileKind.COMMITTEE_LIST)


@dataclass
class Item:
    kind: str
    label: str
    status: str  # generated / uploaded / missing
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    uploads: list = field(default_factory=list)


def checklist(congress) -> list[Item]:
    uploads: dict[str, list] = {}
    for up in FileUpload.objects.filter(congress=congress).order_by("id"):
        uploads.setdefault(up.kind, []).append(up)
    elections = list(live_elections(congress))
    items = []
    for kind in (*REQUIRED, FileKind.OTHER):
        item = Item(kind, FileKind(kind).label, "missing", uploads=uploads.get(kind, []))
        if kind == FileKind.COUNT_MINUTES and elections:
            item.links = [
                (e.title, reverse("elections:minutes_pdf", args=[e.pk])) for e in elections
            ]
            item.status = "generated"
        elif kind == FileKind.COMMITTEE_LIST and has_committee_result(congress):
            item.links = [("CSV", reverse("approvals:committee_csv", args=[congress.pk]))]
            item.status = "generated"
        if item.status == "missing" and item.uploads:
            item.status = "uploaded"
        items.append(item)
    return items


def missing_items(congress) -> list[str]:
    """What the request for approval still lacks, in the clerk's words."""
    missing = [
        str(i.label) for i in checklist(congress) if i.kind in REQUIRED and i.status == "missing"
    ]
    if not has_committee_result(congress):
        missing.insert(0, "Kết quả bầu Ban Chấp hành đã công bố")
    return missing


CSV_HEADER = [
    "Bầu",
    "STT",
    "Họ và tên",
    "Số phiếu",
    "% cơ sở",
    "Giới tính",
    "Ngày sinh",
    "Dân tộc",
    "Lý luận chính trị",
    "Chuẩn y",
]
PARTICULARS = (
    "get_gender_display",
    "birth_date",
    "get_ethnicity_display",
    "get_political_theory_display",
)


def committee_csv(congress) -> bytes:
    """The new committee with each member's particulars where the registry has them, and
    whether the higher committee recognised each one."""
    from daihoi.elections.models import Candidate

    from .selectors import approval_of

    not_recognised = set(approval_of(congress).not_recognised)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CSV_HEADER)
    for row in new_committee(congress):
        e = row["election"]
        entries = Candidate.objects.filter(election=e).select_related("member")
        members = {c.full_name: c.member for c in entries}
        votes = {c["name"]: c for c in e.published.data.get("candidates", [])}
        for n, name in enumerate(row["elected"], 1):
            m, c = members.get(name), votes.get(name, {})
            cells = [e.title, n, name, c.get("votes", ""), c.get("percent_of_base", "")]
            cells += [_attr(m, a) for a in PARTICULARS]
            cells.append("không chuẩn y công nhận" if name in not_recognised else "")
            w.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _attr(member, name: str) -> str:
    if member is None or not hasattr(member, name):
        return ""
    value = getattr(member, name)
    value = value() if callable(value) else value
    return "" if value is None else str(value)


def _slug(text: str) -> str:
    from daihoi.textnorm import fold

    return "".join(ch if ch.isalnum() else "-" for ch in fold(text).lower()).strip("-")[:60]


def build_zip(congress, minutes_pdf) -> bytes:
    """The whole file: generated documents, uploads, and MUC-LUC.txt listing each item's
    status and each file's SHA-256. `minutes_pdf(election) -> bytes` renders the minutes."""
    import hashlib

    buf = io.BytesIO()
    index = [
        f"HỒ SƠ ĐẠI HỘI: {congress.name}",
        f"Lập lúc {timezone.localtime():%d/%m/%Y %H:%M}",
        "",
    ]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, item in enumerate(checklist(congress), 1):
            folder = f"{n:02d}-{_slug(str(item.label))}"
            index.append(f"{n}. {item.label} — {STATUS_TEXT[item.status]}")
            files = list(_generated(congress, item, minutes_pdf)) + [
                (f"{up.pk}-{_slug(up.title)}.{up.file.name.rsplit('.', 1)[-1]}", up.file.read())
                for up in item.uploads
            ]
            for name, content in files:
                z.writestr(f"{folder}/{name}", content)
                index.append(f"   {folder}/{name}  sha256={hashlib.sha256(content).hexdigest()}")
        z.writestr("MUC-LUC.txt", "\n".join(index) + "\n")
    return buf.getvalue()


STATUS_TEXT = {"generated": "do hệ thống lập", "uploaded": "đã tải lên", "missing": "CÒN THIẾU"}


def _generated(congress, item, minutes_pdf):
    if item.kind == FileKind.COUNT_MINUTES and item.status == "generated":
        for e in live_elections(congress):
            yield f"bien-ban-kiem-phieu-{e.pk}-{_slug(e.title)}.pdf", minutes_pdf(e)
    if item.kind == FileKind.COMMITTEE_LIST and item.status == "generated":
        yield "danh-sach-cap-uy-khoa-moi.csv", committee_csv(congress)
