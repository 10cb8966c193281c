"""`daihoi export_members OUT.xlsx`: export organisations and members in the import template."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from daihoi.organizations.models import Organization
from daihoi.people.excel_template import template_workbook
from daihoi.people.exporting import export_workbook
from daihoi.people.models import ColumnMapping


class Command(BaseCommand):
    help = (
        "Xuất tổ chức đảng và đảng viên ra tệp Excel theo mẫu nhập (nhập lại được). "
        "--template: chỉ ghi mẫu trống."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="tệp .xlsx sẽ ghi")
        parser.add_argument("--root", metavar="CODE", help="chỉ xuất tổ chức này và cấp dưới")
        parser.add_argument("--template", action="store_true", help="ghi mẫu trống có hướng dẫn")
        parser.add_argument(
            "--mapping", metavar="NAME", help="đặt tên cột theo ánh xạ cột đã lưu (column_mapping)"
        )

    def handle(self, *args, out: Path, root: str | None, template: bool, mapping, **options):
        if template:
            out.write_bytes(template_workbook())
            self.stdout.write(f"Đã ghi mẫu nhập vào {out}")
            return
        organization = None
        if root is not None:
            organization = Organization.objects.filter(code=root).first()
            if organization is None:
                raise CommandError(f"không có tổ chức mã {root}")
        columns = None
        if mapping is not None:
            found = ColumnMapping.objects.filter(name=mapping).first()
            if found is None:
                raise CommandError(f"không có ánh xạ cột “{mapping}”")
            columns = found.columns
        out.write_bytes(export_workbook(organization, mapping=columns))
        self.stdout.write(f"Đã xuất vào {out}")
