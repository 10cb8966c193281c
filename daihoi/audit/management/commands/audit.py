import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from daihoi.audit.anchor import make_anchor
from daihoi.audit.keys import generate_key, key_path
from daihoi.audit.services import check_chain
from daihoi.audit.upgrade import UpgradeRefused, upgrade_chain


class Command(BaseCommand):
    help = (
        "Audit log tools. `verify [--anchor FILE]...` recomputes the keyed chain and the "
        "ballot digests; `anchor [--out FILE]` exports the signed head; `keygen` creates the key."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "anchor", "keygen", "upgrade"])
        parser.add_argument("--anchor", action="append", default=[], type=Path)
        parser.add_argument(
            "--printed", action="append", default=[], help="SEQ:HASH as printed on the minutes"
        )
        parser.add_argument("--out", type=Path)

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _verify(self, options):
        anchors = []
        for path in options["anchor"]:
            try:
                anchors.append(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError) as error:
                raise CommandError(f"không đọc được tệp mốc {path}: {error}") from None
        report, _check = check_chain(anchors=anchors, printed=options["printed"])
        if not report.ok:
            lines = "\n".join(f"  - [{p.code}] {p.message}" for p in report.problems)
            raise CommandError(
                f"chuỗi nhật ký HỎNG ({report.checked} mục kiểm được trước chỗ hỏng):\n{lines}"
            )
        self.stdout.write(
            f"chuỗi nhật ký OK: {report.checked} mục, đầu chuỗi {report.head_hash}; "
            "mã phiếu các hòm khớp với bảng phiếu"
        )

    def _anchor(self, options):
        text = json.dumps(make_anchor(), ensure_ascii=False, indent=2) + "\n"
        if options["out"]:
            options["out"].write_text(text, encoding="utf-8")
            self.stdout.write(f"đã ghi mốc vào {options['out']}")
        else:
            sys.stdout.write(text)

    def _upgrade(self, options):
        try:
            count, old_head = upgrade_chain()
        except UpgradeRefused as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"đã nâng cấp {count} mục lên chuỗi có khóa; đầu chuỗi cũ {old_head}")

    def _keygen(self, options):
        path = options["out"] or key_path()
        try:
            generate_key(path)
        except FileExistsError:
            raise CommandError(f"đã có khóa {path}: không ghi đè") from None
        self.stdout.write(f"đã tạo khóa {path} (chỉ chủ sở hữu đọc được)")
