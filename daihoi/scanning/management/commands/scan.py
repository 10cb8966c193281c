"""`daihoi scan ELECTION FILES…`: read a large ballot box's scans with every core.

Stores exactly what the web upload stores (a scan of the box, its pages, the
rejected ones with their reason); people then decide the uncertain rows and
finalise in the browser. Prints a progress line about every second and a
summary at the end.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from daihoi.elections.models import Election
from daihoi.scanning.errors import ScanError
from daihoi.scanning.models import BALLOT_STATUSES, PageStatus, ScanStatus
from daihoi.scanning.services import create_scan, process_scan

SCAN_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


class Command(BaseCommand):
    help = (
        "Đọc bản quét phiếu bầu (PDF nhiều trang, ảnh, hoặc thư mục ảnh) của một hòm phiếu, "
        "dùng mọi lõi CPU; lưu như khi tải lên trên web."
    )

    def add_arguments(self, parser):
        parser.add_argument("election", type=int, help="mã số cuộc bầu (số trong địa chỉ trang)")
        parser.add_argument("files", nargs="+", type=Path, help="tệp PDF/ảnh, hoặc thư mục ảnh")
        parser.add_argument("--batch", type=int, help="hòm phiếu số (bỏ qua nếu chỉ có một hòm)")
        parser.add_argument("--round", type=int, help="lần bầu (mặc định: lần của cuộc bầu đã cho)")
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="số tiến trình đọc (mặc định: số lõi)",
        )
        parser.add_argument("--user", help="người tải lên (mặc định: tổ trưởng của hòm)")
        parser.add_argument("--page-size", choices=["A4", "A5"], help="khổ phiếu thử trước")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):  # the output is Vietnamese
            self._scan(options)

    def _scan(self, options) -> None:
        election = _election(options["election"], options["round"])
        batch = _batch(election, options["batch"])
        user = _user(options["user"], batch)
        files = _read(options["files"])
        try:
            scan = create_scan(user, batch, files, page_size=options["page_size"])
        except ScanError as exc:
            raise CommandError(exc.message) from exc
        workers = max(1, options["workers"])
        self.stdout.write(
            f"{election.title} (lần {election.round}), hòm {batch.number}: "
            f"{scan.pages_total} trang, {workers} tiến trình"
        )
        started = time.monotonic()
        report = _Reporter(self.stdout, scan.pages_total, started)
        scan = process_scan(scan, files, workers=workers, on_page=report)
        if scan.status == ScanStatus.FAILED:
            raise CommandError(f"Không lưu trang nào: {scan.error}")
        self._summary(scan, time.monotonic() - started, workers)

    def _summary(self, scan, seconds: float, workers: int) -> None:
        pages = list(scan.pages.defer("image").order_by("number"))
        ballots = sum(p.status in BALLOT_STATUSES for p in pages)
        rejected = [p for p in pages if p.status not in BALLOT_STATUSES]
        rows = sum(r["uncertain"] for p in pages for r in p.rows)
        flagged = sum(1 for p in pages if "writing_outside" in p.flags)
        rate = len(pages) / seconds if seconds else 0.0
        out = self.stdout.write
        out(
            f"Đã đọc {len(pages)} trang trong {seconds:.1f} s ({rate:.1f} trang/s, {workers} tiến trình)"
        )
        out(f"  Phiếu đọc được: {ballots}")
        out(f"  Trang bị loại: {len(rejected)}")
        by_reason = Counter(p.status for p in rejected)
        for status, count in sorted(by_reason.items()):
            numbers = ", ".join(str(p.number) for p in rejected if p.status == status)
            out(f"    - {PageStatus(status).label}: {count} (trang {numbers})")
        review_pages = sum(p.needs_review for p in pages)
        out(f"  Dòng cần người quyết định: {rows} (trên {review_pages} phiếu)")
        out(f"  Phiếu có chữ/dấu ngoài các dòng: {flagged}")
        out(f"  Lần quét #{scan.pk}: {scan.get_status_display()}")
        out(f"  Quyết định và hoàn tất tại: {reverse('scanning:scan', args=[scan.pk])}")


class _Reporter:
    """A progress line about every second, and each rejected page as it comes."""

    def __init__(self, stdout, total: int, started: float):
        self.stdout, self.total, self.started = stdout, total, started
        self.done, self.last = 0, started

    def __call__(self, result) -> None:
        self.done += 1
        if result.status not in (PageStatus.OK,):
            label = PageStatus(result.status).label
            where = f"{result.file_name} · {result.file_page}"
            self.stdout.write(f"  ! trang {self.done} ({where}): {label}. {result.message}")
        now = time.monotonic()
        if now - self.last >= 1.0 or self.done == self.total:
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            self.stdout.write(f"  trang {self.done}/{self.total} · {rate:.1f} trang/s")


def _election(pk: int, round_: int | None) -> Election:
    election = Election.objects.filter(pk=pk).first()
    if election is None:
        raise CommandError(f"Không có cuộc bầu số {pk}.")
    if round_ is None or round_ == election.round:
        return election
    root = election
    while root.previous_round_id:
        root = root.previous_round
    chain, frontier = [root], [root]
    while frontier:
        frontier = list(Election.objects.filter(previous_round__in=frontier))
        chain.extend(frontier)
    found = [e for e in chain if e.round == round_]
    if not found:
        rounds = ", ".join(str(e.round) for e in chain)
        raise CommandError(f"Cuộc bầu {pk} không có lần bầu {round_} (có: {rounds}).")
    return max(found, key=lambda e: e.pk)


def _batch(election: Election, number: int | None):
    batches = list(election.batches.select_related("team__leader").order_by("number"))
    if number is not None:
        for batch in batches:
            if batch.number == number:
                return batch
        raise CommandError(f"Cuộc bầu {election.pk} không có hòm phiếu số {number}.")
    if len(batches) == 1:
        return batches[0]
    numbers = ", ".join(str(b.number) for b in batches) or "chưa có hòm nào"
    raise CommandError(f"Chọn hòm phiếu bằng --batch (các hòm: {numbers}).")


def _user(username: str | None, batch):
    if username is None:
        return batch.team.leader
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Không có người dùng {username}.")
    if not batch.team.members.filter(pk=user.pk).exists():
        raise CommandError(f"{username} không thuộc tổ kiểm phiếu của hòm {batch.number}.")
    return user


def _read(paths: list[Path]) -> list[tuple[str, bytes]]:
    files = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in SCAN_SUFFIXES)
            if not inside:
                raise CommandError(f"Thư mục {path} không có tệp PDF hay ảnh nào.")
            files.extend((p.name, p.read_bytes()) for p in inside)
        elif path.is_file():
            files.append((path.name, path.read_bytes()))
        else:
            raise CommandError(f"Không có tệp {path}.")
    return files
