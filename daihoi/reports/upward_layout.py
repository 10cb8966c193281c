"""The layout of the upward report: which figures, in which order, under which headings.

Hướng dẫn 11-HD/BTCTW (13/12/2021) holds the commission's basic statistical
forms, but no column list of a form for congress results could be found to
check against; this layout is therefore ours, named "Biểu TK-ĐH-01 (daihoi)",
and documented in README.md ("Upward report"). It follows the figures of the
central organisation commission's summaries of the 2020 congresses (DOMAIN.md,
"What is reported upward"). The page, the workbook, the PDF and the API all
read this one list, so they cannot drift apart.
"""

from django.utils.translation import gettext_lazy as _

FORM_NAME = "Biểu TK-ĐH-01 (daihoi)"

# (section, [(figure key, label)]); a key is a Group figure, except "average_age".
SECTIONS = [
    (
        _("Đại hội"),
        [
            ("congresses_total", _("Tổng số đại hội")),
            ("congresses_held", _("Đại hội đã tổ chức")),
            ("committees_approved", _("Cấp ủy đã chuẩn y")),
            ("committees_waiting", _("Cấp ủy chờ chuẩn y")),
        ],
    ),
    (
        _("Cấp ủy viên được bầu"),
        [
            ("elected", _("Cấp ủy viên được bầu")),
            ("elected_approved", _("Cấp ủy viên đã chuẩn y")),
            ("elected_waiting", _("Cấp ủy viên chờ chuẩn y")),
            ("re_elected", _("Tái cử")),
            ("first_time", _("Lần đầu")),
            ("women", _("Nữ")),
            ("under_40", _("Dưới 40 tuổi")),
            ("ethnic_minority", _("Dân tộc thiểu số")),
            ("average_age", _("Tuổi bình quân")),
            ("no_registry_record", _("Chưa có hồ sơ đảng viên")),
        ],
    ),
    (
        _("Trình độ của cấp ủy viên"),
        [
            ("degree_doctor", _("Tiến sĩ")),
            ("degree_master", _("Thạc sĩ")),
            ("degree_university", _("Đại học")),
            ("degree_below_university", _("Dưới đại học")),
            ("theory_advanced", _("LLCT cao cấp, cử nhân")),
            ("theory_intermediate", _("LLCT trung cấp")),
            ("theory_elementary_or_none", _("LLCT sơ cấp, chưa qua đào tạo")),
        ],
    ),
    (
        _("Bầu cử"),
        [
            ("seats_unfilled", _("Số cấp ủy còn thiếu so với số lượng bầu")),
            ("re_election_not_elected", _("Tái cử nhưng không trúng cử")),
            ("surplus", _("Số dư trong danh sách bầu")),
        ],
    ),
    (
        _("Bí thư"),
        [
            ("secretaries", _("Bí thư được bầu")),
            ("secretaries_re_elected", _("Bí thư tái cử")),
            ("secretaries_not_local", _("Bí thư không là người địa phương")),
            ("secretaries_direct", _("Bí thư do đại hội bầu trực tiếp")),
        ],
    ),
    (
        _("Đại biểu dự đại hội cấp trên"),
        [
            ("delegates", _("Đại biểu chính thức")),
            ("delegate_alternates", _("Đại biểu dự khuyết")),
        ],
    ),
]

FIGURES = [key for _section, figures in SECTIONS for key, _label in figures]
LABELS = {key: label for _section, figures in SECTIONS for key, label in figures}
COUNTED = [key for key in FIGURES if key != "average_age"]


def value(group, key: str):
    """The number a cell shows: a count, or the average age (a Decimal, or None)."""
    return group.average_age if key == "average_age" else group.count(key)


# The figures the subordinate organisations' table shows on the page and in the PDF
# (the workbook carries all of them), with the short headings that table uses.
CHILD_FIGURES = [
    ("congresses_total", _("Đại hội")),
    ("congresses_held", _("Đã tổ chức")),
    ("elected", _("Cấp ủy viên")),
    ("elected_approved", _("Đã chuẩn y")),
    ("elected_waiting", _("Chờ chuẩn y")),
    ("women", _("Nữ")),
    ("under_40", _("Dưới 40")),
    ("ethnic_minority", _("Dân tộc thiểu số")),
    ("delegates", _("Đại biểu cấp trên")),
]
