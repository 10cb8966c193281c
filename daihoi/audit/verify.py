"""`daihoi audit verify`: recompute the keyed chain, check the head and the anchors,
then run the checks other apps register (the ballot digests of the counting wing).

Each problem has a stable code (tests assert it) and a Vietnamese message that
names the entry, or the box and ballot, where the evidence stops agreeing.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from .chain import GENESIS, entry_hash, fields_of, head_mac
from .keys import AuditKeyError, key_id, load_key
from .models import AuditEntry, AuditHead

# Tables that are only ever written through audited services: rows here under an
# empty chain mean the chain was deleted, not that nothing happened.
EVIDENCE_MODELS = (
    "organizations.Organization",
    "congresses.Congress",
    "elections.Election",
    "elections.PublishedResult",
)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    seq: int | None = None
    entry_id: int | None = None
    box: int | None = None
    ballot: int | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class ChainReport:
    checked: int = 0
    head_hash: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad_id(self) -> int | None:
        return self.problems[0].entry_id if self.problems else None

    @property
    def problem(self) -> str:
        return self.problems[0].message if self.problems else ""

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


_checks: list[Callable[[], Iterable[Problem]]] = []


def register_check(check: Callable[[], Iterable[Problem]]) -> None:
    """Apps add their own evidence checks (called after the chain is verified)."""
    if check not in _checks:
        _checks.append(check)


def _walk(key: bytes, report: ChainReport, batch_size: int) -> str:
    prev, expected = GENESIS, 1
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size):
        at = f"mục #{entry.seq}"
        if entry.seq != expected:
            return _stop(
                report,
                "entry_removed",
                f"Thiếu mục #{expected} (trước {at}): dòng nhật ký đã bị xóa.",
                entry,
            )
        if entry.prev_hash != prev:
            return _stop(
                report,
                "entry_removed_or_inserted",
                f"{at}: không nối với mục trước (dòng bị xóa hoặc chèn).",
                entry,
            )
        if entry_hash(key, fields_of(entry)) != entry.hash:
            return _stop(
                report,
                "entry_edited",
                f"{at}: nội dung không khớp mã băm (dòng bị sửa, hoặc chuỗi tính lại không có khóa).",
                entry,
            )
        prev, expected = entry.hash, expected + 1
        report.checked += 1
    return prev


def _stop(report: ChainReport, code: str, message: str, entry: AuditEntry) -> str:
    report.problems.append(Problem(code, message, seq=entry.seq, entry_id=entry.pk))
    return ""


def _check_head(key: bytes, report: ChainReport, last: str) -> None:
    head = AuditHead.objects.filter(id=1).first()
    if head is None:
        if report.checked:
            report.problems.append(Problem("head_missing", "Mất dòng đầu chuỗi (AuditHead)."))
        return
    report.head_hash = head.last_hash
    if head.key_id and head.key_id != key_id(key):
        report.problems.append(Problem("wrong_key", "Khóa hiện tại không phải khóa đã ký chuỗi."))
    if head.count != report.checked or (last and head.last_hash != last):
        report.problems.append(
            Problem(
                "head_mismatch",
                f"Đầu chuỗi ghi {head.count} mục, chuỗi còn {report.checked}: "
                "các mục mới nhất đã bị xóa hoặc đầu chuỗi bị sửa.",
            )
        )
    elif head.count and head.mac != head_mac(key, head.count, head.last_hash):
        report.problems.append(
            Problem("head_forged", "Đầu chuỗi không có chữ ký hợp lệ (bị lùi lại hoặc giả).")
        )


def _chain_emptied() -> bool:
    return any(apps.get_model(label).objects.exists() for label in EVIDENCE_MODELS)


def verify_chain(
    batch_size: int = 5000,
    anchors: Iterable[dict] = (),
    extra: bool = True,
    printed: Iterable[str] = (),
) -> ChainReport:
    """Recompute every entry in order; check the head, the anchors and the apps' evidence."""
    report = ChainReport()
    has_rows = AuditEntry.objects.exists() or AuditHead.objects.filter(count__gt=0).exists()
    try:
        key = load_key()
    except AuditKeyError as error:
        if has_rows:
            report.problems.append(Problem("key_missing", str(error)))
        elif _chain_emptied():
            report.problems.append(
                Problem(
                    "chain_emptied",
                    str(_("Nhật ký trống nhưng dữ liệu đã có: toàn bộ nhật ký đã bị xóa.")),
                )
            )
        return report
    last = _walk(key, report, batch_size)
    if not report.problems:  # a broken walk already names the first bad entry
        _check_head(key, report, last)
    if not has_rows and _chain_emptied():
        report.problems.append(
            Problem(
                "chain_emptied",
                str(_("Nhật ký trống nhưng dữ liệu đã có: toàn bộ nhật ký đã bị xóa.")),
            )
        )
    from .anchor import check_anchor, check_printed

    for anchor in anchors:
        report.problems.extend(check_anchor(key, anchor))
    for code in printed:
        report.problems.extend(check_printed(code))
    if extra:
        for check in _checks:
            report.problems.extend(check())
    return report
