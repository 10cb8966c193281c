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

    class Meta:
        ordering = ["path"]
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
