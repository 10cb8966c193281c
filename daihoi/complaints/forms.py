"""Forms of the complaints pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.congresses.models import Congress
from daihoi.dates import DateInput
from daihoi.people.models import Member
from daihoi.typeahead import congress_field, member_code_widget

from .models import Complaint

DATE = DateInput()


class ComplaintForm(forms.ModelForm):
    member_code = forms.CharField(
        label=_("Đảng viên bị khiếu nại, tố cáo"),
        max_length=32,
        widget=member_code_widget(placeholder=_("Gõ tên (không cần dấu) hoặc mã đảng viên")),
    )
    congress = congress_field(
        label=_("Liên quan đến đại hội"), queryset=Congress.objects.none(), required=False
    )

    class Meta:
        model = Complaint
        fields = [
            "received_on",
            "kind",
            "anonymous",
            "sender",
            "summary",
            "assigned_to",
            "deadline",
            "congress",
        ]
        widgets = {
            "received_on": DATE,
            "deadline": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, members, congresses, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        self.fields["congress"].queryset = congresses

    def clean_member_code(self):
        code = self.cleaned_data["member_code"].strip()
        member = self.members.filter(code=code).first()
        if member is None:
            raise forms.ValidationError(_("Không có đảng viên mã %(code)s.") % {"code": code})
        self.cleaned_data["member"] = member
        return code

    def service_kwargs(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "member_code"}
        return data


class HandlingForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ["assigned_to", "deadline", "status", "finding", "conclusion", "resolved_on"]
        widgets = {
            "deadline": DATE,
            "resolved_on": DATE,
            "conclusion": forms.Textarea(attrs={"rows": 3}),
        }


def member_queryset(organizations):
    return Member.objects.filter(organization__in=organizations)
