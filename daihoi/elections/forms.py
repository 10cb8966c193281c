"""Forms of the election pages, and the one-line keyboard grammar of the entry screen.

The grammar is parsed here, on the server, for every save: the browser's
preview mirrors it for speed but is never trusted.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.rules.ballots import Form, Mark, ballot_form
from daihoi.typeahead import member_code_widget

from .judging import BallotInputError
from .models import Election, ElectionKind, Nomination


class ElectionForm(forms.ModelForm):
    class Meta:
        model = Election
        fields = ["kind", "title", "seats", "alternates", "entries_required"]
        help_texts = {
            "entries_required": _(
                "Mỗi hòm phiếu được nhập độc lập bởi 2 (hoặc 3) người khác nhau."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alternates"].required = False

    def clean(self):
        data = super().clean()
        data["alternates"] = data.get("alternates") or 0
        if data.get("kind") != ElectionKind.DELEGATES and data.get("alternates"):
            self.add_error("alternates", _("Chỉ bầu đại biểu mới có đại biểu dự khuyết."))
        return data

    def service_kwargs(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class CandidateForm(forms.Form):
    member = forms.IntegerField(required=False, widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    nominated_by = forms.ChoiceField(
        label=_("Giới thiệu"), choices=Nomination.choices, initial=Nomination.CONVENING
    )
    poll_agree = forms.IntegerField(
        label=_("Số đồng ý đưa vào danh sách"),
        min_value=0,
        required=False,
        help_text=_("Người do đại hội giới thiệu hoặc tự ứng cử: cần quá 30% số có mặt."),
    )
    nominator_code = forms.CharField(
        label=_("Người đề cử"),
        max_length=32,
        required=False,
        widget=member_code_widget(placeholder=_("Gõ tên (không cần dấu) hoặc mã đảng viên")),
        help_text=_(
            "Khi đại biểu đề cử tại đại hội: ủy viên cấp ủy triệu tập không được đề cử "
            "ngoài danh sách của cấp ủy."
        ),
    )

    def clean(self):
        data = super().clean()
        if not data.get("member") and not (data.get("full_name") or "").strip():
            raise forms.ValidationError(_("Chọn một đảng viên hoặc gõ họ và tên."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=200)


class ShowOfHandsForm(forms.Form):
    subject = forms.CharField(label=_("Nội dung biểu quyết"), max_length=250)
    votes_for = forms.IntegerField(label=_("Tán thành"), min_value=0)
    votes_against = forms.IntegerField(label=_("Không tán thành"), min_value=0, initial=0)
    abstain = forms.IntegerField(label=_("Không biểu quyết"), min_value=0, initial=0)


class IssuedForm(forms.Form):
    ballots_issued = forms.IntegerField(label=_("Số phiếu phát ra"), min_value=0)


class BatchForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Tổ kiểm phiếu"), queryset=None, empty_label=None)
    number = forms.IntegerField(label=_("Hòm phiếu số"), min_value=1)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class BallotPaperForm(forms.Form):
    size = forms.ChoiceField(label=_("Khổ giấy"), choices=[("A4", "A4"), ("A5", "A5")])
    copies = forms.IntegerField(label=_("Số bản"), min_value=1, max_value=3000, initial=1)


class FinaliseForm(forms.Form):
    count = forms.IntegerField(
        label=_("Số phiếu đếm được trên giấy"),
        min_value=1,
        help_text=_("Đếm lại tập phiếu của hòm: phải bằng số phiếu đã nhập."),
    )


class NextRoundForm(forms.Form):
    names = forms.MultipleChoiceField(
        label=_("Danh sách bầu lần sau"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["names"].choices = [(n, n) for n in choices]


# ---- the entry line ---------------------------------------------------------

# One key typed alone, then Enter: a ballot the team judged invalid by eye.
# "đ" is accepted for "d": a Vietnamese keyboard (Telex) turns "dd" into it.
INVALID_KEYS = {
    "k": "not_issued",
    "d": "signed_or_marked",
    "đ": "signed_or_marked",
    "g": "written_in",
}
BOX_DIGITS = {"1": Mark.AGREE, "2": Mark.DISAGREE, "3": Mark.BOTH, "0": Mark.NONE}
UNDO = "-"
_SEPARATORS = re.compile(r"[\s,;.+]+")
_RANGE = re.compile(r"^(\d+)-(\d+)$")


def parse_entry_line(text: str, candidates: int, seats: int) -> dict | None:
    """The typed line as a ballot (the `daihoi count` form), or None for undo.

    Strike-through lists: the numbers of the struck names ("3 7 12", "3,7",
    a range "3-7"); empty means nothing struck. Box lists: one digit per row
    (1 agree, 2 disagree, 3 both, 0 none); empty means agree on every row.
    """
    line = (text or "").strip().lower()
    if line == UNDO:
        return None
    if line in INVALID_KEYS:
        return {"invalid": INVALID_KEYS[line]}
    if ballot_form(candidates, seats) is Form.STRIKE_THROUGH:
        return {"struck": _struck(line, candidates)}
    return {"marks": _marks(line, candidates)}


def _struck(line: str, candidates: int) -> list[int]:
    numbers: list[int] = []
    for token in filter(None, _SEPARATORS.split(line)):
        span = _RANGE.match(token)
        if span:
            low, high = int(span[1]), int(span[2])
            if low > high:
                raise BallotInputError("bad_range", f"Khoảng {token}: số đầu phải nhỏ hơn số cuối.")
            if high > candidates:
                raise BallotInputError(
                    "out_of_range", f"Số {high} không có trên phiếu (1–{candidates})."
                )
            numbers.extend(range(low, high + 1))
        elif token.isdigit():
            numbers.append(int(token))
        else:
            raise BallotInputError(
                "not_a_number", f"“{token}” không phải số thứ tự (phiếu có gạch tên: gõ các số)."
            )
    return numbers


def _marks(line: str, candidates: int) -> dict[str, str]:
    digits = _SEPARATORS.sub("", line)
    if not digits:
        return {str(p): Mark.AGREE.value for p in range(1, candidates + 1)}
    wrong = sorted({ch for ch in digits if ch not in BOX_DIGITS})
    if wrong:
        raise BallotInputError(
            "bad_mark", f"“{''.join(wrong)}”: mỗi dòng gõ 1, 2, 3 hoặc 0 (xem bảng phím)."
        )
    if len(digits) != candidates:
        raise BallotInputError(
            "wrong_length",
            f"Phiếu có {candidates} dòng: cần đúng {candidates} chữ số, đã gõ {len(digits)}.",
        )
    return {str(p): BOX_DIGITS[d].value for p, d in enumerate(digits, start=1)}
