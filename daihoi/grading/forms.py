"""Input of the grading pages: opening a cycle, the grading sheet (parsed by hand: one row per
member, named fields), steps and appeals."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daihoi.dates import DateInput, parse_date
from daihoi.rules.grading import GRADES, Grade

from .checks import MEMBER_FLAGS, UNIT_FLAGS, RowInput, SheetInput
from .models import GradeChoice, ReviewCycle

DATE_WIDGET = DateInput()


class CycleForm(forms.ModelForm):
    class Meta:
        model = ReviewCycle
        fields = [
            "year",
            "self_review_due",
            "meeting_due",
            "decision_due",
            "report_due",
            "appeal_days",
            "note",
        ]
        widgets = {
            name: DATE_WIDGET
            for name in ("self_review_due", "meeting_due", "decision_due", "report_due")
        }

    @classmethod
    def for_year(cls, year: int) -> "CycleForm":
        """Usual deadlines of a year's review: reviews in December, reports by mid-January."""
        return cls(
            initial={
                "year": year,
                "self_review_due": dt.date(year, 12, 5),
                "meeting_due": dt.date(year, 12, 15),
                "decision_due": dt.date(year, 12, 31),
                "report_due": dt.date(year + 1, 1, 15),
                "appeal_days": 15,
            }
        )


class StepForm(forms.Form):
    on = forms.DateField(label=_("Ngày"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Ghi chú, lý do"), max_length=300, required=False)


class AppealForm(forms.Form):
    evaluation = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ResolveForm(forms.Form):
    outcome = forms.CharField(label=_("Kết quả giải quyết"), max_length=300)
    new_grade = forms.ChoiceField(
        label=_("Mức sau giải quyết"),
        choices=[("", _("Giữ nguyên"))] + GradeChoice.choices,
        required=False,
    )


def _grade(value: str | None) -> Grade | None:
    """A grade from the page: its value ("good") or its key 1–4."""
    value = (value or "").strip()
    if value in {g.value for g in GRADES}:
        return Grade(value)
    if value in ("1", "2", "3", "4"):
        return GRADES[int(value) - 1]
    return None


def _score(value: str | None) -> int | None:
    try:
        score = int((value or "").strip())
    except ValueError:
        return None
    return score if 0 <= score <= 100 else None


def _count(value: str | None) -> int | None:
    try:
        count = int((value or "").strip())
    except ValueError:
        return None
    return count if 0 <= count <= 32000 else None


def _date(value: str | None, default: dt.date) -> dt.date:
    return parse_date(value) or default


def sheet_input(post, member_ids, default_on: dt.date | None = None) -> SheetInput:
    """The grading sheet as typed: ``g-<id>`` grade, ``r-<id>`` reason, ``s-<id>`` score,
    ``c-<id>-<flag>`` checklist, ``cs-<id>`` civil-servant grade; ``unit-…``, ``leader-…``."""
    rows = {}
    for pk in member_ids:
        rows[pk] = RowInput(
            pk,
            grade=_grade(post.get(f"g-{pk}")),
            self_grade=_grade(post.get(f"sg-{pk}")),
            reason=(post.get(f"r-{pk}") or "").strip(),
            score=_score(post.get(f"s-{pk}")),
            criteria={flag: post.get(f"c-{pk}-{flag}") == "on" for flag in MEMBER_FLAGS},
            civil_servant=_grade(post.get(f"cs-{pk}")),
        )
    on = _date(post.get("on"), default_on or timezone.localdate())
    present = _count(post.get("present"))
    return SheetInput(
        rows,
        on,
        unit_grade=_grade(post.get("unit-grade")),
        unit_reason=(post.get("unit-reason") or "").strip(),
        unit_score=_score(post.get("unit-score")),
        unit_criteria={flag: post.get(f"unit-c-{flag}") == "on" for flag in UNIT_FLAGS},
        leader_grade=_grade(post.get("leader-grade")),
        leader_reason=(post.get("leader-reason") or "").strip(),
        meeting={
            "present": present,
            "chair": (post.get("chair") or "").strip()[:150],
            "recorder": (post.get("recorder") or "").strip()[:150],
            "place": (post.get("place") or "").strip()[:200],
        },
    )
