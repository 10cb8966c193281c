"""Forms of the member pages: the list's filters and the member form.

Both limit every organisation choice to the user's subtree, so a forged id is
refused as an invalid choice rather than trusted.
"""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from daihoi.concurrency import VersionedFormMixin
from daihoi.dates import DATE_INPUT_FORMATS, DateInput
from daihoi.organizations.models import Level, Organization
from daihoi.organizations.selectors import visible_organizations
from daihoi.typeahead import organization_field

from . import selectors
from .ethnicities import ETHNICITIES, KINH
from .models import ColumnMapping, Gender, Member, MemberStatus, PoliticalTheory
from .services import member_version

PAGE_SIZE = 50
MINORITY = "minority"
SORTS = {
    "name": ["given_name", "family_name", "middle_name", "code"],
    "-name": ["-given_name", "-family_name", "-middle_name", "-code"],
    "code": ["code"],
    "-code": ["-code"],
}


def _any(label):
    return [("", label)]


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên hoặc mã"), required=False, max_length=100)
    # A type-ahead: a province's member list filters by any of its 3,000 organisations.
    organization = organization_field(
        label=_("Tổ chức"),
        queryset=Organization.objects.none(),
        required=False,
        params={"all": "1"},
        placeholder=_("Toàn đảng bộ"),
    )
    direct = forms.BooleanField(label=_("chỉ sinh hoạt trực tiếp"), required=False)
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=_any(_("Mọi tình trạng")) + MemberStatus.choices,
    )
    gender = forms.ChoiceField(
        label=_("Giới tính"), required=False, choices=_any(_("Nam và nữ")) + Gender.choices
    )
    ethnicity = forms.ChoiceField(
        label=_("Dân tộc"),
        required=False,
        choices=_any(_("Mọi dân tộc")) + [(MINORITY, _("Dân tộc thiểu số"))] + ETHNICITIES,
    )
    political_theory = forms.ChoiceField(
        label=_("Lý luận chính trị"),
        required=False,
        choices=_any(_("Mọi trình độ")) + PoliticalTheory.choices,
    )
    active = forms.ChoiceField(
        label=_("Sinh hoạt"),
        required=False,
        choices=[("", _("Còn sinh hoạt")), ("no", _("Đã thôi")), ("all", _("Tất cả"))],
    )
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[
            ("", _("Theo tên (A → Z)")),
            ("-name", _("Theo tên (Z → A)")),
            ("code", _("Theo mã")),
            ("-code", _("Theo mã (giảm dần)")),
        ],
    )

    def __init__(self, data, *, user):
        super().__init__(data)
        self.fields["organization"].queryset = visible_organizations(user)

    def filter(self, qs: QuerySet[Member]) -> QuerySet[Member]:
        """The members matching the filters; an invalid one (say, a forged organisation)
        is left out of cleaned_data and so ignored, while the others still apply."""
        self.is_valid()
        data = self.cleaned_data
        qs = selectors.search(qs, data.get("q", ""))
        org = data.get("organization")
        if org is not None:
            qs = (
                qs.filter(organization=org)
                if data.get("direct")
                else qs.filter(organization__path__startswith=org.path)
            )
        active = data.get("active", "")
        if active != "all":
            qs = qs.filter(active=active != "no")
        ethnicity = data.get("ethnicity")
        if ethnicity == MINORITY:
            qs = qs.exclude(ethnicity=KINH)
        elif ethnicity:
            qs = qs.filter(ethnicity=ethnicity)
        for name in ("status", "gender", "political_theory"):
            if data.get(name):
                qs = qs.filter(**{name: data[name]})
        return qs.order_by(*SORTS[data.get("sort") or "name"])


MEMBER_FIELDS = [
    "code",
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "birth_date",
    "birth_year_only",
    "ethnicity",
    "religion",
    "hometown",
    "citizen_id",
    "admitted_on",
    "full_member_on",
    "status",
    "general_education",
    "education",
    "political_theory",
]


DATE_FIELDS = ["birth_date", "admitted_on", "full_member_on"]


def member_organizations(user) -> QuerySet[Organization]:
    """Where a member may belong: the grassroots organisations and cells of the subtree
    (as in the Excel import); chosen by type-ahead, never a list of thousands."""
    return visible_organizations(user).filter(level__in=[Level.GRASSROOTS, Level.CELL])


class MemberForm(VersionedFormMixin, forms.ModelForm):
    """Create or edit a member. Saving goes through the audited services, never `save()`.

    On edit the organisation is not a field at all: moving a member is a transfer,
    so a forged `organization` in the POST is simply ignored.
    """

    class Meta:
        model = Member
        fields = ["organization", *MEMBER_FIELDS]
        widgets = {
            "birth_date": DateInput(),
            "admitted_on": DateInput(),
            "full_member_on": DateInput(),
        }

    def __init__(self, data=None, *, user, member: Member | None = None):
        # Validate against a copy, so the member the service records as "before" is untouched.
        super().__init__(data, instance=copy.copy(member) if member else None)
        self.member = member
        if member:
            self.add_version_field(member_version(member))
        for name in DATE_FIELDS:
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        if member:
            del self.fields["organization"]
        else:
            self.fields["organization"] = organization_field(
                label=self.fields["organization"].label,
                params={"level": "grassroots,cell"},
            )
            self.fields["organization"].queryset = member_organizations(user)
        # Focus starts in the first field, so the clerk can type at once.
        next(iter(self.fields.values())).widget.attrs["autofocus"] = True

    def clean(self):
        cleaned = super().clean()
        values, errors = external_validation(cleaned)
        for error in errors:
            if error.field in self.fields and error.field not in self.errors:
                self.add_error(error.field, ValidationError(error.message, code=error.code))
        # Take the shared rules' normalised values (a year-only birth date becomes
        # 1 January, names in NFC), so the form stores what an import would.
        for field in MEMBER_FIELDS:
            if field in cleaned and values.get(field) is not None:
                cleaned[field] = values[field]
        return cleaned

    def member_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in MEMBER_FIELDS}

    def changes(self) -> dict:
        """The fields the user actually changed, for `update_member`."""
        return {f: v for f, v in self.member_data().items() if v != getattr(self.member, f)}

    def add_service_error(self, error: ValidationError) -> None:
        """Place a service's ValidationError next to its fields, the rest on top."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)


def external_validation(cleaned: dict) -> tuple[dict, list]:
    """The registry's own checks (people.validation), shared with the Excel import,
    when that module is present; the model's checks run in any case."""
    try:
        from daihoi.people.validation import validate_member
    except ImportError:
        return {}, []
    return validate_member(dict(cleaned))


MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))
    only_valid = forms.BooleanField(
        label=_("chỉ nhập các dòng hợp lệ"),
        required=False,
        help_text=_(
            "Khi không chọn, chỉ một dòng sai là không dòng nào được nhập. Khi chọn, các dòng "
            "hợp lệ được nhập, các dòng sai được trả lại trong một tệp Excel để sửa."
        ),
    )

    mapping = forms.ModelChoiceField(
        label=_("Tên cột theo"),
        queryset=ColumnMapping.objects.all(),
        required=False,
        empty_label=_("mẫu của hệ thống"),
        help_text=_("Một ánh xạ cột đã lưu, khi tệp lấy từ hệ thống khác (daihoi column_mapping)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Chỉ nhận tệp Excel dạng .xlsx."), code="extension")
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Tệp quá lớn (tối đa 50 MB)."), code="size")
        # An .xlsx is a zip archive: anything else is refused before the import starts.
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise ValidationError(_("Tệp này không phải là tệp Excel .xlsx hợp lệ."), code="format")
        return upload
