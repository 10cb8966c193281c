"""The shared parts of a members import: rows, their errors, the plan, progress, results."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from daihoi.organizations.models import Organization

from .excel_reading import SheetRows
from .models import Member

Progress = Callable[[str, int, int], None]
BATCH = 2000
PROGRESS_EVERY = 1000
ORGANIZATION_UPDATE_FIELDS = ["name", "kind", "active", "founded_on", "national_code"]

# The checks beyond one row's fields (those are in validation.py), by error code.
MESSAGES = {
    "not_xlsx": _("Tệp không phải bảng tính Excel .xlsx"),
    "empty": _("Không có dòng dữ liệu nào trong sheet ToChuc hay DangVien"),
    "missing_column": _("Thiếu cột “%(header)s”"),
    "duplicate_column": _("Cột “%(header)s” có hai lần"),
    "duplicate_code": _("Mã %(code)s có ở nhiều dòng (%(rows)s)"),
    "duplicate_national_code": _("Mã danh mục %(value)s có cả ở dòng %(rows)s"),
    "national_code_taken": _("Mã danh mục %(value)s đã là của tổ chức %(other)s"),
    "duplicate_citizen_id": _("Số CCCD %(value)s có cả ở dòng %(rows)s"),
    "citizen_id_taken": _("Số CCCD %(value)s đã là của đảng viên %(other)s trong cơ sở dữ liệu"),
    "duplicate_party_card": _("Số thẻ đảng viên %(value)s có cả ở dòng %(rows)s"),
    "party_card_taken": _(
        "Số thẻ đảng viên %(value)s đã là của đảng viên %(other)s trong cơ sở dữ liệu"
    ),
    "outside_scope": _("Tổ chức %(code)s nằm ngoài phạm vi được nhập (%(scope)s)"),
    "level_changed": _("Không đổi cấp của tổ chức đã có qua nhập Excel"),
    "organization_moved": _(
        "Tổ chức đang trực thuộc %(parent)s; đổi cấp trên là sắp xếp lại tổ chức, "
        "không làm qua nhập Excel"
    ),
    "parent_level": _("%(child)s không thể trực thuộc %(parent)s"),
    "reference_missing": _("Không có tổ chức mã %(code)s trong tệp hay trong hệ thống"),
    "reference_rejected": _(
        "Tổ chức %(code)s (sheet ToChuc, dòng %(n)d) có lỗi nên dòng này không nhập được"
    ),
    "organization_level": _(
        "Đảng viên sinh hoạt ở chi bộ: tổ chức %(code)s phải là cấp Cơ sở hoặc Chi bộ trực thuộc"
    ),
    "member_outside_scope": _(
        "Đảng viên %(code)s đang sinh hoạt ngoài phạm vi được nhập; không được ghi đè"
    ),
    "member_transfer": _(
        "Đảng viên đang sinh hoạt ở %(org)s; chuyển sinh hoạt đảng làm bằng chức năng riêng, "
        "không qua nhập Excel"
    ),
}


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int  # the Excel row number (1 is the header)
    column: str  # letter and header, "F (Ngày sinh)"; "" when not about one cell
    field: str
    code: str
    message: str
    file: str = ""  # the file's name when an import reads several

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        if not self.column:
            text = f"{self.sheet}, dòng {self.row}: {self.message}" if self.sheet else self.message
            return where + text
        letter, _sep, header = self.column.partition(" ")
        header = f" {header}" if header else ""
        return f"{where}{self.sheet}!{letter}{self.row}{header}: {self.message}"


@dataclass
class ImportResult:
    """What an import did. `*_updated` counts rows whose code was already in the database."""

    organizations_created: int = 0
    organizations_updated: int = 0
    members_created: int = 0
    members_updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    rejected_xlsx: bytes | None = None
    written: bool = False


class _Counter:
    """Reports one phase's progress at the start, every PROGRESS_EVERY rows, and at the end."""

    def __init__(self, progress: Progress, phase: str, total: int):
        self.progress, self.phase, self.total = progress, phase, total
        self.done = self.reported = 0
        progress(phase, 0, total)

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.done - self.reported >= PROGRESS_EVERY:
            self.finish()

    def finish(self) -> None:
        self.reported = self.done
        self.progress(self.phase, self.done, max(self.total, self.done))


@dataclass
class _Row:
    sheet: SheetRows
    number: int
    cells: tuple
    clean: dict = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    @property
    def code(self) -> str | None:
        return self.clean.get("code")

    def raw(self) -> dict:
        cells, width = self.cells, len(self.cells)
        return {f: cells[p] if p < width else None for f, p in self.sheet.positions.items()}

    def add(self, field_name: str, code: str, message: str) -> None:
        letter = self.sheet.letter(field_name)
        column = f"{letter} ({self.sheet.headers[self.sheet.positions[field_name]]})"
        sheet = self.sheet
        where = column if letter else ""
        error = RowError(sheet.title, self.number, where, field_name, code, message, sheet.file)
        self.errors.append(error)

    def fail(self, field_name: str, code: str, /, **params) -> None:
        self.add(field_name, code, MESSAGES[code] % params)


@dataclass
class _OrgRef:
    """An organisation already in the database, as the checks and the writes need it."""

    id: int
    level: str
    path: str
    parent_code: str | None
    values: dict = field(default_factory=dict)  # ORGANIZATION_UPDATE_FIELDS, to skip no-ops


@dataclass
class _Plan:
    organizations: list[_Row]
    members: list[_Row]
    scope: Organization | None
    orgs_in_file: dict[str, _Row] = field(default_factory=dict)
    db_orgs: dict[str, _OrgRef] = field(default_factory=dict)
    db_members: dict[str, Member] = field(default_factory=dict)

    def rows(self) -> list[_Row]:
        return self.organizations + self.members

    def in_scope(self, row: _Row, field_name: str, code: str, path: str) -> bool:
        if self.scope is None or path.startswith(self.scope.path):
            return True
        row.fail(field_name, "outside_scope", code=code, scope=self.scope.name)
        return False


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]
