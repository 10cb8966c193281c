"""`daihoi demo`: load the synthetic demo province, then print how to log in."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from daihoi.demo.generator import (
    DemoDatabaseNotEmpty,
    build_demo,
    erase_database,
    has_organizations,
)
from daihoi.demo.logins import login_lines
from daihoi.demo.scale import DEFAULT_SEED
from daihoi.documents.common import vn_number

# Later features add their demo data on top of the province, in this order
# (congress records first: the personnel plans attach to those congresses).
# Each step with the Vietnamese line the clerk reads while the demo loads.
FEATURE_STEPS = [
    ("daihoi.reports.demo.build_demo_congresses", "Đại hội"),
    ("daihoi.personnel.demo.build_demo_personnel", "Nhân sự"),
    # After the plans: the upward report reads their "tái cử" and "người địa phương" marks.
    ("daihoi.reports.demo_results.build_demo_results", "Kết quả bầu cử"),
    ("daihoi.preparation.demo.build_demo_preparation", "Chuẩn bị đại hội"),
    ("daihoi.grading.demo.build_demo_grading", "Xếp loại"),
]
# The counts the steps return, named as the pages name them; an unknown key prints as it is.
COUNT_LABELS = {
    "congresses": "đại hội",
    "ex_officio": "đại biểu đương nhiên",
    "elected_delegates": "đại biểu được bầu",
    "personnel_plans": "đề án nhân sự",
    "personnel_candidates": "nhân sự dự kiến",
    "demo_elections": "cuộc bầu cử",
    "demo_candidates": "ứng cử viên",
    "demo_approvals": "quyết định chuẩn y",
    "plans": "kế hoạch",
    "bodies": "tiểu ban và tổ giúp việc",
    "visits": "đợt làm việc",
    "drafts": "dự thảo",
    "comments": "góp ý",
    "programme_items": "mục chương trình",
    "decisions": "biểu quyết",
    "lessons": "bài học đại hội điểm",
    "units": "đơn vị xếp loại",
    "evaluations": "phiếu đánh giá",
    "late_or_open": "chưa xong hoặc trễ hạn",
    "step_logs": "bước quy trình",
}


def step_line(label: str, counts: dict) -> str:
    parts = [f"{vn_number(n)} {COUNT_LABELS.get(key, key)}" for key, n in counts.items()]
    return f"  {label}: {', '.join(parts)}"


class Command(BaseCommand):
    help = (
        "Load a synthetic demo province (invented places and people, no real person's data): "
        "about 60,000 members, or 1,000 with --small."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same data")
        parser.add_argument("--small", action="store_true", help="2 districts, ~1,000 members")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (but print the logins) when organisations already exist",
        )
        parser.add_argument(
            "--flush", action="store_true", help="ERASE ALL DATA in the database first"
        )
        parser.add_argument(
            "--shape",
            choices=["2020", "2025"],
            default="2020",
            help="2025: then rearrange the province as in 2025 (district level ended, communes "
            "merged, sector organisations), by dated restructuring decisions",
        )
        parser.add_argument(
            "--address",
            default=None,
            help="host:port the server will listen on, printed in the logins (make demo HOST=…)",
        )

    def handle(self, *args, seed, small, if_empty, flush, shape="2020", address=None, **options):
        if flush and if_empty:
            raise CommandError("--flush and --if-empty contradict each other; choose one.")
        if flush:
            self.stdout.write("Xóa toàn bộ dữ liệu trong cơ sở dữ liệu")
            erase_database()
        if if_empty and has_organizations():
            self.stdout.write("Cơ sở dữ liệu đã có tổ chức đảng: không nạp lại dữ liệu mẫu.")
        else:
            self.load(seed, small)
        if shape == "2025":
            self.reshape(seed)
        self.stdout.write("")
        for line in login_lines(address):
            self.stdout.write(line)

    def reshape(self, seed: int) -> None:
        from daihoi.demo.reshape2025 import AlreadyReshaped, reshape_2025

        try:
            counts = reshape_2025(seed, progress=self.stdout.write)
        except AlreadyReshaped:
            self.stdout.write("Tỉnh mẫu đã được sắp xếp theo mô hình 2025.")
        else:
            self.stdout.write(f"  reshape_2025: {counts}")

    def load(self, seed: int, small: bool) -> None:
        started = time.monotonic()
        try:
            summary = build_demo(seed, small, progress=self.stdout.write)
        except DemoDatabaseNotEmpty:
            raise CommandError(
                "The database already holds organisations. Use --flush to replace everything "
                "with the demo, or --if-empty to keep what is there."
            ) from None
        for dotted, label in FEATURE_STEPS:
            counts = import_string(dotted)(seed=seed)
            self.stdout.write(step_line(label, counts))
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp tỉnh mẫu trong {time.monotonic() - started:.1f} giây: "
                f"{summary.districts} đảng bộ cấp trên cơ sở, {vn_number(summary.grassroots)} tổ chức "
                f"cơ sở, {vn_number(summary.cells)} chi bộ trực thuộc, {vn_number(summary.members)} đảng "
                f"viên ({summary.women / summary.members:.0%} nữ), {vn_number(summary.posts)} "
                f"chức vụ, {vn_number(summary.plannings)} quy hoạch (số liệu ngày {summary.as_of:%d/%m/%Y})."
            )
        )
