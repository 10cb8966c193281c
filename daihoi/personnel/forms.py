"""Forms of the personnel pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.congresses.models import Congress
from daihoi.dates import DateInput
from daihoi.people.models import Member
from daihoi.typeahead import congress_field, member_code_widget

from .models import Candidate, PersonnelPlan, ProposedPost, RelationKind

DATE = DateInput()


class NewPlanForm(forms.Form):
    congress = congress_field(label=_("Đại hội"), queryset=Congress.objects.none())
    committee_size = forms.IntegerField(label=_("Số lượng ban chấp hành"), min_value=1)
    standing_size = forms.IntegerField(label=_("Số lượng ban thường vụ"), min_value=0, initial=0)
    deputy_count = forms.IntegerField(label=_("Số phó bí thư"), min_value=0, initial=0)

    def __init__(self, *args, congresses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["congress"].queryset = congresses


class PlanForm(forms.ModelForm):
    class Meta:
        model = PersonnelPlan
        fields = [
            "level_key",
            "reference_month",
            "committee_size",
            "standing_size",
            "deputy_count",
            "inspection_size",
            "previous_max_committee",
            "merged_from",
            "women_target",
            "youth_target",
            "ethnic_target",
            "renewal_target",
        ]
        widgets = {"reference_month": DATE}


class AddCandidateForm(forms.Form):
    member_code = forms.CharField(
        label=_("Đảng viên"),
        max_length=32,
        widget=member_code_widget(placeholder=_("Gõ tên (không cần dấu) hoặc mã đảng viên")),
    )
    post = forms.ChoiceField(
        label=_("Chức danh dự kiến"), choices=ProposedPost.choices, initial=ProposedPost.COMMITTEE
    )
    re_elected = forms.BooleanField(label=_("Tái cử"), required=False)

    def clean_member_code(self):
        code = self.cleaned_data["member_code"].strip()
        member = Member.objects.select_related("organization").filter(code=code).first()
        if member is None:
            raise forms.ValidationError(_("Không có đảng viên mã %(code)s.") % {"code": code})
        self.cleaned_data["member"] = member
        return code


class CandidateForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = [
            "post",
            "inspection",
            "re_elected",
            "local",
            "discipline_kind",
            "discipline_on",
            "note",
        ]
        widgets = {"discipline_on": DATE}


class OverrideForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Lý do bỏ qua"), widget=forms.Textarea(attrs={"rows": 2}), min_length=15
    )


class RelationshipForm(forms.Form):
    member_a = forms.ModelChoiceField(label=_("Người thứ nhất"), queryset=Member.objects.none())
    member_b = forms.ModelChoiceField(label=_("Người thứ hai"), queryset=Member.objects.none())
    kind = forms.ChoiceField(label=_("Quan hệ"), choices=RelationKind.choices)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=200)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_a"].queryset = members
        self.fields["member_b"].queryset = members


class StepForm(forms.Form):
    name = forms.CharField(label=_("Nội dung bước"), max_length=200)
    voters_kind = forms.ChoiceField(
        label=_("Thành phần bỏ phiếu"),
        choices=[
            ("key_cadres", _("Hội nghị cán bộ chủ chốt")),
            ("committee", _("Ban chấp hành")),
            ("standing_committee", _("Ban thường vụ")),
            ("members", _("Đảng viên, chi bộ")),
        ],
    )
    summoned = forms.IntegerField(label=_("Số được triệu tập"), min_value=1)
    present = forms.IntegerField(label=_("Số có mặt"), min_value=1)
    held_on = forms.DateField(label=_("Ngày"), required=False, widget=DATE)
    ballots = forms.CharField(
        label=_("Hoặc nhập từng phiếu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "1 2 4\n1 3\n…"}),
        help_text=_("Mỗi dòng một phiếu: các số thứ tự được đồng ý. Để trống nếu nhập số phiếu."),
    )

    def __init__(self, *args, listed, **kwargs):
        super().__init__(*args, **kwargs)
        self.listed = listed
        for candidate in listed:
            self.fields[f"votes_{candidate.pk}"] = forms.IntegerField(
                label=str(candidate.member), min_value=0, required=False
            )

    def vote_fields(self):
        return [self[f"votes_{c.pk}"] for c in self.listed]
