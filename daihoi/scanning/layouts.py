"""The reader's template of an election's ballot: exactly the printed paper's layout.

The spec comes from ``elections.lists.ballot_spec`` (the one the ballot PDF is
printed from) and the geometry from ``ballot_layout``, so the scanner and the
paper cannot drift apart. A4 and A5 ballots carry the same code, so both
layouts are built; ``reading.choose_size`` finds which one the scan fits. Each
template also carries the blank ballot as printed (its PDF), which the reader
subtracts from the scan to see only the pen.
"""

from __future__ import annotations

import re
from functools import lru_cache

from daihoi.elections.ballot_paper import (
    BallotTooLong,
    ballot_layout,
    render_ballot_pdf,
)
from daihoi.elections.lists import ballot_spec
from daihoi.scanning.omr.types import Template

from .sizes import ElectionTemplates

PAGE_SIZES = ("A4", "A5")
_PAYLOAD = re.compile(r"^DAIHOI\|e=(\d+)\|r=(\d+)\|l=([\w.-]+)\|n=(\d+)$")


class NotScannable(ValueError):
    """The election has no printable ballot yet (list not locked, or too long)."""


DEFAULT_PAGE_SIZE = "A4"  # as the ballot-printing form offers first


def election_templates(election, page_size: str | None = None) -> ElectionTemplates:
    """Templates for ``election``'s current ballot, ``page_size`` (default A4) first."""
    if not election.list_locked:
        raise NotScannable("Danh sách chưa được biểu quyết và khóa: chưa có mẫu phiếu để đọc.")
    spec = ballot_spec(election)
    first = page_size or DEFAULT_PAGE_SIZE
    if first not in PAGE_SIZES:
        raise NotScannable(f"Khổ giấy không đúng: {first!r}.")
    built = []
    for size in (first, *(s for s in PAGE_SIZES if s != first)):
        template = _template(spec, size)
        if template is not None:  # else the list does not fit this size: nobody printed it so
            built.append((size, template))
    if not built:
        raise NotScannable("Danh sách quá dài để in trên một tờ phiếu: không có mẫu phiếu.")
    return ElectionTemplates(spec.qr_payload, str(spec.form), len(spec.candidates), tuple(built))


# A scan's templates are built from the printed spec alone, so one built for an earlier
# scan of the same ballot serves again, its reference pages (rendered at the reading dpi,
# reference.py) with it: drawing the PDF and the references costs about half a second of
# CPU per upload, more than reading a dozen pages. A few ballots are kept (an A4 template
# and its references take about 20 MB); a changed list is another spec, so never served stale.
# A list too long for a size is kept as None: finding that out lays the whole ballot out
# (about 25 ms for 66 names on A5), twice per upload when it was raised instead.
@lru_cache(maxsize=4)
def _template(spec, size: str) -> Template | None:
    try:
        layout = ballot_layout(spec, size)  # BallotTooLong before anything is drawn
    except BallotTooLong:
        return None
    return Template.from_layout(layout, pdf=render_ballot_pdf(spec, page_size=size))


def expected_payload(election) -> str:
    """The code the election's ballot carries now (cheap: no layout, no PDF)."""
    return ballot_spec(election).qr_payload


def explain_payload(read: str, expected: str, titles: dict[int, str] | None = None) -> str:
    """Why a page's code is not this ballot's, in words a counting team understands."""
    got, want = _PAYLOAD.match(read or ""), _PAYLOAD.match(expected)
    if got is None or want is None:
        return "Mã trên phiếu không phải mã phiếu bầu của hệ thống."
    election, round_, layout, _ = got.groups()
    if election != want.group(1):
        title = (titles or {}).get(int(election))
        name = f"“{title}”" if title else f"số {election}"
        return f"Phiếu của cuộc bầu khác ({name}): để riêng, không tính vào hòm này."
    if round_ != want.group(2):
        return f"Phiếu của lần bầu thứ {round_}, không phải lần {want.group(2)}."
    if layout != want.group(3):
        return "Mẫu phiếu khác với danh sách hiện tại (danh sách đã sửa sau khi in phiếu này)."
    return "Mã phiếu không khớp."
