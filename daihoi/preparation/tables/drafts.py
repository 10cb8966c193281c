"""Congress documents (văn kiện): drafts, their versions and sections, comment rounds, comments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .files import draft_path


class DraftKind(models.TextChoices):
    POLITICAL_REPORT = "political_report", _("Báo cáo chính trị")
    COMMITTEE_REVIEW = "committee_review", _("Báo cáo kiểm điểm của cấp ủy")
    ACTION_PROGRAMME = "action_programme", _("Chương trình hành động")
    PERSONNEL_PLAN = "personnel_plan", _("Đề án nhân sự")
    OTHER = "other", _("Văn kiện khác")


class Draft(models.Model):
    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.PROTECT, related_name="drafts"
    )
    kind = models.CharField(_("loại văn kiện"), max_length=20, choices=DraftKind.choices)
    title = models.CharField(_("tên văn kiện"), max_length=250)
    body = models.ForeignKey(
        "preparation.Body",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drafts",
        verbose_name=_("tiểu ban chủ trì"),
    )
    # Shown to delegates in the portal (the personnel plan usually is not).
    for_delegates = models.BooleanField(_("phát cho đại biểu"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["congress", "kind", "id"]
        verbose_name = _("dự thảo văn kiện")

    def __str__(self) -> str:
        return self.title


class DraftVersion(models.Model):
    """One uploaded file of a draft. Versions are never replaced: a new upload is a new row."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("lần dự thảo"))
    file = models.FileField(upload_to=draft_path)
    filename = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["draft", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="prep_draft_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.draft} — dự thảo lần {self.number}"

    @property
    def extension(self) -> str:
        return self.filename.rsplit(".", 1)[-1].lower() if "." in self.filename else ""


class Section(models.Model):
    """A part of a draft that comments point to (Phần I, mục 2…)."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("phần, mục"), max_length=250)

    class Meta:
        ordering = ["draft", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "position"], name="prep_section_position")
        ]

    def __str__(self) -> str:
        return self.title


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã kết thúc, đang tổng hợp")
    FINAL = "final", _("Đã hoàn thành báo cáo tổng hợp")


class CommentRound(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="rounds")
    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("tên đợt lấy ý kiến"), max_length=250)
    deadline = models.DateTimeField(_("hạn góp ý"))
    to_lower_organizations = models.BooleanField(_("các tổ chức đảng trực thuộc"), default=True)
    to_members = models.BooleanField(_("đảng viên"), default=False)
    to_delegates = models.BooleanField(_("đại biểu dự đại hội"), default=False)
    to_public = models.BooleanField(_("nhân dân (công khai)"), default=False)
    status = models.CharField(max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("đợt lấy ý kiến")

    def __str__(self) -> str:
        return self.title


class Source(models.TextChoices):
    ORGANIZATION = "organization", _("Tổ chức đảng")
    MEMBER = "member", _("Đảng viên")
    DELEGATE = "delegate", _("Đại biểu")
    PUBLIC = "public", _("Nhân dân")


class Answer(models.TextChoices):
    PENDING = "pending", _("Chưa xử lý")
    ACCEPTED = "accepted", _("Tiếp thu")
    EXPLAINED = "explained", _("Giải trình")
    NOT_ACCEPTED = "not_accepted", _("Không tiếp thu")


class Comment(models.Model):
    round = models.ForeignKey(CommentRound, on_delete=models.PROTECT, related_name="comments")
    section = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("phần, mục"),
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    member = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    delegate = models.ForeignKey(
        "delegates.Delegate", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.CharField(_("người góp ý"), max_length=150)
    contact = models.CharField(_("địa chỉ liên hệ"), max_length=150, blank=True)
    text = models.TextField(_("nội dung góp ý"))
    created_at = models.DateTimeField(auto_now_add=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.CharField(max_length=12, choices=Answer.choices, default=Answer.PENDING)
    reply = models.TextField(_("ý kiến tiếp thu, giải trình"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["round", "section__position", "id"]
        indexes = [
            # The summary: comments of a round counted by answer.
            models.Index(fields=["round", "answer"], name="prep_comment_round_answer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"
