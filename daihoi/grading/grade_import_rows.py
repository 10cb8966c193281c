"""The rows of an imported grades sheet: each row's member and cells, checked; the errors."""

from dataclasses import dataclass, field

from daihoi.organizations.models import Organization
from daihoi.rules.grading import GRADES, SHORT, Grade
from daihoi.textnorm import fold, nfc

from .excel_import import GRADE_WORDS, LABEL, LETTER, MAX_ERRORS, NO, NOT_GRADED, YES
from .models import ReviewCycle
from .workflow import OPEN, Step


@dataclass
class ImportResult:
    rows: int = 0
    written: int = 0
    units: int = 0
    errors: list[str] = field(default_factory=list)
    more_errors: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    number: int
    member: dict
    grade: Grade | None
    self_grade: Grade | None
    not_graded: bool
    score: int | None
    reason: str
    disciplined: bool


class _Errors:
    def __init__(self, result: ImportResult):
        self.result = result

    def add(self, number: int, key: str | None, message: str) -> None:
        if len(self.result.errors) >= MAX_ERRORS:
            self.result.more_errors += 1
            return
        where = f"Dòng {number}, cột {LETTER[key]} ({LABEL[key]})" if key else f"Dòng {number}"
        self.result.errors.append(f"{where}: {message}")


@dataclass
class _Context:
    cycle: ReviewCycle
    root: Organization
    members: dict[str, dict]
    units: dict[int, dict]  # organisation id → unit row
    orgs: dict[int, dict]  # organisation id → code, name, level, parent
    seen: dict[str, int] = field(default_factory=dict)


def _code(value) -> str:
    code = "" if value is None else str(value).strip()
    return code[:-2] if code.endswith(".0") else code


FAST = {**{SHORT[g]: g for g in GRADES}, **{str(i): g for i, g in enumerate(GRADES, start=1)}}


def _grade(value, number: int, key: str, errors: _Errors) -> tuple[Grade | None, bool, bool]:
    """(grade, not graded, ok) from a cell."""
    raw = "" if value is None else str(value).strip()
    if raw in FAST:  # the usual "HTT": no folding needed
        return FAST[raw], False, True
    text = fold(raw)
    if text.endswith(".0"):
        text = text[:-2]
    if not text:
        return None, False, True
    if text == fold(NOT_GRADED):
        return None, True, True
    grade = GRADE_WORDS.get(text)
    if grade is None:
        errors.add(number, key, f"“{value}” không phải mức xếp loại (HTXS, HTT, HT, KHT hoặc KXL).")
        return None, False, False
    return grade, False, True


def _parse(number: int, v: dict, ctx: _Context, errors: _Errors) -> _Row | None:
    code = _code(v.get("code"))
    member = ctx.members.get(code)
    if not code:
        errors.add(number, "code", "để trống.")
        return None
    if member is None:
        errors.add(number, "code", f"không có đảng viên mã {code}.")
        return None
    if not member["organization__path"].startswith(ctx.root.path):
        errors.add(number, "code", f"{member['full_name']} không thuộc {ctx.root.name}.")
        return None
    if code in ctx.seen:
        errors.add(number, "code", f"mã {code} đã có ở dòng {ctx.seen[code]}.")
        return None
    ctx.seen[code] = number
    if not _member_checks(number, v, member, ctx, errors):
        return None
    grade, not_graded, ok = _grade(v.get("grade"), number, "grade", errors)
    own, _, ok_own = _grade(v.get("self_grade"), number, "self_grade", errors)
    if ok and grade is None and not not_graded:
        errors.add(number, "grade", "để trống (ghi KXL nếu đảng viên không xếp loại).")
        ok = False
    score, ok_score = _score(v.get("score"), number, errors)
    reason = str(v.get("reason") or "").strip()
    if len(reason) > 300:
        errors.add(number, "reason", f"dài {len(reason)} ký tự, tối đa 300.")
        return None
    disciplined, ok_flag = _flag(v.get("disciplined"), number, errors)
    if not (ok and ok_own and ok_score and ok_flag):
        return None
    return _Row(number, member, grade, own, not_graded, score, reason, disciplined)


def _member_checks(number: int, v: dict, member: dict, ctx: _Context, errors: _Errors) -> bool:
    name = str(v.get("name") or "").strip()
    if name and not same_name(name, member["full_name"]):
        errors.add(
            number, "name", f"“{name}” không khớp với {member['full_name']} (mã {member['code']})."
        )
        return False
    org = ctx.orgs.get(member["organization_id"])
    given = str(v.get("org") or "").strip()
    if given and org and given != org["code"]:
        errors.add(
            number, "org", f"{member['full_name']} sinh hoạt ở {org['name']} (mã {org['code']})."
        )
        return False
    unit = ctx.units.get(member["organization_id"])
    if unit is None:
        errors.add(
            number, "code", f"{org['name'] if org else 'tổ chức'} không có trong đợt kiểm điểm này."
        )
        return False
    if Step(unit["status"]) not in OPEN:
        errors.add(
            number,
            "code",
            f"kiểm điểm của {org['name']} đã được cấp ủy quyết định: không sửa qua Excel.",
        )
        return False
    return True


def same_name(typed: str, name: str) -> bool:
    """The same full name, whatever the case and spacing; typed without marks it may match the
    marked name, but a different mark ("Bính" for "Bình") is another name."""

    def norm(text: str) -> str:
        return " ".join(nfc(text).casefold().split())

    if norm(typed) == norm(name):
        return True
    return typed.isascii() and fold(typed) == fold(name)


def _score(value, number: int, errors: _Errors) -> tuple[int | None, bool]:
    if value is None or value == "":
        return None, True
    if type(value) is int and 0 <= value <= 100:
        return value, True
    try:
        score = float(str(value).replace(",", "."))
    except ValueError:
        score = -1
    if not (0 <= score <= 100 and score == int(score)):
        errors.add(number, "score", f"“{value}” không phải số nguyên từ 0 đến 100.")
        return None, False
    return int(score), True


def _flag(value, number: int, errors: _Errors) -> tuple[bool, bool]:
    if value is None:
        return False, True
    text = fold(str(value if value is not None else "")).strip()
    if text in YES:
        return True, True
    if text in NO:
        return False, True
    errors.add(number, "disciplined", f"“{value}”: ghi Có hoặc Không.")
    return False, False
