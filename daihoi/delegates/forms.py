"""Input of the delegates' pages; services do the work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .allocation import SETTINGS
from .models import AllocationPlan


class PlanForm(forms.ModelForm):
    class Meta:
        model = AllocationPlan
        fields = SETTINGS
        help_texts = {
            "members_per_seat": _(
                "Chỉ dùng với phương pháp kiểu Đại hội XIII; để trống để tự tính."
            ),
            "per_unit": _("Chỉ dùng với phương pháp kiểu Đại hội XIII (Đại hội XIII: 13)."),
        }

    def settings(self) -> dict:
        return {name: self.cleaned_data[name] for name in SETTINGS}


class LineAdjustForm(forms.Form):
    seats = forms.IntegerField(label=_("Số đại biểu bầu"), min_value=0, max_value=999)
    reason = forms.CharField(label=_("Lý do điều chỉnh"), max_length=300)


class LineAmendForm(forms.Form):
    seats = forms.IntegerField(label=_("Số đại biểu bầu"), min_value=0, max_value=999)
    alternates = forms.IntegerField(label=_("Số đại biểu dự khuyết"), min_value=0, max_value=999)
    decision = forms.CharField(
        label=_("Quyết định của cấp ủy (số, ngày)"), max_length=120, required=False
    )
    reason = forms.CharField(label=_("Lý do điều chỉnh"), max_length=300)


class LineInputsForm(forms.Form):
    fixed = forms.IntegerField(label=_("Suất cố định"), min_value=0, required=False)
    bonus = forms.IntegerField(label=_("Suất ưu tiên"), min_value=0, initial=0)


class AddDelegateForm(forms.Form):
    member_code = forms.CharField(label=_("Mã đảng viên"), max_length=32)
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[
            ("ex_officio", _("Đương nhiên")),
            ("elected", _("Được bầu")),
            ("appointed", _("Được chỉ định")),
            ("alternate", _("Dự khuyết")),
        ],
    )
    delegation = forms.IntegerField(label=_("Đoàn đại biểu"))


class AbsentForm(forms.Form):
    reason = forms.CharField(label=_("Lý do vắng"), max_length=200, required=False)


class DecideForm(forms.Form):
    accepted = forms.BooleanField(required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class QuorumLineForm(forms.Form):
    enabled = forms.BooleanField(label=_("Hiển thị ngưỡng có mặt (thông lệ)"), required=False)
