"""Input forms of the preparation pages (validation only; services do the writing)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daihoi.dates import DateInput
from daihoi.organizations.models import LEVEL_ORDER, Level
from daihoi.typeahead import member_code_widget, organization_field

from .models import Answer, BodyKind, BodyRole, Decision, DraftKind, SessionKind, TaskStatus
from .plans import LevelInput

DATE = DateInput()
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TERMS = ["2025-2030", "2020-2025"]


def _date(label, required=False):
    return forms.DateField(label=label, required=required, widget=DATE)


class PlanForm(forms.Form):
    """The plan and its dates by level; only the plan's own level and those below are shown."""

    term = forms.ChoiceField(label=_("Nhiệm kỳ"), choices=[(t, t) for t in TERMS])
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60, required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=250)
    basis = forms.CharField(
        label=_("Căn cứ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    review_lead_days = forms.IntegerField(
        label=_("Duyệt nội dung đại hội cấp dưới trước khai mạc (ngày làm việc)"),
        min_value=0,
        max_value=120,
        required=False,
    )
    file = forms.FileField(label=_("Văn bản kế hoạch (PDF)"), required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        own = LEVEL_ORDER.index(organization.level)
        self.levels = [str(level) for level in LEVEL_ORDER[own:]]
        for level in self.levels:
            label = Level(level).label
            self.fields[f"{level}_starts_on"] = _date(_("%(l)s: bắt đầu từ") % {"l": label})
            self.fields[f"{level}_pilots_by"] = _date(_("%(l)s: đại hội điểm trước") % {"l": label})
            self.fields[f"{level}_finish_by"] = _date(_("%(l)s: hoàn thành trước") % {"l": label})

    def level_rows(self):
        return [
            (
                Level(level).label,
                self[f"{level}_starts_on"],
                self[f"{level}_pilots_by"],
                self[f"{level}_finish_by"],
            )
            for level in self.levels
        ]

    def level_inputs(self) -> list[LevelInput]:
        data = self.cleaned_data
        return [
            LevelInput(
                level,
                data[f"{level}_finish_by"],
                data.get(f"{level}_pilots_by"),
                data.get(f"{level}_starts_on"),
            )
            for level in self.levels
            if data.get(f"{level}_finish_by")
        ]

    def clean(self):
        data = super().clean()
        for level in self.levels:
            has_other = data.get(f"{level}_pilots_by") or data.get(f"{level}_starts_on")
            if has_other and not data.get(f"{level}_finish_by"):
                self.add_error(f"{level}_finish_by", _("Nhập ngày hoàn thành của cấp này."))
        return data

    @staticmethod
    def initial_for(plan) -> dict:
        initial = {
            "term": plan.term,
            "number": plan.number,
            "title": plan.title,
            "basis": plan.basis,
            "review_lead_days": plan.review_lead_days,
        }
        for m in plan.milestones.all():
            initial[f"{m.level}_finish_by"] = m.finish_by
            initial[f"{m.level}_pilots_by"] = m.pilots_by
            initial[f"{m.level}_starts_on"] = m.starts_on
        return initial


class IssueForm(forms.Form):
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DATE)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=250)
    due_on = forms.DateField(label=_("Thời hạn"), widget=DATE)
    owner_body = forms.ModelChoiceField(label=_("Cơ quan chủ trì"), queryset=None, required=False)
    owner_organization = forms.ModelChoiceField(
        label=_("Hoặc tổ chức chủ trì"), queryset=None, required=False
    )
    detail = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, bodies, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_body"].queryset = bodies
        self.fields["owner_organization"].queryset = organizations


class TaskReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=TaskStatus.choices)
    done_on = forms.DateField(label=_("Ngày hoàn thành"), widget=DATE, required=False)
    evidence = forms.FileField(label=_("Minh chứng (PDF, Word, Excel, ảnh)"), required=False)
    evidence_note = forms.CharField(label=_("Ghi chú kết quả"), max_length=300, required=False)


class BodyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=BodyKind.choices)
    name = forms.CharField(label=_("Tên"), max_length=200)
    term = forms.ChoiceField(label=_("Nhiệm kỳ"), choices=[(t, t) for t in TERMS])
    parent = forms.ModelChoiceField(label=_("Trực thuộc"), queryset=None, required=False)
    decision = forms.CharField(label=_("Quyết định thành lập"), max_length=80, required=False)
    decided_on = _date(_("Ngày quyết định"))
    duties = forms.CharField(
        label=_("Nhiệm vụ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, steering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = steering


class BodyMemberForm(forms.Form):
    member_code = forms.CharField(
        label=_("Đảng viên"),
        max_length=32,
        widget=member_code_widget(placeholder=_("Gõ tên (không cần dấu) hoặc mã đảng viên")),
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=BodyRole.choices, initial="member")
    title = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)


class AssignForm(forms.Form):
    # Type-aheads: a provincial working group chooses among hundreds of organisations below.
    organization = organization_field(label=_("Tổ chức được phân công"), queryset=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class VisitForm(forms.Form):
    organization = organization_field(label=_("Nơi làm việc"), queryset=None)
    visited_on = forms.DateField(label=_("Ngày làm việc"), widget=DATE)
    findings = forms.CharField(
        label=_("Nhận xét, kết quả"), widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_ups = forms.CharField(
        label=_("Kiến nghị, việc cần làm tiếp"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up_due = _date(_("Hạn khắc phục"))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class DraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn kiện"), choices=DraftKind.choices)
    title = forms.CharField(label=_("Tên văn kiện"), max_length=250)
    body = forms.ModelChoiceField(label=_("Tiểu ban chủ trì"), queryset=None, required=False)
    for_delegates = forms.BooleanField(label=_("Phát cho đại biểu"), required=False, initial=True)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp dự thảo (DOCX hoặc PDF)"))
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class SectionsForm(forms.Form):
    sections = forms.CharField(
        label=_("Các phần, mục (mỗi dòng một mục)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Tên đợt lấy ý kiến"), max_length=250, required=False)
    deadline = forms.DateTimeField(
        label=_("Hạn góp ý"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    to_lower_organizations = forms.BooleanField(
        label=_("Các tổ chức đảng trực thuộc"), required=False, initial=True
    )
    to_members = forms.BooleanField(label=_("Đảng viên"), required=False)
    to_delegates = forms.BooleanField(label=_("Đại biểu dự đại hội"), required=False)
    to_public = forms.BooleanField(label=_("Nhân dân (công khai)"), required=False)

    def audiences(self) -> dict:
        return {
            k: self.cleaned_data[k]
            for k in ("to_lower_organizations", "to_members", "to_delegates", "to_public")
        }

    @staticmethod
    def default_deadline() -> dt.datetime:
        now = timezone.localtime() + dt.timedelta(days=14)
        return now.replace(hour=17, minute=0, second=0, microsecond=0)


class StaffCommentForm(forms.Form):
    """A comment entered by a user for a lower organisation or for a member (by code)."""

    source = forms.ChoiceField(
        label=_("Ý kiến của"),
        choices=[("organization", _("Tổ chức đảng")), ("member", _("Đảng viên"))],
    )
    organization = forms.ModelChoiceField(label=_("Tổ chức"), queryset=None, required=False)
    member_code = forms.CharField(
        label=_("Đảng viên"),
        max_length=32,
        required=False,
        widget=member_code_widget(placeholder=_("Gõ tên (không cần dấu) hoặc mã đảng viên")),
    )
    section = forms.ModelChoiceField(label=_("Phần, mục"), queryset=None, required=False)
    text = forms.CharField(label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organizations, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["section"].queryset = sections
        self.fields["section"].empty_label = _("Ý kiến chung")


class PublicCommentForm(forms.Form):
    author = forms.CharField(label=_("Họ và tên"), max_length=150)
    contact = forms.CharField(label=_("Địa chỉ hoặc số điện thoại"), max_length=150, required=False)
    section = forms.ModelChoiceField(label=_("Phần, mục"), queryset=None, required=False)
    text = forms.CharField(label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections
        self.fields["section"].empty_label = _("Ý kiến chung")


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Xử lý"), choices=[(a, label) for a, label in Answer.choices if a != Answer.PENDING]
    )
    reply = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 2}))


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Phiên"), choices=SessionKind.choices)
    title = forms.CharField(label=_("Tên phiên"), max_length=200, required=False)
    day = forms.DateField(label=_("Ngày"), widget=DATE)
    starts_at = forms.TimeField(label=_("Bắt đầu"), widget=TIME)
    venue = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)


class ItemForm(forms.Form):
    starts_at = forms.TimeField(label=_("Giờ"), widget=TIME, required=False)
    minutes = forms.IntegerField(label=_("Phút"), min_value=1, max_value=600, required=False)
    title = forms.CharField(label=_("Nội dung"), max_length=300)
    speaker = forms.CharField(label=_("Người trình bày"), max_length=200, required=False)
    draft = forms.ModelChoiceField(label=_("Tài liệu"), queryset=None, required=False)
    decision = forms.ChoiceField(label=_("Biểu quyết"), choices=Decision.choices, required=False)

    def __init__(self, *args, drafts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draft"].queryset = drafts


class VoteForm(forms.Form):
    votes_for = forms.IntegerField(label=_("Tán thành"), min_value=0)
    votes_against = forms.IntegerField(label=_("Không tán thành"), min_value=0, initial=0)
    abstain = forms.IntegerField(label=_("Không biểu quyết"), min_value=0, initial=0)


class StandardProgrammeForm(forms.Form):
    day = forms.DateField(label=_("Ngày khai mạc (phiên chính thức)"), widget=DATE)


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=200, required=False)
    worked_well = forms.CharField(
        label=_("Những việc làm tốt"), widget=forms.Textarea(attrs={"rows": 4})
    )
    to_change = forms.CharField(
        label=_("Những việc cần điều chỉnh"), widget=forms.Textarea(attrs={"rows": 4})
    )


class PublishForm(forms.Form):
    scope = forms.ModelChoiceField(label=_("Phổ biến trong"), queryset=None)

    def __init__(self, *args, scopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = scopes


class LinksForm(forms.Form):
    numbers = forms.CharField(
        label=_("Số thẻ (để trống: tất cả đại biểu)"),
        required=False,
        help_text=_("Ví dụ: 1-20, 35, 41"),
    )
    days = forms.IntegerField(label=_("Hạn dùng (ngày)"), min_value=1, max_value=90, initial=30)

    def clean_numbers(self) -> list[int] | None:
        raw = self.cleaned_data["numbers"].replace(" ", "")
        if not raw:
            return None
        out: list[int] = []
        for part in raw.split(","):
            low, _sep, high = part.partition("-")
            if not low.isdigit() or (high and not high.isdigit()):
                raise forms.ValidationError(_("Không đọc được “%(p)s”.") % {"p": part})
            out += list(range(int(low), int(high or low) + 1))
        return out


class SeatsForm(forms.Form):
    per_row = forms.IntegerField(label=_("Số ghế mỗi hàng"), min_value=1, max_value=100, initial=20)
    block = forms.CharField(label=_("Khu"), max_length=20, initial="A")


class SeatsImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel sơ đồ chỗ ngồi"))


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    pinned = forms.BooleanField(label=_("Ghim lên đầu"), required=False)


class PortalSignInForm(forms.Form):
    number = forms.CharField(
        label=_("Số thẻ đại biểu"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PortalPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Mật khẩu mới (ít nhất 8 ký tự)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    again = forms.CharField(
        label=_("Nhập lại"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password") != data.get("again"):
            self.add_error("again", _("Hai lần nhập không giống nhau."))
        return data


class PortalCommentForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Văn kiện"), queryset=None)
    section = forms.ModelChoiceField(label=_("Phần, mục"), queryset=None, required=False)
    text = forms.CharField(label=_("Ý kiến của đồng chí"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, rounds, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
        self.fields["round"].label_from_instance = lambda r: r.draft.title
        self.fields["section"].queryset = sections
        self.fields["section"].empty_label = _("Ý kiến chung")
