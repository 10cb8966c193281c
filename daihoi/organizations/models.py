"""The party organisation tree.

Subtrees are found with a materialised path: each organisation stores `path`, the
chain of its ancestors' ids and its own, each zero-padded to 7 digits and
followed by a dot ("0000001.0000012.0000345."). "Everything under X" is then one
indexed prefix scan (`path LIKE 'X.path%'`) on SQLite and PostgreSQL alike, and a
member count by subtree is a single JOIN + COUNT in SQL. We chose it over
adjacency lists with recursive CTEs (one query per depth, or non-portable SQL)
and over nested sets (every insert rewrites half the table): the tree is read
thousands of times for each change, it is at most four levels deep, and a move
rewrites only the moved subtree's paths.
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

PATH_SEGMENT_WIDTH = 7


class Level(models.TextChoices):
    PROVINCE = "province", _("Đảng bộ tỉnh")
    DISTRICT = "district", _("Cấp trên cơ sở")
    GRASSROOTS = "grassroots", _("Cơ sở")
    CELL = "cell", _("Chi bộ trực thuộc")


LEVEL_ORDER = [Level.PROVINCE, Level.DISTRICT, Level.GRASSROOTS, Level.CELL]
# Which level may sit directly under which. A chi bộ cơ sở is a grassroots
# organisation with no cells; a grassroots organisation may also sit directly
# under the province (the 2025 two-level shape).
ALLOWED_PARENT_LEVELS = {
    Level.PROVINCE: set(),
    Level.DISTRICT: {Level.PROVINCE},
    Level.GRASSROOTS: {Level.PROVINCE, Level.DISTRICT},
    Level.CELL: {Level.GRASSROOTS},
}


class Kind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    RURAL_DISTRICT = "rural_district", _("Huyện")
    TOWN = "town", _("Thị xã")
    CITY = "city", _("Thành phố thuộc tỉnh")
    AGENCY_BLOC = "agency_bloc", _("Khối cơ quan")
    ENTERPRISE_BLOC = "enterprise_bloc", _("Khối doanh nghiệp")
    MILITARY = "military", _("Quân sự")
    POLICE = "police", _("Công an")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    TOWNSHIP = "township", _("Thị trấn")
    AGENCY = "agency", _("Cơ quan")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    VILLAGE = "village", _("Thôn, bản, ấp")
    RESIDENTIAL = "residential", _("Tổ dân phố, khu phố")
    SCHOOL = "school", _("Trường học")
    OTHER = "other", _("Khác")


class Organization(models.Model):
    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    kind = models.CharField(_("loại hình"), max_length=24, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("tổ chức cấp trên"),
    )
    path = models.CharField(max_length=255, editable=False, db_index=False)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)
    # The organisation's code in the central commission's national catalogue, beside
    # ours, so that a registry moves in and out of the national member database.
    national_code = models.CharField(_("mã danh mục toàn quốc"), max_length=32, blank=True)

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_code"],
                condition=~models.Q(national_code=""),
                name="org_national_code_unique",
            )
        ]
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        indexes = [
            # Subtree scans: path LIKE 'prefix%'. On PostgreSQL the migration adds a
            # varchar_pattern_ops index as well, since the default collation index
            # cannot serve LIKE.
            models.Index(fields=["path"], name="org_path_idx"),
            # Tree browser: children of a node, listed by name.
            models.Index(fields=["parent", "name"], name="org_parent_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(seg) for seg in self.path.split(".") if seg][:-1]

    def is_descendant_of(self, other: "Organization") -> bool:
        return self.path.startswith(other.path)


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}."


# The day the Party was founded: the start of history for an organisation whose
# founding date is unknown (its first version is taken to reach back that far).
HISTORY_START = dt.date(1930, 2, 3)


class Operation(models.TextChoices):
    CREATE = "create", _("Thành lập")
    MERGE = "merge", _("Hợp nhất")
    ABSORB = "absorb", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    MOVE = "move", _("Chuyển trực thuộc")
    RENAME = "rename", _("Đổi tên")
    DISSOLVE = "dissolve", _("Giải thể")


class Restructuring(models.Model):
    """One restructuring decision applied to the tree (hợp nhất, sáp nhập, chia tách…).

    Every organisation version and member assignment it opened points back to it,
    so the history says on which decision each change rests.
    """

    operation = models.CharField(_("hình thức"), max_length=10, choices=Operation.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    effective_on = models.DateField(_("ngày hiệu lực"))
    issued_by = models.CharField(_("cơ quan quyết định"), max_length=200, blank=True)
    # The lowest organisation above everything the decision touched: who may see it,
    # and where the before/after comparison is drawn.
    scope = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("phạm vi")
    )
    summary = models.CharField(_("tóm tắt"), max_length=500)
    figures = models.JSONField(_("số liệu"), default=dict)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("quyết định sắp xếp tổ chức")
        verbose_name_plural = _("quyết định sắp xếp tổ chức")
        indexes = [models.Index(fields=["scope", "effective_on"], name="restructuring_scope_idx")]

    def __str__(self) -> str:
        return f"{self.get_operation_display()} — {self.decision_number}"


class OrganizationVersion(models.Model):
    """An organisation's parent, path, name, level, kind and active state over [valid_from, valid_to).

    `valid_to` is exclusive and NULL while the version is open (the current state,
    which always equals the Organization row itself). A past-date tree reads these
    rows: the versions valid on that day carry that day's paths, so "everything
    under X on day D" is the same prefix scan as today's, on this table.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="versions"
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến trước ngày"), null=True, blank=True)
    parent = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    path = models.CharField(max_length=255)
    depth = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    kind = models.CharField(_("loại hình"), max_length=24, choices=Kind.choices)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    restructuring = models.ForeignKey(
        Restructuring, null=True, blank=True, on_delete=models.PROTECT, related_name="versions"
    )

    class Meta:
        ordering = ["valid_from", "id"]
        verbose_name = _("lịch sử tổ chức")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="orgversion_dates_ordered",
            )
        ]
        indexes = [
            # The history of one organisation, and the join from a member's assignment
            # to the version of its organisation on a day.
            models.Index(fields=["organization", "valid_from"], name="orgversion_org_idx"),
            # Past-date subtree scans (path LIKE 'prefix%' among the versions of a day);
            # PostgreSQL gets a varchar_pattern_ops twin in the migration.
            models.Index(fields=["path", "valid_from"], name="orgversion_path_idx"),
            # Children of a node on a day.
            models.Index(fields=["parent", "valid_from"], name="orgversion_parent_idx"),
            # The open version of each organisation, which every change closes.
            models.Index(
                fields=["organization"],
                condition=models.Q(valid_to__isnull=True),
                name="orgversion_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y}–{self.valid_to or ''})"

    def as_organization(self) -> Organization:
        """The organisation as it stood during this version (unsaved; for reading only)."""
        org = self.organization
        return Organization(
            id=self.organization_id,
            code=org.code,
            name=self.name,
            level=self.level,
            kind=self.kind,
            parent_id=self.parent_id,
            path=self.path,
            depth=self.depth,
            active=self.active,
            founded_on=org.founded_on,
            dissolved_on=org.dissolved_on if not self.active else None,
        )
