"""Scans of ballot boxes: the uploaded pages, what the reader saw, and what people decided.

A ``ScanBatch`` is one scanner run over the ballots of one ballot box
(``elections.BallotBatch``). Each sheet becomes a ``ScannedPage``: a page the
reader accepted keeps its aligned image and the reading of every row; a page it
rejected (another election, blank, unreadable, double feed) keeps only its
reason, never an image or a ballot. People decide the rows the reader was
unsure of (``Adjudication``); finalising turns the accepted pages into an
``elections.BatchEntry`` with ``source="scan"``, the same ballot store as
keyboard entry.

Secrecy: nothing here links to a voter. A page is known by its place in the
scan (the order of the sheets in the feeder, as a keyboard entry knows its
ballots by their order); the only timestamps are on the scan itself.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScanStatus(models.TextChoices):
    QUEUED = "queued", _("Chờ đọc")
    PROCESSING = "processing", _("Đang đọc")
    NEEDS_REVIEW = "needs_review", _("Cần người quyết định")
    READY = "ready", _("Sẵn sàng hoàn tất")
    DONE = "done", _("Đã hoàn tất")
    FAILED = "failed", _("Lỗi tệp")
    DISCARDED = "discarded", _("Đã hủy")


# Scans that still hold pages a person may decide on or finalise.
OPEN_STATUSES = (
    ScanStatus.QUEUED,
    ScanStatus.PROCESSING,
    ScanStatus.NEEDS_REVIEW,
    ScanStatus.READY,
)


class ScanBatch(models.Model):
    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="scans"
    )
    round = models.PositiveSmallIntegerField(_("lần bầu"))
    batch = models.ForeignKey(
        "elections.BallotBatch", on_delete=models.PROTECT, related_name="scans"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=16, choices=ScanStatus.choices, default=ScanStatus.QUEUED)
    form = models.CharField(max_length=8)  # rules.ballots.Form: "struck" or "marks"
    payload = models.CharField(max_length=120)  # the code every page of this ballot carries
    page_size = models.CharField(max_length=4, default="A4")  # the size tried first
    pages_total = models.PositiveIntegerField(default=0)
    pages_done = models.PositiveIntegerField(default=0)
    files = models.JSONField(default=list)  # names of the uploaded files, in order
    error = models.TextField(blank=True)  # why the last reading failed (corrupt file)
    entry = models.OneToOneField(
        "elections.BatchEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scan",
    )
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("lần quét phiếu")
        verbose_name_plural = _("lần quét phiếu")

    def __str__(self) -> str:
        return f"{self.batch} / quét #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PageStatus(models.TextChoices):
    """The reader's statuses (omr.types.PageStatus), plus a ballot a person typed in."""

    OK = "ok", _("Đọc được")
    BLANK = "blank", _("Trang trắng")
    WRONG_BALLOT = "wrong_ballot", _("Phiếu của cuộc bầu khác")
    NO_CODE = "no_code", _("Không đọc được mã phiếu")
    UNREADABLE = "unreadable", _("Không nhận ra phiếu")
    DOUBLE_FEED = "double_feed", _("Hai tờ dính nhau")
    TYPED = "typed", _("Nhập tay (phiếu không quét được)")


BALLOT_STATUSES = (PageStatus.OK, PageStatus.TYPED)


class ScannedPage(models.Model):
    scan = models.ForeignKey(ScanBatch, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()  # 1-based, over all files of the scan
    file_name = models.CharField(max_length=200, blank=True)
    file_page = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=16, choices=PageStatus.choices)
    message = models.CharField(max_length=300, blank=True)
    payload = models.CharField(max_length=120, blank=True)
    flags = models.JSONField(default=list)
    # Every row as read: [{"position", "mark", "confidence", "uncertain", "crop": [x, y, w, h],
    # "reason"}] ("reason": why a person must decide, omr.types.REASONS; absent on old scans).
    rows = models.JSONField(default=list)
    typed = models.JSONField(null=True, blank=True)  # TYPED pages: the ballot as typed
    image = models.BinaryField(null=True, blank=True)  # aligned page, grey JPEG; OK pages only
    dpi = models.PositiveSmallIntegerField(default=150)  # of `image`; the crops refer to it
    needs_review = models.BooleanField(default=False)
    ballot = models.OneToOneField(
        "elections.EnteredBallot",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scanned_page",
    )

    class Meta:
        ordering = ["scan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "number"], name="scanned_page_unique_number")
        ]
        indexes = [
            # The adjudication queue: pages of a scan that a person must look at.
            models.Index(fields=["scan", "needs_review"], name="scanned_page_review_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scan} trang {self.number}"

    @property
    def is_ballot(self) -> bool:
        return self.status in BALLOT_STATUSES


WHOLE_BALLOT = 0  # Adjudication.position for a decision on the whole ballot


class Adjudication(models.Model):
    """A person's decision on one row (position ≥ 1) or on the whole ballot (position 0).

    Row decisions hold a mark ("struck", "kept", "agree", …); whole-ballot decisions
    hold "ok" (count the ballot as read) or "invalid:<reason>" (a reason recorded by eye).
    Deciding again replaces the decision; the audit log keeps every one.
    """

    page = models.ForeignKey(ScannedPage, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField()
    machine = models.CharField(max_length=40)  # what the reader said
    decided = models.CharField(max_length=40)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["page", "position"]
        constraints = [
            models.UniqueConstraint(fields=["page", "position"], name="adjudication_unique_row")
        ]

    def __str__(self) -> str:
        return f"{self.page} / {self.position}: {self.decided}"
