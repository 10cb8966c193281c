"""Forms of the term register and of an appointed committee (the decision, its people)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.dates import DateInput
from daihoi.textnorm import fold, nfc

from .appointments import AppointedRow
from .models import AppointedPost, CommitteeAppointment, Term
from .terms import term_errors

DATE = DateInput()
MAX_LINES = 300


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["level", "name", "starts_on", "ends_on", "rules_version", "note"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a term's level and name are its identity
            for name in ("level", "name"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        name, starts, ends = data.get("name"), data.get("starts_on"), data.get("ends_on")
        if name and starts and ends:
            for field, messages in term_errors(name, starts, ends).items():
                for message in messages:
                    self.add_error(field, message)
        level = data.get("level")
        taken = Term.objects.filter(level=level, name=(name or "").strip())
        if not self.instance.pk and level and name and taken.exists():
            label = Term(level=level).get_level_display()
            self.add_error(
                "name", _("Cấp %(level)s đã có nhiệm kỳ %(name)s.") % {"level": label, "name": name}
            )
        return data


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = CommitteeAppointment
        fields = [
            "decision_number",
            "decided_on",
            "issued_by",
            "inspection_appointed",
            "delegates_appointed",
            "note",
        ]
        widgets = {"decided_on": DATE}
        labels = {
            "decision_number": _("Số quyết định"),
            "decided_on": _("Ngày quyết định"),
            "issued_by": _("Cơ quan ban hành"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_number"].widget.attrs["placeholder"] = "125-QĐ/TU"
        self.fields["issued_by"].widget.attrs["placeholder"] = _("Ban Thường vụ Tỉnh ủy")


# --- The people of the decision ----------------------------------------------------------------


POST_WORDS = {
    **{value: value for value in AppointedPost.values},
    "bi thu": AppointedPost.SECRETARY,
    "pho bi thu": AppointedPost.DEPUTY_SECRETARY,
    "uy vien ban thuong vu": AppointedPost.STANDING,
    "uy vien ban chap hanh": AppointedPost.COMMITTEE,
    "chu nhiem uy ban kiem tra": AppointedPost.INSPECTION_CHAIR,
    "uy vien uy ban kiem tra": AppointedPost.INSPECTION,
    "": AppointedPost.COMMITTEE,
    "uy vien": AppointedPost.COMMITTEE,
    "cap uy vien": AppointedPost.COMMITTEE,
    "uy vien bch": AppointedPost.COMMITTEE,
    "bch": AppointedPost.COMMITTEE,
    "uy vien btv": AppointedPost.STANDING,
    "ban thuong vu": AppointedPost.STANDING,
    "thuong vu": AppointedPost.STANDING,
    "btv": AppointedPost.STANDING,
    "chu nhiem ubkt": AppointedPost.INSPECTION_CHAIR,
    "chu nhiem": AppointedPost.INSPECTION_CHAIR,
    "uy vien ubkt": AppointedPost.INSPECTION,
    "ubkt": AppointedPost.INSPECTION,
}
SEPARATORS = re.compile(r"\t|;|\|")
NUMBERED = re.compile(r"^\d+[.)]\s+")
ROW_NUMBER = re.compile(r"^\d+[.)]?$")


def _looks_like_code(text: str) -> bool:
    return " " not in text and any(ch.isdigit() for ch in text)


def resolve_person(text: str, post: str, members, line: int = 0) -> tuple[AppointedRow | None, str]:
    """A row for `text` (a member's code in `members`, or a full name), or an error message."""
    where = f"Dòng {line}: " if line else ""
    text = nfc(text)
    if _looks_like_code(text):
        member = members.filter(code=text).first()
        if member is None:
            return None, f"{where}không tìm thấy đảng viên có mã “{text}”."
        return AppointedRow(post=post, member=member, line=line), ""
    return AppointedRow(post=post, full_name=text, line=line), ""


def parse_line(raw: str) -> tuple[str, str]:
    """(person, post words) from "person <tab|;|> post", a leading row number dropped."""
    cells = [cell.strip() for cell in SEPARATORS.split(raw)]
    cells = [cell for cell in cells if cell]
    if len(cells) >= 3 and ROW_NUMBER.match(cells[0]):
        cells = cells[1:]
    if len(cells) == 1:
        return NUMBERED.sub("", cells[0]), ""
    return cells[0], cells[1]


def parse_list(text: str, members) -> tuple[list[AppointedRow], list[str]]:
    """Rows of a pasted list (one person a line), with one message per bad line."""
    rows, errors = [], []
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        return [], [f"Tối đa {MAX_LINES} dòng mỗi lần."]
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        person, words = parse_line(raw)
        post = POST_WORDS.get(fold(words))
        if post is None:
            errors.append(f"Dòng {number}: chức vụ “{words}” không rõ.")
            continue
        row, error = resolve_person(person, post, members, line=number)
        if error:
            errors.append(error)
        else:
            rows.append(row)
    return rows, errors


class AppointedPersonForm(forms.Form):
    person = forms.CharField(
        label=_("Mã đảng viên hoặc họ và tên"),
        max_length=150,
        # Its id is the anchor the page returns to after each write: a focusable
        # fragment target, so the browser itself puts the cursor there.
        widget=forms.TextInput(attrs={"autocomplete": "off", "id": "appointed-person"}),
    )
    post = forms.ChoiceField(
        label=_("Chức vụ"), choices=AppointedPost.choices, initial=AppointedPost.COMMITTEE
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members

    def clean(self):
        data = super().clean()
        if data.get("person") and data.get("post"):
            row, error = resolve_person(data["person"], data["post"], self.members)
            if error:
                self.add_error("person", error)
            data["row"] = row
        return data


class AppointedListForm(forms.Form):
    text = forms.CharField(
        label=_("Dán danh sách"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            "Mỗi dòng một người: mã đảng viên hoặc họ và tên, rồi dấu Tab (hoặc ; ) và chức vụ "
            "(Bí thư, Phó Bí thư, Ủy viên BTV, Ủy viên BCH, Chủ nhiệm UBKT, Ủy viên UBKT). "
            "Không ghi chức vụ: Ủy viên BCH."
        ),
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members

    def clean(self):
        data = super().clean()
        if data.get("text"):
            rows, errors = parse_list(data["text"], self.members)
            for error in errors:
                self.add_error("text", error)
            data["rows"] = rows
        return data
