from django import forms
from django.utils.translation import gettext_lazy as _

from .fileformat import MAX_FILE


class ReturnUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp kết quả hội trường (.zip)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE:
            raise forms.ValidationError(
                _("Tệp lớn quá %(mb)d MB.") % {"mb": MAX_FILE // (1024 * 1024)}
            )
        return upload
