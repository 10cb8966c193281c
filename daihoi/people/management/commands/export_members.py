"""`daihoi export_members OUT.xlsx`: export organisations and members in the import template."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from daihoi.organizations.models import Organization
from daihoi.people.excel_template import template_workbook
from daihoi.people.exporting import export_workbook


class Command(BaseCommand):
    help = (
        "Xuất tổ chức đảng và đảng viên ra tệp Excel theo mẫu nhập (nhập lại được). "
        "--template: chỉ ghi mẫu trống."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="tệp .xlsx sẽ ghi")
        parser.add_argument("--root", metavar="CODE", help="chỉ xuất tổ chức này và cấp dưới")
        parser.add_argument("--template", action="store_true", help="ghi mẫu trống có hướng dẫn")

    def handle(self, *args, out: Path, root: str | None, template: bool, **options):
        if template:
            out.write_bytes(template_workbook())
            self.stdout.write(f"Đã ghi mẫu nhập vào {out}")
            return
        organization = None
        if root is not None:
            organization = Organization.objects.filter(code=root).first()
            if organization is None:
                raise CommandError(f"không có tổ chức mã {root}")
        out.write_bytes(export_workbook(organization))
        self.stdout.write(f"Đã xuất vào {out}")
