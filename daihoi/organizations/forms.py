"""Forms of the restructuring pages. Every organisation choice is limited to what the user
may see (a forged id is an invalid choice), and each form hands its service the
keyword arguments it takes, through `arguments()`."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from daihoi.dates import DateInput, parse_date
from daihoi.typeahead import organization_field

from .models import ALLOWED_PARENT_LEVELS, Kind, Level, Organization
from .restructure import Decision, Part
from .selectors import visible_organizations

DATE = DateInput()
KIND_CHOICES = [("", _("Giữ như tổ chức cũ"))] + Kind.choices
MAX_PARTS = 8


def parse_day(value) -> dt.date | None:
    """?as_of=dd/mm/yyyy (or YYYY-MM-DD), or None (today) when absent or not a date."""
    return parse_date(value) if isinstance(value, str) else None


class OrgChoice(forms.ModelChoiceField):
    def label_from_instance(self, org: Organization) -> str:
        return f"{org.name} ({org.code})"


class OrgMultipleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, org: Organization) -> str:
        return f"{org.name} ({org.code})"


class ServiceErrorsMixin:
    def add_service_error(self, error: ValidationError) -> None:
        """Place a service's ValidationError next to its fields, the rest on top."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)


class DecisionForm(ServiceErrorsMixin, forms.Form):
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=60, help_text=_("Ví dụ: 1234-QĐ/TU")
    )
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    effective_on = forms.DateField(
        label=_("Ngày hiệu lực"),
        required=False,
        widget=DATE,
        help_text=_("Để trống nếu có hiệu lực từ ngày quyết định."),
    )
    issued_by = forms.CharField(
        label=_("Cơ quan quyết định"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: Ban Thường vụ Tỉnh ủy"),
    )

    def __init__(self, *args, anchor: Organization, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.anchor, self.user = anchor, user
        self.setup()
        # Decision fields last: the form reads top-down as "what, then on which decision".
        for name in list(DecisionForm.base_fields):
            self.fields[name] = self.fields.pop(name)

    def setup(self) -> None:
        pass

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(
            number=data["decision_number"].strip(),
            date=data["decision_date"],
            effective_on=data.get("effective_on"),
            issued_by=data.get("issued_by", ""),
        )

    def children(self):
        return self.anchor.children.filter(active=True).order_by("name")


class MergeForm(DecisionForm):
    sources = OrgMultipleChoice(
        label=_("Các tổ chức hợp nhất"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    code = forms.CharField(label=_("Mã tổ chức mới"), max_length=32)
    name = forms.CharField(label=_("Tên tổ chức mới"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại hình"), choices=KIND_CHOICES, required=False)

    def setup(self):
        self.fields["sources"].queryset = self.children()

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "sources": list(data["sources"]),
            "code": data["code"],
            "name": data["name"],
            "kind": data["kind"] or None,
            "parent": self.anchor,
            "decision": self.decision(),
        }


class AbsorbForm(DecisionForm):
    sources = OrgMultipleChoice(
        label=_("Các tổ chức sáp nhập"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    target = OrgChoice(label=_("Sáp nhập vào"), queryset=Organization.objects.none())

    def setup(self):
        self.fields["sources"].queryset = self.children()
        self.fields["target"].queryset = self.children()

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "sources": list(data["sources"]),
            "into": data["target"],
            "decision": self.decision(),
        }


class MoveForm(DecisionForm):
    # Type-aheads: a province offers hundreds of possible parents or receivers.
    new_parent = organization_field(
        label=_("Trực thuộc tổ chức"), queryset=Organization.objects.none()
    )

    def setup(self):
        levels = ALLOWED_PARENT_LEVELS[Level(self.anchor.level)]
        self.fields["new_parent"].widget.params = {"level": ",".join(str(v) for v in levels)}
        self.fields["new_parent"].queryset = (
            visible_organizations(self.user)
            .filter(active=True, level__in=levels)
            .exclude(path__startswith=self.anchor.path)
            .exclude(pk=self.anchor.parent_id)
            .order_by("path")
        )

    def arguments(self) -> dict:
        return {"new_parent": self.cleaned_data["new_parent"], "decision": self.decision()}


class RenameForm(DecisionForm):
    name = forms.CharField(label=_("Tên mới"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại hình"), choices=KIND_CHOICES, required=False)

    def setup(self):
        self.fields["name"].initial = self.anchor.name

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "kind": data["kind"] or None, "decision": self.decision()}


class DissolveForm(DecisionForm):
    receiver = organization_field(
        label=_("Tổ chức tiếp nhận"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Nhận các tổ chức trực thuộc và đảng viên còn lại."),
    )

    def setup(self):
        self.fields["receiver"].widget.params = {"level": self.anchor.level}
        self.fields["receiver"].queryset = (
            visible_organizations(self.user)
            .filter(active=True, level=self.anchor.level)
            .exclude(path__startswith=self.anchor.path)
            .order_by("path")
        )

    def arguments(self) -> dict:
        return {"receiver": self.cleaned_data["receiver"], "decision": self.decision()}


class SplitForm(DecisionForm):
    """Parts 1..n (new units), then one choice per child unit and per direct member."""

    def __init__(self, *args, parts: int = 2, **kwargs):
        self.part_count = max(2, min(MAX_PARTS, parts))
        super().__init__(*args, **kwargs)

    def setup(self):
        from daihoi.people.models import Member

        for i in range(1, self.part_count + 1):
            for key, label, size in (
                ("code", _("Mã tổ chức mới %(i)d"), 32),
                ("name", _("Tên tổ chức mới %(i)d"), 200),
            ):
                label = label % {"i": i}
                self.fields[f"part_{i}_{key}"] = forms.CharField(
                    label=label,
                    max_length=size,
                    widget=forms.TextInput(attrs={"aria-label": label}),
                )
        choices = [(str(i), str(i)) for i in range(1, self.part_count + 1)]
        self.child_rows = list(self.children())
        for child in self.child_rows:
            self.fields[f"child_{child.pk}"] = forms.ChoiceField(label=child.name, choices=choices)
        self.member_rows = list(
            Member.objects.filter(organization=self.anchor, active=True).order_by(
                "given_name", "family_name", "middle_name"
            )
        )
        for member in self.member_rows:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=f"{member.full_name} ({member.code})", choices=choices
            )

    def part_fields(self):
        return [
            (self[f"part_{i}_code"], self[f"part_{i}_name"]) for i in range(1, self.part_count + 1)
        ]

    def assignment_fields(self):
        return [self[f"child_{c.pk}"] for c in self.child_rows] + [
            self[f"member_{m.pk}"] for m in self.member_rows
        ]

    def arguments(self) -> dict:
        data = self.cleaned_data
        parts = [
            Part(data[f"part_{i}_code"], data[f"part_{i}_name"])
            for i in range(1, self.part_count + 1)
        ]
        return {
            "parts": parts,
            "children": {c.pk: int(data[f"child_{c.pk}"]) - 1 for c in self.child_rows},
            "members": {m.pk: int(data[f"member_{m.pk}"]) - 1 for m in self.member_rows},
            "decision": self.decision(),
        }


class PlanUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp phương án (.xlsx)"))
