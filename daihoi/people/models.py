"""Party members and cadres: the facts personnel rules need."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.textnorm import fold, nfc

from .ethnicities import ETHNICITIES


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class MemberStatus(models.TextChoices):
    FULL = "full", _("Chính thức")
    PROBATIONARY = "probationary", _("Dự bị")
    ATTACHED_TEMPORARILY = "attached_temporarily", _("Sinh hoạt tạm thời nơi khác")
    EXEMPTED = "exempted", _("Miễn sinh hoạt")
    SUSPENDED = "suspended", _("Đình chỉ sinh hoạt")


class PoliticalTheory(models.TextChoices):
    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp")
    BACHELOR = "bachelor", _("Cử nhân")


# Order used by standards: cao cấp and cử nhân are equivalent for a title's requirement.
THEORY_RANK = {"none": 0, "elementary": 1, "intermediate": 2, "advanced": 3, "bachelor": 3}


class Education(models.TextChoices):
    NONE = "none", _("Không có bằng chuyên môn")
    VOCATIONAL = "vocational", _("Sơ cấp, trung cấp nghề")
    COLLEGE = "college", _("Cao đẳng")
    UNIVERSITY = "university", _("Đại học")
    MASTER = "master", _("Thạc sĩ")
    DOCTOR = "doctor", _("Tiến sĩ")


class Member(models.Model):
    code = models.CharField(_("số thẻ / mã đảng viên"), max_length=32, unique=True)
    family_name = models.CharField(_("họ"), max_length=40)
    middle_name = models.CharField(_("tên đệm"), max_length=60, blank=True)
    given_name = models.CharField(_("tên"), max_length=40)
    full_name = models.CharField(_("họ và tên"), max_length=150, editable=False)
    search_name = models.CharField(max_length=150, editable=False)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    birth_year_only = models.BooleanField(
        _("chỉ biết năm sinh"),
        default=False,
        help_text=_("Khi chỉ biết năm sinh, ngày sinh được lấy là 01/01 của năm đó."),
    )
    ethnicity = models.CharField(_("dân tộc"), max_length=2, choices=ETHNICITIES, default="01")
    religion = models.CharField(_("tôn giáo"), max_length=60, blank=True)
    hometown = models.CharField(_("quê quán"), max_length=200, blank=True)
    citizen_id = models.CharField(_("số CCCD"), max_length=12, blank=True)
    # The central commission's member database identifies a member by the party card
    # number and the citizen ID (số định danh cá nhân); both are unique there.
    party_card_number = models.CharField(_("số thẻ đảng viên"), max_length=16, blank=True)
    admitted_on = models.DateField(_("ngày vào Đảng"))
    full_member_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=24, choices=MemberStatus.choices, default=MemberStatus.FULL
    )
    general_education = models.CharField(_("giáo dục phổ thông"), max_length=8, default="12/12")
    education = models.CharField(
        _("chuyên môn"), max_length=16, choices=Education.choices, default=Education.UNIVERSITY
    )
    political_theory = models.CharField(
        _("lý luận chính trị"),
        max_length=16,
        choices=PoliticalTheory.choices,
        default=PoliticalTheory.ELEMENTARY,
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("tổ chức đảng"),
    )
    active = models.BooleanField(_("còn sinh hoạt"), default=True)

    class Meta:
        ordering = ["given_name", "family_name", "middle_name"]
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        indexes = [
            # Member list of one organisation, and counts by subtree (JOIN on organization).
            models.Index(fields=["organization", "status"], name="member_org_status_idx"),
            # Accent-insensitive search ("nguyen van an") is a prefix/substring scan on this.
            models.Index(fields=["search_name"], name="member_search_idx"),
            # An import's check that no other member of the registry holds the same
            # citizen ID or party card number (registry_checks.held_elsewhere).
            models.Index(fields=["citizen_id"], name="member_citizen_id_idx"),
            models.Index(fields=["party_card_number"], name="member_party_card_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_derived_names()
        super().save(*args, **kwargs)

    def fill_derived_names(self) -> None:
        self.family_name = nfc(self.family_name)
        self.middle_name = nfc(self.middle_name)
        self.given_name = nfc(self.given_name)
        self.full_name = " ".join(
            p for p in (self.family_name, self.middle_name, self.given_name) if p
        )
        self.search_name = fold(self.full_name)


class Post(models.Model):
    """A position held (chức vụ), with dates; key titles are flagged for personnel rules."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(_("chức vụ"), max_length=120)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    key_post = models.BooleanField(_("chức danh chủ chốt"), default=False)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="post_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.member})"


class Planning(models.Model):
    """Being on the cadre plan (quy hoạch) for a future post in a term."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="plannings")
    title = models.CharField(_("chức danh quy hoạch"), max_length=120)
    term = models.CharField(_("nhiệm kỳ"), max_length=9, help_text="2025-2030")
    approved_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.member} → {self.title} ({self.term})"


class AssignmentKind(models.TextChoices):
    OFFICIAL = "official", _("Sinh hoạt chính thức")
    TEMPORARY = "temporary", _("Sinh hoạt tạm thời")


class Transfer(models.Model):
    """A member's move between organisations (chuyển sinh hoạt đảng), with its letter.

    Official: the member's organisation changes on `on`. Temporary: the member
    stays on the origin's roll and is attached to the destination from `on`
    until `ended_on`; `status_before` is the status restored when it ends.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField(_("hình thức"), max_length=10, choices=AssignmentKind.choices)
    origin = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nơi đi"),
    )
    destination = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nơi đến"),
    )
    on = models.DateField(_("ngày chuyển"))
    until = models.DateField(_("dự kiến đến ngày"), null=True, blank=True)
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    letter_number = models.CharField(_("số giấy giới thiệu"), max_length=60)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    status_before = models.CharField(max_length=24, choices=MemberStatus.choices, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("chuyển sinh hoạt đảng")
        verbose_name_plural = _("chuyển sinh hoạt đảng")
        indexes = [models.Index(fields=["member", "on"], name="transfer_member_idx")]

    def __str__(self) -> str:
        return f"{self.member}: {self.origin} → {self.destination} ({self.on:%d/%m/%Y})"


class MemberAssignment(models.Model):
    """Where a member belonged over [valid_from, valid_to): the history behind counts by date.

    One open official row per active member, always equal to Member.organization;
    temporary rows for attachments elsewhere. Rows are closed, never edited or deleted.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("hình thức"),
        max_length=10,
        choices=AssignmentKind.choices,
        default=AssignmentKind.OFFICIAL,
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến trước ngày"), null=True, blank=True)
    reference = models.CharField(_("căn cứ"), max_length=120, blank=True)
    transfer = models.ForeignKey(
        Transfer, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    restructuring = models.ForeignKey(
        "organizations.Restructuring",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )

    class Meta:
        ordering = ["valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="assignment_dates_ordered",
            )
        ]
        indexes = [
            # Counts on a day: the assignments of the organisations under a path.
            models.Index(fields=["organization", "valid_from"], name="assignment_org_idx"),
            # A member's timeline.
            models.Index(fields=["member", "valid_from"], name="assignment_member_idx"),
            # The open rows, which every move closes.
            models.Index(
                fields=["member", "kind"],
                condition=models.Q(valid_to__isnull=True),
                name="assignment_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.organization_id} ({self.valid_from}–{self.valid_to or ''})"


class ColumnMapping(models.Model):
    """A saved, named correspondence between a registry file's headers and our fields.

    `columns` is {"DangVien": {field: header}, "ToChuc": {field: header}}: for a field
    it names, the import reads the column under that header (besides the template's),
    and the export writes that header. A province moving its registry to or from the
    central commission's member database saves that database's headers once.
    """

    name = models.CharField(_("tên"), max_length=80, unique=True)
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    columns = models.JSONField(_("cột"), default=dict)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ánh xạ cột")
        verbose_name_plural = _("ánh xạ cột")

    def __str__(self) -> str:
        return self.name
