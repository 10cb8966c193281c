"""The steps of one organisation's review, as a pure state machine (no Django).

    not_started ─self_review→ self_reviewed ─comment→ commented ─propose→ proposed
         │                                                     ↑  (propose again while open)
         └──────────────────────propose (the earlier steps dated the same day)
    proposed ─decide→ decided ─publish→ published       (decide and return: the higher level)
    proposed | decided | published ─return→ returned ─self_review | propose→ …

QĐ 124-QĐ/TW 2023, Điều 11 (self-review, appraisal and proposal, decision by the
competent level) and Điều 13 (the higher committee may have a review done again);
HD 21-HD/BTCTW 2019 (the grading meeting comments on each self-review before the
proposal). Publication and the appeal window follow the province's practice.
Each refusal is a ``StepError`` with a stable code and a Vietnamese message.
"""

from dataclasses import dataclass
from enum import StrEnum


class Step(StrEnum):
    NOT_STARTED = "not_started"
    SELF_REVIEWED = "self_reviewed"
    COMMENTED = "commented"
    PROPOSED = "proposed"
    DECIDED = "decided"
    PUBLISHED = "published"
    RETURNED = "returned"


OPEN = frozenset(
    {Step.NOT_STARTED, Step.SELF_REVIEWED, Step.COMMENTED, Step.PROPOSED, Step.RETURNED}
)
DONE = frozenset({Step.DECIDED, Step.PUBLISHED})
ORDER = [Step.SELF_REVIEWED, Step.COMMENTED, Step.PROPOSED, Step.DECIDED, Step.PUBLISHED]


@dataclass(frozen=True)
class Action:
    name: str
    target: Step
    sources: frozenset[Step]
    higher_level: bool = False  # only a user of an organisation above the unit
    label: str = ""


ACTIONS = {
    a.name: a
    for a in (
        Action(
            "self_review",
            Step.SELF_REVIEWED,
            frozenset({Step.NOT_STARTED, Step.RETURNED}),
            label="Xác nhận đã tự kiểm điểm",
        ),
        Action(
            "comment",
            Step.COMMENTED,
            frozenset({Step.SELF_REVIEWED}),
            label="Xác nhận đã họp góp ý",
        ),
        Action("propose", Step.PROPOSED, OPEN, label="Lưu đề xuất xếp loại"),
        Action(
            "decide",
            Step.DECIDED,
            frozenset({Step.PROPOSED}),
            higher_level=True,
            label="Cấp ủy quyết định",
        ),
        Action("publish", Step.PUBLISHED, frozenset({Step.DECIDED}), label="Công bố kết quả"),
        Action(
            "return",
            Step.RETURNED,
            frozenset({Step.PROPOSED, Step.DECIDED, Step.PUBLISHED}),
            higher_level=True,
            label="Yêu cầu kiểm điểm lại",
        ),
    )
}


class StepError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


STATUS_WORDS = {
    Step.NOT_STARTED: "chưa bắt đầu",
    Step.SELF_REVIEWED: "đã tự kiểm điểm",
    Step.COMMENTED: "đã họp góp ý",
    Step.PROPOSED: "đã đề xuất xếp loại",
    Step.DECIDED: "cấp ủy đã quyết định",
    Step.PUBLISHED: "đã công bố",
    Step.RETURNED: "phải kiểm điểm lại",
}


def transition(status: str, action: str, *, higher_level: bool, reason: str = "") -> Step:
    """The status after ``action``, or a StepError saying why it cannot be done now."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise StepError("unknown_action", "Thao tác không hợp lệ.")
    current = Step(status)
    if current not in spec.sources:
        raise StepError(
            "wrong_step",
            f"Không thể “{spec.label.lower()}”: kiểm điểm của tổ chức này {STATUS_WORDS[current]}.",
        )
    if spec.higher_level and not higher_level:
        raise StepError(
            "needs_higher_level",
            f"“{spec.label}” là việc của cấp ủy cấp trên trực tiếp, không phải của tổ chức được "
            "kiểm điểm.",
        )
    if action == "return" and not reason.strip():
        raise StepError("reason_required", "Ghi lý do yêu cầu kiểm điểm lại.")
    return spec.target


def allowed(status: str, *, higher_level: bool) -> list[Action]:
    """The actions a user may take now, in the order of the steps."""
    current = Step(status)
    return [
        a
        for a in ACTIONS.values()
        if current in a.sources and (higher_level or not a.higher_level) and a.name != "propose"
    ]


def editable(status: str) -> bool:
    """Grades may be entered or changed while the review is open."""
    return Step(status) in OPEN


def steps_filled_by(target: Step) -> list[Step]:
    """Earlier steps a proposal implies (they took place at the grading meeting at the latest)."""
    return ORDER[: ORDER.index(target)] if target in ORDER else []
