from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 400 * 1024 * 1024  # a box of 500 colour pages at 300 dpi is far below


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field: a multi-page PDF, or a folder of page images."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.tif,.tiff"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        cleaned = [single(f, initial) for f in files if f]
        if not cleaned and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if sum(f.size for f in cleaned) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tổng dung lượng quá 400 MB: chia thành nhiều lần tải lên.")
            )
        return cleaned


PAGE_SIZES = [
    ("", _("Tự chọn (như khi in phiếu)")),
    ("A4", "A4"),
    ("A5", "A5"),
]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Tệp quét"),
        help_text=_("PDF nhiều trang, hoặc nhiều ảnh PNG/JPEG/TIFF (giữ Ctrl để chọn nhiều tệp)."),
    )
    page_size = forms.ChoiceField(label=_("Khổ phiếu"), choices=PAGE_SIZES, required=False)


class MoreFilesForm(forms.Form):
    files = MultipleFileField(label=_("Thêm trang quét"))


class FinaliseForm(forms.Form):
    count = forms.IntegerField(
        label=_("Số tờ phiếu đếm được trên giấy"),
        min_value=1,
        help_text=_("Đếm tập phiếu của hòm: phải bằng số phiếu đã đọc."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=200)


class TypedBallotForm(forms.Form):
    line = forms.CharField(label=_("Phiếu nhập tay"), max_length=400, required=False)
