"""Forms of the tracking page; each form's `apply` calls one tracking service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.congresses import tracking
from daihoi.dates import DateInput

DATE = DateInput()


class ScheduleForm(forms.Form):
    planned_on = forms.DateField(label=_("Ngày dự kiến"), widget=DATE)
    pilot = forms.BooleanField(label=_("Đại hội điểm"), required=False)

    def apply(self, user, congress):
        data = self.cleaned_data
        return tracking.schedule_congress(user, congress, data["planned_on"], data["pilot"])


class PostponeForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hoãn"), max_length=300)
    postponed_to = forms.DateField(label=_("Ngày tổ chức mới"), required=False, widget=DATE)

    def apply(self, user, congress):
        data = self.cleaned_data
        return tracking.postpone_congress(user, congress, data["reason"], data["postponed_to"])


class DocumentsForm(forms.Form):
    received_on = forms.DateField(label=_("Ngày cấp trên nhận hồ sơ"), widget=DATE)

    def apply(self, user, congress):
        return tracking.record_documents(user, congress, self.cleaned_data["received_on"])


class ResultsForm(forms.Form):
    committee_elected = forms.IntegerField(
        label=_("Số cấp ủy viên được bầu"), min_value=0, required=False
    )
    delegates_elected = forms.IntegerField(
        label=_("Số đại biểu dự đại hội cấp trên được bầu"), min_value=0, required=False
    )
    reported_on = forms.DateField(label=_("Ngày báo cáo lên cấp trên"), widget=DATE)

    def apply(self, user, congress):
        data = self.cleaned_data
        return tracking.report_results(
            user,
            congress,
            committee_elected=data["committee_elected"],
            delegates_elected=data["delegates_elected"],
            reported_on=data["reported_on"],
        )
