"""The one place that checks a member's or an organisation's fields from raw input.

Raw input is what a person typed or what Excel holds: strings in any case, with or
without Vietnamese marks, or typed values (dates, numbers, booleans) as Excel
readers return them. The Excel import and the UI forms both call
`validate_member` and `validate_organization`, so a rule is written once.

Each returns the cleaned values (keyed by model field) and a list of `FieldError`.
A field that fails is left out of the cleaned values, and rules that combine
fields run only on fields that passed, so one mistake gives one message.
Messages are built only when a check fails: an import validates 60,000 rows.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.organizations.models import ALLOWED_PARENT_LEVELS, Level

from .field_parsers import (
    _birth_date,
    _choice,
    _citizen_id,
    _code,
    _date,
    _general_education,
    _Invalid,
    _name,
    _party_card_number,
    _text,
)
from .models import MemberStatus

# Field → the label a user reads: the Excel header, and the name used in messages.
MEMBER_LABELS = {
    "code": "Mã đảng viên",
    "family_name": "Họ",
    "middle_name": "Tên đệm",
    "given_name": "Tên",
    "gender": "Giới tính",
    "birth_date": "Ngày sinh",
    "ethnicity": "Dân tộc",
    "religion": "Tôn giáo",
    "hometown": "Quê quán",
    "citizen_id": "Số CCCD",
    "party_card_number": "Số thẻ đảng viên",
    "admitted_on": "Ngày vào Đảng",
    "full_member_on": "Ngày chính thức",
    "status": "Tình trạng",
    "general_education": "GDPT",
    "education": "Chuyên môn",
    "political_theory": "Lý luận chính trị",
    "organization_code": "Mã tổ chức",
}
ORGANIZATION_LABELS = {
    "code": "Mã tổ chức",
    "name": "Tên tổ chức",
    "level": "Cấp",
    "kind": "Loại hình",
    "parent_code": "Mã tổ chức cấp trên",
    "active": "Đang hoạt động",
    "founded_on": "Ngày thành lập",
    "national_code": "Mã danh mục toàn quốc",
}

ADMISSION_MIN_AGE = 18  # Điều lệ Đảng, Điều 1: công dân Việt Nam từ mười tám tuổi trở lên
ADMISSION_MAX_AGE = 100  # beyond this a birth or admission date is surely mistyped
PROBATION_YEARS = 1  # Điều lệ Đảng, Điều 5: thời kỳ dự bị mười hai tháng
OLDEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str


# (field, parser, required, value when blank)
MEMBER_FIELDS = [
    ("code", _code, True, None),
    ("family_name", _name(40), True, None),
    ("middle_name", _name(60), False, ""),
    ("given_name", _name(40), True, None),
    ("gender", _choice("gender"), True, None),
    ("birth_date", _birth_date, True, None),
    ("ethnicity", _choice("ethnicity"), True, None),
    ("religion", _text(60), False, ""),
    ("hometown", _text(200), False, ""),
    ("citizen_id", _citizen_id, False, ""),
    ("party_card_number", _party_card_number, False, ""),
    ("admitted_on", _date, True, None),
    ("full_member_on", _date, False, None),
    ("status", _choice("status"), True, None),
    ("general_education", _general_education, True, None),
    ("education", _choice("education"), True, None),
    ("political_theory", _choice("political_theory"), True, None),
]
ORGANIZATION_CODE_FIELD = ("organization_code", _code, True, None)
ORGANIZATION_FIELDS = [
    ("code", _code, True, None),
    ("name", _text(200), True, None),
    ("level", _choice("level"), True, None),
    ("kind", _choice("kind"), True, None),
    ("parent_code", _code, False, None),
    ("active", _choice("boolean"), False, True),
    ("founded_on", _date, False, None),
    ("national_code", _code, False, ""),
]


class _Checker:
    """Collects the cleaned values and the errors of one record."""

    def __init__(self, labels: dict[str, str], today: dt.date | None = None):
        self.labels, self.clean, self.errors = labels, {}, []
        self.today = today or timezone.localdate()

    def read(self, raw: dict, fields: list[tuple]) -> None:
        for name, parse, required, default in fields:
            self.take(name, raw.get(name), parse, required, default)

    def take(self, name: str, value, parse, required: bool, default, memo=None) -> None:
        """One field: parsed, or its default when blank. `memo` (value → outcome)
        remembers the parse of values that repeat across an import's rows."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                label = self.labels[name]
                self.fail(name, "required", _("%(label)s là bắt buộc") % {"label": label})
            else:
                self.clean[name] = default
            return
        if memo is None:
            outcome = _outcome(parse, value, self.labels[name])
        else:
            key = value if value.__class__ is str else (value.__class__, value)
            outcome = memo.get(key)
            if outcome is None:
                outcome = memo[key] = _outcome(parse, value, self.labels[name])
        if outcome.__class__ is _Invalid:
            self.fail(name, outcome.code, outcome.message)
        else:
            self.clean[name] = outcome[0]

    def fail(self, name: str, code: str, message: str) -> None:
        self.errors.append(FieldError(name, code, message))
        self.clean.pop(name, None)  # so that no later rule builds on it

    def ok(self, *names: str) -> bool:
        clean = self.clean
        for name in names:
            if clean.get(name) is None:
                return False
        return True


def _outcome(parse, value, label: str):
    """(clean value,) or the _Invalid raised: what a memo keeps for a raw value."""
    try:
        return (parse(value, label),)
    except _Invalid as invalid:
        return invalid


def validate_member(raw: dict) -> tuple[dict, list[FieldError]]:
    """Check a member's fields; return (cleaned values by model field, errors).

    Keys of `raw` are Member field names. `birth_date` may be a year alone: the
    date is then 1 January and `birth_year_only` is True (as it is when
    `raw["birth_year_only"]` is True). `organization_code` is checked when the key
    is present: the import names the organisation by code, forms pick it in a list.
    """
    fields = MEMBER_FIELDS
    if "organization_code" in raw:
        fields = [*fields, ORGANIZATION_CODE_FIELD]
    check = _Checker(MEMBER_LABELS)
    check.read(raw, fields)
    return _member_rules(check, raw.get("birth_year_only") is True)


# Fields whose values are each member's own: remembering them would only fill memory.
UNIQUE_FIELDS = {"code", "citizen_id", "party_card_number"}
MEMO_LIMIT = 1 << 16  # values remembered per field before its memo starts again


class MemberRows:
    """`validate_member` for the rows of an import: the same rules, read from the cells by
    column position, each field's parse of a value remembered (names, places, dates and
    list entries repeat across a registry), and today's date taken once."""

    def __init__(self, positions: dict[str, int]):
        fields = [*MEMBER_FIELDS, ORGANIZATION_CODE_FIELD]
        self.columns = [
            (name, positions.get(name), parse, required, default, name not in UNIQUE_FIELDS)
            for name, parse, required, default in fields
        ]
        self.memos = {name: {} for name, *_rest in fields}
        self.today = timezone.localdate()

    def check(self, cells: tuple) -> tuple[dict, list[FieldError]]:
        check, width, memos = _Checker(MEMBER_LABELS, self.today), len(cells), self.memos
        clean = check.clean
        for name, position, parse, required, default, remember in self.columns:
            value = cells[position] if position is not None and position < width else None
            memo = memos[name] if remember else None
            if memo is not None:
                # The common case inline: a text seen before that parsed (one dict lookup).
                known = memo.get(value) if value.__class__ is str else None
                if known is not None and known.__class__ is tuple:
                    clean[name] = known[0]
                    continue
                if len(memo) >= MEMO_LIMIT:
                    memo.clear()
            check.take(name, value, parse, required, default, memo)
        return _member_rules(check, False)


def _member_rules(check: _Checker, year_only: bool) -> tuple[dict, list[FieldError]]:
    """The rules across a member's fields, on the fields that passed."""
    c = check.clean
    if check.ok("birth_date"):
        birth, only_year = c["birth_date"]
        if year_only:
            birth, only_year = dt.date(birth.year, 1, 1), True
        c["birth_date"], c["birth_year_only"] = birth, only_year
    _check_member_dates(check)
    _check_probation(check)
    _check_citizen_id(check)
    return c, check.errors


# Nghị định 137/2015/NĐ-CP, Điều 13: 12 digits, the first six the codes of the province of
# birth registration, century and gender, and year of birth, then six at random.
# Thông tư 59/2021/TT-BCA, Điều 7 (as Thông tư 07/2016/TT-BCA before it): the 4th digit of
# a citizen ID number is the century of birth and the gender (20th century: male 0,
# female 1; 21st: 2, 3; 22nd: 4, 5 …), the 5th and 6th the last two digits of the year.
CENTURY_GENDER_FROM = 1900


def expected_citizen_id_birth(birth: dt.date, gender: str) -> str:
    century = (birth.year - CENTURY_GENDER_FROM) // 100
    return f"{2 * century + (1 if gender == 'female' else 0)}{birth.year % 100:02d}"


def _check_citizen_id(check: _Checker) -> None:
    c = check.clean
    if not c.get("citizen_id") or not check.ok("birth_date", "gender"):
        return
    expected = expected_citizen_id_birth(c["birth_date"], c["gender"])
    if c["citizen_id"][3:6] != expected:
        message = _(
            "Số CCCD %(id)s không khớp giới tính và năm sinh: chữ số thứ 4–6 phải là "
            "%(expected)s (Thông tư 59/2021/TT-BCA, Điều 7)"
        )
        check.fail(
            "citizen_id",
            "citizen_id_birth",
            message % {"id": c["citizen_id"], "expected": expected},
        )


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # born on 29 February: in a common year the birthday is 1 March
        return dt.date(day.year + years, 3, 1)


def _check_member_dates(check: _Checker) -> None:
    c, today = check.clean, check.today
    for name in ("birth_date", "admitted_on", "full_member_on"):
        if c.get(name) and c[name] > today:
            check.fail(
                name, "future_date", _("%(label)s ở tương lai") % {"label": check.labels[name]}
            )
    if check.ok("birth_date") and c["birth_date"].year < OLDEST_BIRTH_YEAR:
        check.fail("birth_date", "birth_date_too_early", _("Ngày sinh trước năm 1900"))
    if not check.ok("birth_date", "admitted_on"):
        return
    # With a year alone the birth date is 1 January, the earliest it can be: the age
    # rule then never refuses someone who may in fact have been old enough.
    if c["admitted_on"] < add_years(c["birth_date"], ADMISSION_MIN_AGE):
        message = _(
            "Ngày vào Đảng phải sau ngày sinh ít nhất 18 năm (Điều lệ Đảng, Điều 1: đảng viên từ đủ 18 tuổi)"
        )
        check.fail("admitted_on", "admission_under_18", message)
    elif c["admitted_on"] >= add_years(c["birth_date"], ADMISSION_MAX_AGE):
        message = _("Tuổi khi vào Đảng quá 100: kiểm tra lại ngày sinh hoặc ngày vào Đảng")
        check.fail("birth_date", "admission_over_100", message)


def _check_probation(check: _Checker) -> None:
    c = check.clean
    if not check.ok("status") or "full_member_on" not in c:
        return
    if c["status"] == MemberStatus.PROBATIONARY:
        if c["full_member_on"] is not None:
            message = _("Đảng viên dự bị chưa có ngày chính thức; để trống ô này")
            check.fail("full_member_on", "full_member_on_probationary", message)
    elif c["full_member_on"] is None:
        message = _("Ngày chính thức là bắt buộc, trừ đảng viên dự bị")
        check.fail("full_member_on", "full_member_on_required", message)
    elif check.ok("admitted_on") and c["full_member_on"] < add_years(
        c["admitted_on"], PROBATION_YEARS
    ):
        message = _(
            "Ngày chính thức phải sau ngày vào Đảng ít nhất 12 tháng (Điều lệ Đảng, Điều 5: thời kỳ dự bị 12 tháng)"
        )
        check.fail("full_member_on", "probation_under_12_months", message)


def validate_organization(raw: dict) -> tuple[dict, list[FieldError]]:
    """Check an organisation's fields; return (cleaned values, errors).

    Keys: code, name, level, kind, parent_code, active, founded_on. Whether the
    parent exists and has a fitting level is for the caller, who sees the tree.
    """
    check = _Checker(ORGANIZATION_LABELS)
    check.read(raw, ORGANIZATION_FIELDS)
    c = check.clean
    if c.get("founded_on") and c["founded_on"] > check.today:
        check.fail("founded_on", "future_date", _("Ngày thành lập ở tương lai"))
    if check.ok("level") and "parent_code" in c:
        needs_parent = bool(ALLOWED_PARENT_LEVELS[Level(c["level"])])
        if needs_parent and c["parent_code"] is None:
            message = _("Tổ chức cấp này phải có mã tổ chức cấp trên")
            check.fail("parent_code", "parent_required", message)
        elif not needs_parent and c["parent_code"] is not None:
            message = _("Đảng bộ tỉnh không có tổ chức cấp trên")
            check.fail("parent_code", "parent_not_allowed", message)
    if check.ok("code", "parent_code") and c["code"] == c["parent_code"]:
        message = _("Tổ chức không thể là cấp trên của chính nó")
        check.fail("parent_code", "parent_is_self", message)
    return c, check.errors
