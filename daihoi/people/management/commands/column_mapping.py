"""`daihoi column_mapping`: list, show, save (from JSON) or delete saved column mappings."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from daihoi.people.mappings import delete_column_mapping, save_column_mapping
from daihoi.people.models import ColumnMapping


class Command(BaseCommand):
    help = (
        "Ánh xạ cột đã lưu: list | show NAME | save NAME FILE.json | delete NAME. "
        'FILE.json: {"DangVien": {"citizen_id": "Số định danh cá nhân", ...}, "ToChuc": {...}}'
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "show", "save", "delete"])
        parser.add_argument("name", nargs="?")
        parser.add_argument("file", nargs="?", type=Path)
        parser.add_argument("--description", default="")
        parser.add_argument("--user", metavar="USERNAME", help="người thực hiện, ghi vào nhật ký")

    def handle(self, *args, action, name, file, description, user, **options):
        if action == "list":
            for mapping in ColumnMapping.objects.all():
                sheets = ", ".join(f"{s}: {len(f)} cột" for s, f in mapping.columns.items())
                self.stdout.write(f"{mapping.name}\t{sheets}\t{mapping.description}")
            return
        if not name:
            raise CommandError("cần tên ánh xạ cột")
        if action == "save":
            self._save(name, file, description, user)
            return
        mapping = ColumnMapping.objects.filter(name=name).first()
        if mapping is None:
            raise CommandError(f"không có ánh xạ cột “{name}”")
        if action == "show":
            self.stdout.write(json.dumps(mapping.columns, ensure_ascii=False, indent=2))
        else:
            delete_column_mapping(self._actor(user), mapping)
            self.stdout.write(f"Đã xoá ánh xạ cột “{name}”")

    def _save(self, name: str, file: Path | None, description: str, user) -> None:
        if file is None or not file.is_file():
            raise CommandError("save cần tệp JSON của ánh xạ cột")
        try:
            columns = json.loads(file.read_text(encoding="utf-8"))
            save_column_mapping(self._actor(user), name, columns, description)
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: không đọc được JSON ({error})") from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"Đã lưu ánh xạ cột “{name}”")

    def _actor(self, username: str | None):
        if username is None:
            return None
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"không có người dùng {username}")
        return found
