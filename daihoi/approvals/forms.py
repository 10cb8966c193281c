from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FileKind, LeaveReason

DATE = forms.DateInput(attrs={"type": "date"})


class RequestForm(forms.Form):
    requested_on = forms.DateField(label=_("Ngày đề nghị"), widget=DATE)


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    issued_by = forms.CharField(label=_("Cơ quan quyết định"), max_length=200)
    reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ApproveForm(DecisionForm):
    not_recognised = forms.MultipleChoiceField(
        label=_("Không chuẩn y công nhận (Điều 33.2)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, names=(), **kw):
        super().__init__(*args, **kw)
        self.fields["not_recognised"].choices = [(n, n) for n in names]


class SealForm(forms.Form):
    sealed_on = forms.DateField(label=_("Ngày niêm phong"), widget=DATE)
    sealed_by = forms.CharField(label=_("Người niêm phong (ban kiểm phiếu)"), max_length=200)
    handed_to = forms.CharField(label=_("Người nhận bàn giao (cấp ủy)"), max_length=200)
    place = forms.CharField(label=_("Nơi lưu giữ"), max_length=200)


class DestroyForm(forms.Form):
    destroyed_on = forms.DateField(label=_("Ngày hủy"), widget=DATE)
    decision = forms.CharField(label=_("Quyết định hủy"), max_length=100)
    destroyed_by = forms.CharField(label=_("Người thực hiện"), max_length=200)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=FileKind.choices)
    title = forms.CharField(label=_("Tên tài liệu"), max_length=200)
    file = forms.FileField(label=_("Tệp (PDF, DOCX, JPG, PNG; tối đa 20 MB)"))


class AssignForm(forms.Form):
    full_name = forms.ChoiceField(label=_("Cấp ủy viên"))
    post = forms.CharField(label=_("Nhiệm vụ được phân công"), max_length=200)
    decided_on = forms.DateField(label=_("Ngày phân công"), widget=DATE)

    def __init__(self, *args, names=(), **kw):
        super().__init__(*args, **kw)
        self.fields["full_name"].choices = [(n, n) for n in names]


class LeaverForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    reason = forms.ChoiceField(label=_("Lý do"), choices=LeaveReason.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=200, required=False)
