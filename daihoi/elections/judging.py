"""Turn a typed ballot (the `daihoi count` ballot form) into the rules' verdict.

Typing mistakes (a number off the list, a repeated number, the wrong form for
this list) are refused as input errors; they never become invalid ballots.
"""

from daihoi.rules.ballots import (
    RECORDED_BY_EYE,
    Form,
    Mark,
    Verdict,
    ballot_form,
    judge_marks,
    judge_struck,
    recorded_invalid,
)


class BallotInputError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def judge(content: dict, candidates: int, seats: int) -> Verdict:
    form = ballot_form(candidates, seats)
    if not isinstance(content, dict) or len(content) != 1:
        raise BallotInputError("bad_shape", "Phiếu phải có đúng một trong: struck, marks, invalid.")
    ((key, value),) = content.items()
    if key == "invalid":
        if value not in {r.value for r in RECORDED_BY_EYE}:
            raise BallotInputError("bad_reason", f"Lý do không hợp lệ không đúng: {value!r}.")
        return recorded_invalid(value, candidates)
    if key == "struck":
        if form is not Form.STRIKE_THROUGH:
            raise BallotInputError(
                "wrong_form", "Danh sách không có số dư: nhập đồng ý/không đồng ý từng dòng."
            )
        positions = _positions(value, candidates)
        return judge_struck(positions, candidates, seats)
    if key == "marks":
        if form is not Form.BOXES:
            raise BallotInputError(
                "wrong_form", "Danh sách có số dư: nhập số thứ tự các tên bị gạch."
            )
        if not isinstance(value, dict):
            raise BallotInputError("bad_shape", "marks phải là một bảng số thứ tự → dấu.")
        marks = {}
        for raw, mark in value.items():
            (position,) = _positions([raw], candidates)
            if mark not in {m.value for m in Mark}:
                raise BallotInputError("bad_mark", f"Dấu không đúng ở dòng {position}: {mark!r}.")
            marks[position] = mark
        return judge_marks(marks, candidates)
    raise BallotInputError("bad_shape", f"Khóa không biết: {key!r}.")


def _positions(values, candidates: int) -> list[int]:
    if not isinstance(values, list):
        raise BallotInputError("bad_shape", "Danh sách số thứ tự không đúng.")
    positions = []
    for raw in values:
        try:
            position = int(raw)
        except (TypeError, ValueError):
            raise BallotInputError("not_a_number", f"{raw!r} không phải số thứ tự.") from None
        if not 1 <= position <= candidates:
            raise BallotInputError(
                "out_of_range", f"Số {position} không có trên phiếu (1–{candidates})."
            )
        if position in positions:
            raise BallotInputError("repeated", f"Số {position} được nhập hai lần.")
        positions.append(position)
    return positions


def normalise(content: dict) -> dict:
    """The stored form: struck positions sorted, marks with int-like string keys and no "none" rows."""
    if "struck" in content:
        return {"struck": sorted(int(p) for p in content["struck"])}
    if "marks" in content:
        return {
            "marks": {
                str(int(k)): v
                for k, v in sorted(content["marks"].items(), key=lambda kv: int(kv[0]))
                if v != "none"
            }
        }
    return dict(content)
