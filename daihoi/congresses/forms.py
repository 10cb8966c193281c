"""Forms of the congress pages: the congress itself, attendance, counting teams."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daihoi.dates import DateInput
from daihoi.organizations.models import Organization
from daihoi.rules.sittings import attendance_problems
from daihoi.typeahead import organization_field

from .models import BaseSource, Congress, CongressKind, RulesVersion
from .services import EXCLUSIONS_BY_KIND, ROSTER_FIELDS
from .terms import term_names

# The attendance figures that make the base, per kind of congress (DOMAIN "Who is elected").
ATTENDANCE_BY_KIND = {
    CongressKind.MEMBERS: [
        "summoned",
        "present",
        "excluded_attached_elsewhere",
        "excluded_exempt_absent",
        "excluded_suspended",
        "excluded_absent_with_reason",
    ],
    CongressKind.DELEGATES: [
        "summoned",
        "present",
        "excluded_committee_absent",
        "excluded_delegates_absent_no_alternate",
    ],
}


class CongressForm(forms.ModelForm):
    organization = organization_field(label=_("Tổ chức đảng"))
    rerun_reason = forms.CharField(
        label=_("Lý do tổ chức lại"),
        required=False,
        max_length=300,
        help_text=_("Chỉ khi tổ chức đảng đã có đại hội trong nhiệm kỳ này (đại hội tổ chức lại)."),
    )

    class Meta:
        model = Congress
        fields = [
            "organization",
            "name",
            "kind",
            "term",
            "number",
            "rules_version",
            "pilot",
            "secretary_elected_directly",
            "starts_on",
            "ends_on",
            "venue",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        names = term_names()
        if names:  # the register's terms; the service checks the one chosen fits the level
            self.fields["term"] = forms.ChoiceField(
                label=self.fields["term"].label,
                choices=[(n, n) for n in names],
                initial="2025-2030" if "2025-2030" in names else names[0],
            )
        rules = self.fields["rules_version"]
        rules.required = False
        rules.choices = [("", _("Theo nhiệm kỳ"))] + list(RulesVersion.choices)
        rules.initial = ""

    def _post_clean(self):
        """The service validates the congress (its term against the register, its rules)."""

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organization")
        data["rules_version"] = data.get("rules_version") or None
        return data


class AttendanceForm(forms.Form):
    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.congress = congress
        for name in ATTENDANCE_BY_KIND[CongressKind(congress.kind)]:
            field = Congress._meta.get_field(name)
            self.fields[name] = forms.IntegerField(
                label=field.verbose_name.capitalize(),
                min_value=0,
                initial=getattr(congress, name),
                # From the roster, check-in writes these; the page says how to switch back.
                disabled=congress.base_source == BaseSource.ROSTER and name in ROSTER_FIELDS,
            )

    def clean(self):
        """The service's own check (rules.sittings.attendance_problems), shown on the field."""
        data = super().clean()
        if self.errors:
            return data
        exclusions = {f: data[f] for f in EXCLUSIONS_BY_KIND[CongressKind(self.congress.kind)]}
        for p in attendance_problems(data["summoned"], data["present"], exclusions):
            self.add_error(p.field, f"{p.message} {p.fix}")
        return data


def team_user_choices(congress: Congress):
    """Users of the congress's organisation, its subtree, and the organisations above it."""
    org = congress.organization
    above = Organization.objects.filter(pk__in=org.ancestor_ids)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(organization__path__startswith=org.path) | Q(organization__in=above))
        .order_by("last_name", "first_name", "username")
    )


def user_label(user) -> str:
    """Vietnamese order: family and middle names (last_name) before the given name."""
    full = f"{user.last_name} {user.first_name}".strip()
    return f"{full} ({user.username})" if full else user.username


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user_label(user)


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return user_label(user)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Tên tổ"), max_length=100)
    leader = UserChoiceField(label=_("Tổ trưởng"), queryset=None)
    members = UserMultipleChoiceField(
        label=_("Thành viên nhập phiếu"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Mỗi hòm phiếu được nhập độc lập bởi ít nhất hai người khác nhau."),
    )

    def __init__(self, *args, congress: Congress, **kwargs):
        super().__init__(*args, **kwargs)
        users = team_user_choices(congress)
        self.fields["leader"].queryset = users
        self.fields["members"].queryset = users
