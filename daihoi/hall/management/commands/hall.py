"""`daihoi hall export|import|return|import-return`: the hall without a network (docs/hall.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from daihoi.accounts.models import User
from daihoi.congresses.models import Congress
from daihoi.hall import keys
from daihoi.hall.export import export_package
from daihoi.hall.fileformat import MAX_FILE, HallFileError
from daihoi.hall.giveback import build_return
from daihoi.hall.load import import_package
from daihoi.hall.merge import import_return


class Command(BaseCommand):
    help = (
        "Hall package: `export CONGRESS [-o FILE] [--key-out FILE]` (server), "
        "`import FILE --key KEY|--key-file FILE` (hall), `return CONGRESS [-o FILE]` (hall), "
        "`import-return FILE` (server)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "import", "return", "import-return"])
        parser.add_argument("target", help="congress id (export, return) or file (imports)")
        parser.add_argument("-o", "--output", type=Path)
        parser.add_argument("--key", help="the package key (8 groups of 4 hex digits)")
        parser.add_argument("--key-file", type=Path, help="a file holding the package key")
        parser.add_argument("--key-out", type=Path, help="export: also write the key here")
        parser.add_argument("--user", help="the username recorded in the audit log")

    def handle(self, *args, **options):
        actor = self._actor(options["user"])
        action = options["action"].replace("-", "_")
        try:
            getattr(self, f"_{action}")(options, actor)
        except HallFileError as error:
            raise CommandError(f"[{error.code}] {error}") from None

    def _actor(self, username):
        if not username:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"không có người dùng “{username}”")
        return user

    def _congress(self, text: str) -> Congress:
        congress = Congress.objects.filter(pk=int(text) if text.isdigit() else None).first()
        if congress is None:
            raise CommandError(f"không có đại hội #{text}")
        return congress

    def _read(self, text: str) -> bytes:
        path = Path(text)
        try:
            if path.stat().st_size > MAX_FILE:
                raise CommandError(f"{path}: tệp lớn quá {MAX_FILE // 2**20} MB")
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"không đọc được {path}: {error.strerror}") from None

    def _export(self, options, actor):
        congress = self._congress(options["target"])
        package, content, key = export_package(actor, congress)
        out = options["output"] or Path(f"hoi-truong-{congress.pk}-{package.package_id}.zip")
        out.write_bytes(content)
        if options["key_out"]:
            options["key_out"].write_text(keys.show(key) + "\n", encoding="ascii")
        self.stdout.write(f"đã ghi gói {package.package_id} vào {out}")
        self.stdout.write(f"khóa gói (trao cho hội trường riêng, không kèm tệp): {keys.show(key)}")

    def _import(self, options, actor):
        text = options["key"]
        if options["key_file"]:
            text = self._read(str(options["key_file"])).decode("ascii", "replace")
        if not text:
            raise CommandError("cần khóa gói: --key hoặc --key-file")
        loaded = import_package(self._read(options["target"]), keys.parse(text), actor)
        state = "đã nạp" if loaded.created else "gói này đã được nạp trước đó, không thay đổi gì"
        self.stdout.write(f"{state}: đại hội #{loaded.congress.pk} {loaded.congress.name}")

    def _return(self, options, actor):
        congress = self._congress(options["target"])
        out = options["output"] or Path(f"ket-qua-hoi-truong-{congress.pk}.zip")
        out.write_bytes(build_return(congress))
        self.stdout.write(f"đã ghi kết quả hội trường vào {out}")

    def _import_return(self, options, actor):
        merged = import_return(actor, self._read(options["target"]))
        if not merged.created:
            self.stdout.write("kết quả này đã được nhận trước đó, không thay đổi gì")
            return
        self.stdout.write(
            f"đã nhận kết quả hội trường cho đại hội #{merged.congress.pk}: "
            f"{merged.updated} dòng cập nhật, {merged.added} dòng mới, {merged.removed} dòng bỏ, "
            f"{merged.entries} mục nhật ký"
        )
