"""Invented place names that sound Vietnamese.

Names are built from two syllables, the way most commune and village names are
("Tân Lập", "Đồng Xuân"). Any single combination may happen to exist somewhere
in Viet Nam, but the list as a whole is not any real province's. In the
mountain districts, names take syllables of Tày, Thái and Mông toponyms
(Nà, Khuổi, Phiêng, Sín…).
"""

import random

PROVINCE_NAME = "Hòa Lĩnh"
# Hometowns outside the demo province: invented neighbours, never real provinces.
NEIGHBOUR_PROVINCES = ("Bắc Lĩnh", "Nam Hà Sơn", "Đông Giang", "Tây Lâm")

LOWLAND_FIRST = (
    "Tân Đồng Hòa Phú An Bình Thanh Xuân Hưng Yên Quảng Vĩnh Đại Trung Nam Bắc"
    " Đông Tây Hợp Thịnh Minh Kim Ngọc Hồng Liên Phúc Hải Sơn Lạc Long Cẩm Nghĩa"
    " Hiệp Thượng Hạ Mỹ Gia Quang Tiên Hương Lâm Tam Song Thái Định Khánh Vạn"
).split()
LOWLAND_SECOND = (
    "Lập Xuân Hòa Phong Thịnh Lợi Sơn Hưng Bình An Tiến Thành Lộc Phú Long Hải"
    " Trung Nghĩa Đức Tân Vinh Quang Dương Lâm Minh Thuận Khê Hà Giang Cát Mỹ"
    " Điền Tường Hiệp Lạc Yên Châu Đoài Thượng Đông Ninh Kiều Phúc Tài Hợp"
).split()
HIGHLAND_FIRST = (
    "Nà Khuổi Pác Phiêng Cốc Nặm Pá Huổi Lũng Co Tà Nậm Khau Pò Bó Thẳm Lủng Mường"
).split()
HIGHLAND_SECOND = (
    "Lầu Mo Luông Cại Phầy Khoang Mạ Hon Ngàm Vài Lếch Tàu Héo Pằng Kham Lòa Nưa"
    " Cáy Muồng Sàng Pục Đông Chang Lình Tát Xôm Pàn Cưởm"
).split()
MONG_FIRST = "Sín Séo Tả Lao Sủng Pả Mã Hấu Chúng Xà Phìn Lùng Sán".split()
MONG_SECOND = "Chải Phìn Sáng Làng Chư Páo Mìn Chua Lử Dền Cáng Phình Chồ Tủng".split()

STYLES = {
    "lowland": (LOWLAND_FIRST, LOWLAND_SECOND),
    "highland": (HIGHLAND_FIRST, HIGHLAND_SECOND),
    "mong": (MONG_FIRST, MONG_SECOND),
}


class PlaceNamer:
    """Draws names that are unique within one namer (a province, or one commune's villages)."""

    def __init__(self, rng: random.Random, taken: tuple[str, ...] = ()):
        self.rng = rng
        self.taken = set(taken)

    def name(self, style: str = "lowland") -> str:
        first, second = STYLES[style]
        for _ in range(200):
            a, b = self.rng.choice(first), self.rng.choice(second)
            candidate = f"{a} {b}"
            if a != b and candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        # The pools hold hundreds of combinations each; running out means a
        # scale far beyond a province, so say so instead of looping forever.
        raise RuntimeError(f"ran out of {style} place names")

    def names(self, count: int, style: str = "lowland") -> list[str]:
        return [self.name(style) for _ in range(count)]


def elsewhere(rng: random.Random) -> str:
    """A hometown in another (invented) province; these need not be unique."""
    commune = f"{rng.choice(LOWLAND_FIRST)} {rng.choice(LOWLAND_SECOND)}"
    district = f"{rng.choice(LOWLAND_FIRST)} {rng.choice(LOWLAND_SECOND)}"
    return f"xã {commune}, huyện {district}, tỉnh {rng.choice(NEIGHBOUR_PROVINCES)}"
