"""The documents the rules cite, with a short key used in findings and docstrings."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    issued: str  # ISO date of issue


DIEU_LE = Source("Điều lệ Đảng", "Điều lệ Đảng Cộng sản Việt Nam (Đại hội XI, 2011)", "2011-01-19")
QD_244_2014 = Source(
    "QĐ 244-QĐ/TW", "Quy chế bầu cử trong Đảng, ban hành kèm Quyết định 244-QĐ/TW", "2014-06-09"
)
QD_190_2024 = Source(
    "QĐ 190-QĐ/TW", "Quy chế bầu cử trong Đảng, ban hành kèm Quyết định 190-QĐ/TW", "2024-10-10"
)
HD_03_2020 = Source("HD 03-HD/TW", "Hướng dẫn thực hiện Quy chế bầu cử trong Đảng", "2020-03-20")
HD_04_2024 = Source("HD 04-HD/TW", "Hướng dẫn thực hiện Quy chế bầu cử trong Đảng", "2024-12-31")
QD_24_2021 = Source("QĐ 24-QĐ/TW", "Quy định thi hành Điều lệ Đảng", "2021-07-30")
CT_35_2019 = Source(
    "CT 35-CT/TW", "Chỉ thị về đại hội đảng bộ các cấp tiến tới Đại hội XIII", "2019-05-30"
)
HD_26_2019 = Source("HD 26-HD/BTCTW", "Hướng dẫn thực hiện Chỉ thị 35-CT/TW", "2019-10-18")
CT_45_2025 = Source(
    "CT 45-CT/TW", "Chỉ thị về đại hội đảng bộ các cấp tiến tới Đại hội XIV", "2025-04-14"
)

ELECTION_RULES = {"2014": QD_244_2014, "2024": QD_190_2024}

# Sources the counting engine cites besides the party texts above.
CLDR_VI = Source(
    "CLDR vi",
    "Unicode CLDR collation tailoring for Vietnamese (common/collation/vi.xml, type standard)",
    "2013",  # reduced-precision ISO date: the rules file carries only its copyright year
)
HDBCQG_2021_BALLOT = Source(
    "HĐBCQG 2021 ballot guidance",
    "Hướng dẫn in phiếu bầu cử đại biểu Quốc hội khóa XV và HĐND các cấp 2021-2026: tên "
    "xếp theo vần A, B, C; cùng tên thì xét họ, cùng họ thì xét tên đệm (Báo Nghệ An, 4/2021)",
    "2021-04",  # month of the press report; the guidance's own date is not in it
)

# Sources of the working-day count (complaint window after an election).
BLLD_2019 = Source("BLLĐ 2019", "Bộ luật Lao động, Luật 45/2019/QH14, Điều 112", "2019-11-20")
BLDS_2015 = Source("BLDS 2015", "Bộ luật Dân sự, Luật 91/2015/QH13, Điều 147", "2015-11-24")

# The upward statistics after the congresses (daihoi.rules.upward).
HD_11_2021 = Source(
    "HD 11-HD/BTCTW",
    "Hướng dẫn thực hiện biểu mẫu thống kê cơ bản về công tác tổ chức xây dựng Đảng",
    "2021-12-13",
)
