"""Complaints and denunciations (đơn thư khiếu nại, tố cáo) about a member."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    PETITION = "petition", _("Kiến nghị, phản ánh")


class LetterStatus(models.TextChoices):
    RECEIVED = "received", _("Mới nhận")
    VERIFYING = "verifying", _("Đang xác minh")
    RESOLVED = "resolved", _("Đã giải quyết")
    NOT_CONSIDERED = "not_considered", _("Không xem xét (lưu)")


class Finding(models.TextChoices):
    UNKNOWN = "", _("Chưa kết luận")
    TRUE = "true", _("Đúng")
    PARTLY = "partly", _("Đúng một phần")
    FALSE = "false", _("Không đúng")


CLOSED = (LetterStatus.RESOLVED, LetterStatus.NOT_CONSIDERED)


class Complaint(models.Model):
    member = models.ForeignKey(
        "people.Member",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("người bị khiếu nại, tố cáo"),
    )
    congress = models.ForeignKey(
        "congresses.Congress",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
        verbose_name=_("liên quan đại hội"),
    )
    received_on = models.DateField(_("ngày nhận"))
    anonymous = models.BooleanField(_("nặc danh, mạo danh"), default=False)
    sender = models.CharField(_("người gửi"), max_length=200, blank=True)
    kind = models.CharField(_("loại đơn"), max_length=16, choices=LetterKind.choices)
    summary = models.TextField(_("tóm tắt nội dung"))
    assigned_to = models.CharField(_("giao xử lý"), max_length=200, blank=True)
    deadline = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=LetterStatus.choices, default=LetterStatus.RECEIVED
    )
    finding = models.CharField(
        _("kết luận nội dung"), max_length=8, choices=Finding.choices, blank=True, default=""
    )
    conclusion = models.TextField(_("kết luận"), blank=True)
    resolved_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("đơn thư")
        verbose_name_plural = _("đơn thư")
        indexes = [
            # The checks load the letters of a plan's candidates: member IN (…).
            models.Index(fields=["member", "status"], name="complaint_member_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.member} ({self.received_on:%d/%m/%Y})"

    @property
    def resolved(self) -> bool:
        return self.status in CLOSED

    @property
    def substantiated(self) -> bool:
        return self.finding in (Finding.TRUE, Finding.PARTLY)
