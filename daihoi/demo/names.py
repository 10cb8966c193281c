"""Vietnamese personal names for synthetic members.

The weights are rough national shares per hundred people (family names) or
impressions of how common a name is (middle and given names); they only need
to look right to a clerk reading a member list, not to match a census.
Minority groups have their own typical family names and, for the Mông and Dao,
their own middle and given names; Tày, Nùng, Thái and Mường members mostly
carry Kinh-style middle and given names, as in practice.
"""

import random

from .chance import Weighted

KINH = "01"
TAY = "02"
THAI = "03"
HOA = "04"
MUONG = "06"
NUNG = "07"
MONG = "08"
DAO = "09"

# Northern spellings (Hoàng, Vũ) dominate: the demo province lies in the north,
# where most of the minority groups below live; the southern Huỳnh and Võ stay rare.
KINH_FAMILY = Weighted(
    [
        ("Nguyễn", 38),
        ("Trần", 11),
        ("Lê", 9.5),
        ("Phạm", 7),
        ("Hoàng", 4.5),
        ("Huỳnh", 0.5),
        ("Phan", 4.5),
        ("Vũ", 3.5),
        ("Võ", 0.5),
        ("Đặng", 2.1),
        ("Bùi", 2),
        ("Đỗ", 1.4),
        ("Hồ", 1.3),
        ("Ngô", 1.3),
        ("Dương", 1),
        ("Lý", 0.5),
        ("Đinh", 1),
        ("Đào", 0.8),
        ("Trịnh", 0.8),
        ("Trương", 0.6),
        ("Đoàn", 0.5),
        ("Mai", 0.6),
        ("Cao", 0.6),
        ("Lương", 0.6),
        ("Hà", 0.6),
        ("Châu", 0.3),
        ("Tạ", 0.3),
        ("Lưu", 0.3),
        ("Chu", 0.3),
        ("Lại", 0.2),
        ("Phùng", 0.2),
        ("Kiều", 0.2),
        ("Tô", 0.2),
        ("Vương", 0.2),
        ("Lâm", 0.2),
        ("Thái", 0.2),
        ("Nghiêm", 0.1),
        ("Khúc", 0.1),
        ("Tống", 0.1),
        ("Quách", 0.1),
        ("Doãn", 0.1),
        ("Thân", 0.1),
        ("Mạc", 0.1),
        ("Hứa", 0.1),
        ("Từ", 0.2),
        ("Giang", 0.2),
        ("Lã", 0.2),
        ("Tăng", 0.2),
        ("Bạch", 0.1),
        ("Hàn", 0.1),
        ("Ông", 0.1),
    ]
)

# Middle names shift with the generations: "Văn" and "Thị" were near universal
# before the 1970s and are much less so among younger members.
MIDDLE_BORN_BEFORE = 1975
MALE_MIDDLE_OLDER = Weighted(
    [("Văn", 56), ("Đức", 7), ("Hữu", 5), ("Minh", 5), ("Đình", 4), ("Công", 4)]
    + [("Quang", 4), ("Xuân", 4), ("Ngọc", 3), ("Thanh", 3), ("Bá", 2), ("Quốc", 2)]
    + [("Trọng", 2), ("Tiến", 2), ("Khắc", 1), ("Mạnh", 1), ("Duy", 1), ("Kim", 1)]
)
MALE_MIDDLE_YOUNGER = Weighted(
    [("Văn", 26), ("Đức", 10), ("Minh", 10), ("Quang", 7), ("Hữu", 5), ("Công", 5)]
    + [("Quốc", 5), ("Tiến", 4), ("Duy", 4), ("Đình", 4), ("Thanh", 4), ("Trọng", 3)]
    + [("Mạnh", 3), ("Hoàng", 3), ("Anh", 3), ("Việt", 3), ("Xuân", 3), ("Ngọc", 3)]
    + [("Thành", 2), ("Tuấn", 2), ("Huy", 2), ("Bảo", 1), ("Gia", 1)]
)
FEMALE_MIDDLE_OLDER = Weighted(
    [("Thị", 80), ("Thu", 3), ("Ngọc", 3), ("Thanh", 3), ("Kim", 3), ("Minh", 2)]
    + [("Hồng", 2), ("Bích", 1), ("Phương", 1), ("Mai", 1), ("Hải", 1)]
)
FEMALE_MIDDLE_YOUNGER = Weighted(
    [("Thị", 45), ("Thu", 8), ("Ngọc", 8), ("Thanh", 7), ("Minh", 5), ("Phương", 5)]
    + [("Hoài", 3), ("Hải", 3), ("Kim", 3), ("Hồng", 3), ("Diệu", 2), ("Bảo", 2)]
    + [("Khánh", 2), ("Mai", 2), ("Lan", 2), ("Thùy", 2), ("Mỹ", 1), ("Quỳnh", 1)]
)


def _even(names: str) -> Weighted:
    return Weighted((name, 1) for name in names.split())


MALE_GIVEN = _even(
    "An Anh Bắc Bình Cảnh Chiến Chính Cường Dũng Dương Đại Đạt Định Đông Đức Giang"
    " Hà Hải Hào Hậu Hiển Hiếu Hòa Hoàn Hoàng Học Hùng Hưng Huy Khải Khang Khánh"
    " Khoa Kiên Lâm Lập Linh Lộc Lợi Long Luân Lực Mạnh Minh Nam Nghĩa Ngọc Nhân"
    " Phong Phú Phúc Phương Quân Quang Quý Sơn Tài Tâm Tân Thắng Thanh Thành Thịnh"
    " Thọ Thông Thuận Tiến Toàn Trí Trung Trường Tuấn Tùng Tú Văn Vinh Việt Vũ Xuân"
)
FEMALE_GIVEN = _even(
    "An Anh Bích Châm Chi Cúc Dung Duyên Đào Giang Hà Hạnh Hằng Hậu Hiền Hoa Hồng"
    " Huệ Hương Hường Huyền Lan Liên Liễu Linh Loan Lý Mai Miên Minh Nga Ngân Nguyệt"
    " Nhàn Nhung Oanh Phương Phượng Quyên Quỳnh Sen Tâm Thảo Thắm Thanh Thoa Thơm"
    " Thu Thủy Thúy Thư Trang Trinh Tuyết Uyên Vân Xuân Yến Hoài Hòa Lệ Ngọc"
)

# Typical family names of each group; a few Kinh names appear everywhere.
MINORITY_FAMILY = {
    TAY: Weighted(
        [("Hoàng", 20), ("Nông", 18), ("Lương", 8), ("Bế", 6), ("Hà", 6), ("Đàm", 5)]
        + [("Ma", 5), ("Nguyễn", 5), ("Lục", 4), ("Triệu", 4), ("Lý", 4), ("Ninh", 3)]
        + [("Chu", 3), ("Hứa", 3), ("Lâm", 3), ("Mông", 3)]
    ),
    NUNG: Weighted(
        [("Hoàng", 18), ("Nông", 15), ("Lý", 8), ("Lương", 6), ("Vi", 6), ("Mã", 5)]
        + [("Lăng", 5), ("Chu", 5), ("Hứa", 4), ("Lục", 4), ("Dương", 4), ("Triệu", 4)]
        + [("Sầm", 3), ("Nguyễn", 4)]
    ),
    THAI: Weighted(
        [("Lò", 18), ("Lường", 14), ("Cầm", 10), ("Quàng", 8), ("Hà", 8), ("Tòng", 6)]
        + [("Vì", 5), ("Điêu", 5), ("Lự", 4), ("Bạc", 4), ("Sầm", 4), ("Lộc", 3)]
        + [("Mè", 2), ("Lê", 2)]
    ),
    MUONG: Weighted(
        [("Bùi", 30), ("Đinh", 22), ("Quách", 10), ("Hà", 8), ("Bạch", 6), ("Cao", 5)]
        + [("Xa", 4), ("Nguyễn", 5), ("Lê", 5), ("Trương", 3)]
    ),
    MONG: Weighted(
        [("Giàng", 16), ("Vàng", 14), ("Sùng", 12), ("Thào", 12), ("Lý", 8), ("Mùa", 6)]
        + [("Hờ", 5), ("Lầu", 5), ("Vừ", 5), ("Ly", 4), ("Sình", 4), ("Hạng", 3)]
        + [("Tráng", 3), ("Cứ", 3)]
    ),
    DAO: Weighted(
        [("Triệu", 25), ("Bàn", 22), ("Đặng", 12), ("Lý", 10), ("Chảo", 8), ("Phùng", 6)]
        + [("Tẩn", 6), ("Lò", 3), ("Hoàng", 3), ("Chìu", 3), ("Sần", 2)]
    ),
    HOA: Weighted(
        [("Lý", 15), ("Trương", 12), ("Hoàng", 10), ("Lâm", 10), ("Lưu", 8), ("Quan", 6)]
        + [("Tăng", 6), ("Diệp", 5), ("Mạc", 5), ("Châu", 5), ("Trần", 10), ("Vương", 8)]
    ),
}

# Mông and Dao names follow their own patterns (Giàng A Páo, Triệu Tài Vần).
OWN_NAMES = {
    MONG: {
        "male_middle": Weighted([("A", 40), ("Seo", 20), ("Mí", 15), ("Chứ", 10), ("Văn", 15)]),
        "female_middle": Weighted([("Thị", 92), ("Mỷ", 4), ("Sua", 4)]),
        "male_given": _even(
            "Páo Chứ Lử Dính Sính Pó Chớ Tủa Dế Sử Lồng Mua Súa Dìa Giống Của Chơ Phử Sáy Vảng"
        ),
        "female_given": _even("Mỷ Dở Sua Máy Xúa Cở Pà Dua Mai Chá Say Dung Lan Ly Chi Sông"),
    },
    DAO: {
        "male_middle": Weighted([("Văn", 40), ("Tài", 15), ("Láo", 15), ("Kim", 10), ("Phù", 10)]),
        "female_middle": Weighted([("Thị", 76), ("Mùi", 12), ("Mẩy", 12)]),
        "male_given": _even("Sinh Vần Sử Lở Chàn Phin Quẩy Tình Kiều Minh Hin Phấu Seng Dìn Lưu"),
        "female_given": _even("Chài Mây Kiều Nải Phây Xiêm Slan Liều Hoa Mai Dinh Chang Muội"),
    },
}


def draw_name(
    rng: random.Random, ethnicity: str, gender: str, birth_year: int
) -> tuple[str, str, str]:
    """A plausible (family, middle, given) for a member of this group, gender and generation."""
    family = MINORITY_FAMILY.get(ethnicity, KINH_FAMILY).pick(rng)
    own = OWN_NAMES.get(ethnicity)
    if own is not None:
        middle = own[f"{gender}_middle"].pick(rng)
        given = own[f"{gender}_given"].pick(rng)
        return family, middle, given
    older = birth_year < MIDDLE_BORN_BEFORE
    if gender == "female":
        middle = (FEMALE_MIDDLE_OLDER if older else FEMALE_MIDDLE_YOUNGER).pick(rng)
        given = FEMALE_GIVEN.pick(rng)
    else:
        middle = (MALE_MIDDLE_OLDER if older else MALE_MIDDLE_YOUNGER).pick(rng)
        given = MALE_GIVEN.pick(rng)
    if middle == given:  # "Nguyễn Minh Minh" reads like a typo
        given = (FEMALE_GIVEN if gender == "female" else MALE_GIVEN).pick(rng)
    return family, middle, given
