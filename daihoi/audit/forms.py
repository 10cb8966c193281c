from django import forms
from django.utils.translation import gettext_lazy as _

from .labels import action_label, object_type_label


class AuditFilterForm(forms.Form):
    """The audit page's filters; dates are typed dd/mm/yyyy whatever the browser's language."""

    user = forms.CharField(label=_("Người thực hiện"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Thao tác"), required=False)
    object_type = forms.ChoiceField(label=_("Loại đối tượng"), required=False)
    object_id = forms.CharField(label=_("Mã đối tượng"), required=False, max_length=64)
    text = forms.CharField(label=_("Nội dung có chứa"), required=False, max_length=100)
    date_from = forms.DateField(
        label=_("Từ ngày"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    date_to = forms.DateField(
        label=_("Đến ngày"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )

    def __init__(self, data, *, actions: list[str], object_types: list[str]):
        super().__init__(data)
        everything = [("", _("Tất cả"))]
        self.fields["action"].choices = everything + sorted(
            ((a, action_label(a)) for a in actions), key=lambda c: c[1]
        )
        self.fields["object_type"].choices = everything + sorted(
            ((t, object_type_label(t)) for t in object_types), key=lambda c: c[1]
        )
        for name in ("date_from", "date_to"):
            self.fields[name].widget.attrs.update(placeholder="dd/mm/yyyy", inputmode="numeric")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau “Từ ngày”."))
        for field in ("user", "object_id", "text"):
            if "\x00" in (data.get(field) or ""):
                self.add_error(field, _("Có ký tự không hợp lệ."))
        return data
