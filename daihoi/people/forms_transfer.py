"""The transfer form: official transfer or temporary attachment, with its letter."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from daihoi.dates import DateInput
from daihoi.organizations.models import Level
from daihoi.organizations.selectors import visible_organizations
from daihoi.typeahead import organization_field

from .models import AssignmentKind

DATE = DateInput()


class TransferForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=AssignmentKind.choices,
        initial=AssignmentKind.OFFICIAL,
        widget=forms.RadioSelect,
    )
    destination = organization_field(label=_("Nơi đến"), params={"level": "grassroots,cell"})
    on = forms.DateField(label=_("Ngày chuyển"), widget=DATE)
    until = forms.DateField(
        label=_("Sinh hoạt tạm thời đến ngày (dự kiến)"), required=False, widget=DATE
    )
    letter_number = forms.CharField(label=_("Số giấy giới thiệu"), max_length=60)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, user, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].queryset = (
            visible_organizations(user)
            .filter(active=True, level__in=[Level.GRASSROOTS, Level.CELL])
            .exclude(pk=member.organization_id)
            .order_by("path")
        )

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)


class EndAttachmentForm(forms.Form):
    on = forms.DateField(label=_("Ngày trở về sinh hoạt tại tổ chức"), widget=DATE)
