"""`daihoi import_members FILE [FILE...]`: import organisations and members from the Excel
template or members CSV; several files are one import, all written or none."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from daihoi.organizations.models import Organization
from daihoi.people.importing import import_files
from daihoi.people.models import ColumnMapping

PHASES = {"read": "Đọc tệp", "validate": "Kiểm tra", "write": "Ghi dữ liệu"}


class Progress:
    """A percentage per phase on stderr: one line rewritten in place on a terminal,
    a new line every 10% in a log."""

    def __init__(self, stream):
        self.stream, self.shown = stream, None  # the command's OutputWrapper
        self.tty = stream.isatty()

    def __call__(self, phase: str, done: int, total: int) -> None:
        percent = done * 100 // total if total else None
        if not self.tty and percent is not None:
            percent -= percent % 10
        shown = (phase, percent if total else done // 10000)
        if shown == self.shown:
            return
        if self.tty and self.shown and self.shown[0] != phase:
            self.stream.write("")
        self.shown = shown
        amount = f"{percent}%" if total else f"{done} dòng"
        line = f"{PHASES.get(phase, phase)}: {amount}"
        self.stream.write(f"\r{line}" if self.tty else line, ending="" if self.tty else "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.shown:
            self.stream.write("")


class Command(BaseCommand):
    help = (
        "Nhập tổ chức đảng và đảng viên từ tệp Excel theo mẫu. Nếu có dòng lỗi thì không ghi gì, "
        "trừ khi dùng --only-valid. Thoát với mã 1 khi không ghi được gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            type=Path,
            nargs="+",
            metavar="FILE",
            help="tệp .xlsx theo mẫu (daihoi export_members --template) hoặc .csv đảng viên; "
            "nhiều tệp là một lần nhập: ghi tất cả hoặc không ghi gì",
        )
        parser.add_argument(
            "--each-file",
            action="store_true",
            help="nhập lần lượt từng tệp, mỗi tệp trọn vẹn hoặc không ghi gì",
        )
        parser.add_argument(
            "--workers",
            type=int,
            metavar="N",
            help="số tiến trình đọc các sheet/tệp đảng viên cùng lúc (mặc định: số lõi CPU)",
        )
        parser.add_argument(
            "--mapping", metavar="NAME", help="đọc tên cột theo ánh xạ cột đã lưu (column_mapping)"
        )
        parser.add_argument(
            "--only-valid", action="store_true", help="ghi các dòng hợp lệ, bỏ qua các dòng lỗi"
        )
        parser.add_argument(
            "--rejected",
            type=Path,
            metavar="OUT.xlsx",
            help="với --only-valid: lưu các dòng lỗi vào tệp này",
        )
        parser.add_argument(
            "--scope", metavar="CODE", help="mã tổ chức: chỉ được ghi trong phạm vi này"
        )
        parser.add_argument("--user", metavar="USERNAME", help="người thực hiện, ghi vào nhật ký")

    def handle(self, *args, files, only_valid: bool, rejected, scope, user, mapping, **options):
        if rejected and not only_valid:
            raise CommandError("--rejected chỉ dùng cùng --only-valid")
        if rejected and options["each_file"] and len(files) > 1:
            raise CommandError("--rejected với --each-file chỉ dùng với một tệp")
        missing = [f for f in files if not f.is_file()]
        if missing:
            raise CommandError(f"không có tệp {missing[0]}")
        if options["workers"] is not None and options["workers"] < 1:
            raise CommandError("--workers phải từ 1 trở lên")
        columns = self._mapping(mapping)
        actor, scope = self._actor(user), self._scope(scope)
        run = dict(actor=actor, scope=scope, only_valid=only_valid, mapping=columns)
        run.update(rejected=rejected, workers=options["workers"])
        if not options["each_file"]:
            self._one(files, **run)
            return
        failed = 0
        for file in files:
            if len(files) > 1:
                self.stderr.write(f"== {file}")
            try:
                self._one([file], **run)
            except CommandError as error:
                if len(files) == 1:
                    raise
                self.stderr.write(str(error))
                failed += 1
        if failed:
            raise CommandError(f"{failed}/{len(files)} tệp không ghi được.", returncode=1)

    def _one(self, files: list[Path], *, rejected, **options) -> None:
        progress = Progress(self.stderr)
        try:
            result = import_files(files, progress=progress, **options)
        finally:
            progress.close()
        for error in result.errors:
            self.stderr.write(str(error))
        if rejected and result.rejected_xlsx:
            rejected.write_bytes(result.rejected_xlsx)
            self.stderr.write(f"Các dòng lỗi đã lưu vào {rejected}")
        self._summary(result)

    def _mapping(self, name: str | None) -> dict | None:
        if name is None:
            return None
        found = ColumnMapping.objects.filter(name=name).first()
        if found is None:
            raise CommandError(f"không có ánh xạ cột “{name}”")
        return found.columns

    def _summary(self, result) -> None:
        counts = (
            f"tổ chức: {result.organizations_created} mới, {result.organizations_updated} cập nhật; "
            f"đảng viên: {result.members_created} mới, {result.members_updated} cập nhật"
        )
        if not result.written:
            raise CommandError(f"Không ghi gì: {len(result.errors)} lỗi.", returncode=1)
        rejected = (
            f"; {len(result.errors)} lỗi, các dòng lỗi không được nhập" if result.errors else ""
        )
        self.stdout.write(f"Đã nhập: {counts}{rejected}")

    def _scope(self, code: str | None) -> Organization | None:
        if code is None:
            return None
        try:
            return Organization.objects.get(code=code)
        except Organization.DoesNotExist:
            raise CommandError(f"không có tổ chức mã {code}") from None

    def _actor(self, username: str | None):
        if username is None:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"không có người dùng {username}") from None
