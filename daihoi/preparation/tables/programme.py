"""The congress programme: sessions and agenda items; pilot lessons."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    PREPARATORY = "preparatory", _("Phiên trù bị")
    OFFICIAL = "official", _("Phiên chính thức")


class Session(models.Model):
    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.CASCADE, related_name="programme_sessions"
    )
    kind = models.CharField(_("phiên"), max_length=12, choices=SessionKind.choices)
    title = models.CharField(_("tên phiên"), max_length=200)
    day = models.DateField(_("ngày"))
    starts_at = models.TimeField(_("bắt đầu"))
    venue = models.CharField(_("địa điểm"), max_length=200, blank=True)

    class Meta:
        ordering = ["congress", "day", "starts_at", "id"]

    def __str__(self) -> str:
        return self.title


class Decision(models.TextChoices):
    """What the congress decides by show of hands (QĐ 190-QĐ/TW 2024, Điều 3, 4 and 8.1)."""

    NONE = "", _("—")
    PRESIDIUM = "presidium", _("Bầu Đoàn Chủ tịch")
    SECRETARIAT = "secretariat", _("Bầu Đoàn Thư ký")
    CREDENTIALS = "credentials", _("Bầu Ban Thẩm tra tư cách đại biểu")
    AGENDA = "agenda", _("Thông qua chương trình đại hội")
    WORKING_RULES = "working_rules", _("Thông qua quy chế làm việc")
    COUNTING = "counting", _("Bầu Ban Kiểm phiếu")
    COMMITTEE_SIZE = "committee_size", _("Số lượng cấp ủy khóa mới")
    ELECTION_LIST = "election_list", _("Thông qua danh sách bầu cử")
    CREDENTIALS_REPORT = "credentials_report", _("Thông qua báo cáo thẩm tra tư cách đại biểu")
    RESOLUTION = "resolution", _("Thông qua nghị quyết đại hội")
    OTHER = "other", _("Biểu quyết khác")


class AgendaItem(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    starts_at = models.TimeField(_("giờ"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(_("thời lượng (phút)"), null=True, blank=True)
    title = models.CharField(_("nội dung"), max_length=300)
    speaker = models.CharField(_("người trình bày"), max_length=200, blank=True)
    draft = models.ForeignKey(
        "preparation.Draft",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        verbose_name=_("tài liệu"),
    )
    decision = models.CharField(
        _("biểu quyết"), max_length=20, choices=Decision.choices, default="", blank=True
    )
    vote = models.OneToOneField(
        "elections.ShowOfHands",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_item",
    )

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="prep_item_position")
        ]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    """What a pilot congress taught (bài học kinh nghiệm), published to those who come later."""

    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.PROTECT, related_name="pilot_lessons"
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    worked_well = models.TextField(_("những việc làm tốt"))
    to_change = models.TextField(_("những việc cần điều chỉnh, rút kinh nghiệm"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    scope = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("phổ biến trong"),
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-recorded_at"]

    def __str__(self) -> str:
        return self.title
