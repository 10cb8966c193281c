"""From a page's reading and people's decisions to the ballot it stands for. Pure Python.

The ballot is written in the ``daihoi count`` ballot form that keyboard entry
stores (``{"struck": [...]}``, ``{"marks": {...}}`` or ``{"invalid": reason}``),
so that a scanned ballot and a typed one compare equal when they say the same.
Validity is not decided here: ``elections.judging.judge`` applies the rules
(QĐ 190-QĐ/TW 2024, Điều 15) to this content, exactly as for a typed ballot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from daihoi.rules.ballots import RECORDED_BY_EYE

STRIKE_MARKS = ("struck", "kept")
BOX_MARKS = ("agree", "disagree", "both", "none")
WHOLE_OK = "ok"
INVALID_PREFIX = "invalid:"
# Flags of the reader that send the whole ballot to a person.
FLAGS_FOR_PERSON = frozenset({"writing_outside"})
INVALID_REASONS = tuple(sorted(str(r) for r in RECORDED_BY_EYE))


def marks_for(form: str) -> tuple[str, ...]:
    if form == "struck":
        return STRIKE_MARKS
    if form == "marks":
        return BOX_MARKS
    raise ValueError(f"unknown ballot form {form!r}")


def whole_choices() -> tuple[str, ...]:
    return (WHOLE_OK, *(INVALID_PREFIX + r for r in INVALID_REASONS))


def check_decision(form: str, position: int, decided: str) -> None:
    """Refuse a decision that does not fit the row (ValueError with a Vietnamese message)."""
    allowed = whole_choices() if position == 0 else marks_for(form)
    if decided not in allowed:
        where = "cả phiếu" if position == 0 else f"dòng {position}"
        raise ValueError(f"Quyết định “{decided}” không dùng được cho {where}.")


def flagged(flags: Sequence[str]) -> bool:
    return any(f in FLAGS_FOR_PERSON for f in flags)


def pending(rows: Sequence[Mapping], flags: Sequence[str], decided: Mapping[int, str]) -> list[int]:
    """The items of a page a person must still decide: 0 for the whole ballot, then row positions.

    A ballot a person has declared invalid as a whole needs no row decided."""
    if decided.get(0, "").startswith(INVALID_PREFIX):
        return []
    items = [0] if flagged(flags) and 0 not in decided else []
    items += [r["position"] for r in rows if r["uncertain"] and r["position"] not in decided]
    return items


def final_marks(rows: Sequence[Mapping], decided: Mapping[int, str]) -> dict[int, str]:
    """Each row's mark: the person's decision where there is one, else the reader's."""
    return {r["position"]: decided.get(r["position"], r["mark"]) for r in rows}


def page_content(form: str, rows: Sequence[Mapping], decided: Mapping[int, str]) -> dict:
    """The ballot in the ``daihoi count`` form. Call only when nothing is pending."""
    whole = decided.get(0, WHOLE_OK)
    if whole.startswith(INVALID_PREFIX):
        return {"invalid": whole[len(INVALID_PREFIX) :]}
    marks = final_marks(rows, decided)
    if form == "struck":
        return {"struck": sorted(p for p, m in marks.items() if m == "struck")}
    return {"marks": {str(p): m for p, m in sorted(marks.items()) if m != "none"}}


def row_differences(a: Mapping | None, b: Mapping | None, positions: int) -> list[int]:
    """The rows where two ballots (``daihoi count`` form) say different things.

    Every row differs when one is missing or only one is recorded invalid by eye.
    """
    if a is None or b is None or ("invalid" in a) != ("invalid" in b):
        return list(range(1, positions + 1))
    if "invalid" in a:
        return [] if a["invalid"] == b["invalid"] else list(range(1, positions + 1))
    return [p for p in range(1, positions + 1) if _row(a, p) != _row(b, p)]


def _row(content: Mapping, position: int) -> str:
    if "struck" in content:
        return "struck" if position in {int(x) for x in content["struck"]} else "kept"
    return content.get("marks", {}).get(str(position), "none")
