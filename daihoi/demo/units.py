"""Catalogues of non-territorial grassroots organisations, in the official style.

Each district-level unit takes the first N entries of its catalogue (N comes
from scale.py), so the small demo keeps the most characteristic ones. Names
may hold placeholders: {d} the district ("huyện Đông Sơn"), {D} its party
committee ("Huyện ủy"), {P} the province's name, {new} a freshly drawn place name.
An entry whose name starts with "Chi bộ" is a chi bộ cơ sở: it has no cells and
its members belong to it directly.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class AgencySpec:
    name: str
    kind: str  # organizations.models.Kind value
    profile: str  # profiles.PROFILES key
    cells: tuple[str, ...] = ()


def _cells(*names: str) -> tuple[str, ...]:
    return tuple(f"Chi bộ {n}" for n in names)


SECTION = ("Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ")

# Under a huyện, thị xã or thành phố. The first two home the district's leaders.
DISTRICT_AGENCIES = (
    AgencySpec(
        "Đảng bộ Cơ quan Đảng {d}",
        "agency",
        "agency",
        _cells(
            "Văn phòng {D}",
            "Ban Tổ chức {D}",
            "Ủy ban Kiểm tra {D}",
            "Ban Tuyên giáo {D}",
            "Ban Dân vận {D}",
            "Mặt trận Tổ quốc và các đoàn thể {d}",
        ),
    ),
    AgencySpec(
        "Đảng bộ Cơ quan Chính quyền {d}",
        "agency",
        "agency",
        _cells(
            "Văn phòng HĐND và UBND {d}",
            "Phòng Tài chính - Kế hoạch",
            "Phòng Nội vụ",
            "Phòng Giáo dục và Đào tạo",
            "Phòng Tài nguyên và Môi trường",
            "Phòng Lao động - Thương binh và Xã hội",
            "Thanh tra {d}",
        ),
    ),
    AgencySpec(
        "Đảng bộ Quân sự {d}",
        "armed_forces",
        "military",
        _cells("Ban Chỉ huy", "Tham mưu", "Chính trị - Hậu cần"),
    ),
    AgencySpec(
        "Đảng bộ Công an {d}",
        "armed_forces",
        "police",
        _cells(
            "Đội Tổng hợp",
            "Đội Cảnh sát điều tra",
            "Đội An ninh",
            "Đội Cảnh sát giao thông",
            "Đội Cảnh sát quản lý hành chính",
        ),
    ),
    AgencySpec("Chi bộ Trường THPT {new}", "school", "school"),
    AgencySpec(
        "Đảng bộ Trung tâm Y tế {d}",
        "public_service",
        "health",
        _cells("Khoa Khám bệnh", "Khoa Nội", "Khoa Ngoại - Sản", "Khoa Y tế công cộng"),
    ),
    AgencySpec("Chi bộ Kho bạc Nhà nước {d}", "agency", "agency"),
    AgencySpec("Chi bộ Chi cục Thuế {d}", "agency", "agency"),
    AgencySpec("Chi bộ Trường THPT {new}", "school", "school"),
)

# Under the Đảng bộ Khối cơ quan và doanh nghiệp tỉnh. The first homes its leaders.
BLOC_AGENCIES = (
    AgencySpec("Chi bộ Cơ quan Đảng ủy Khối", "agency", "agency"),
    AgencySpec(
        "Đảng bộ Văn phòng Tỉnh ủy",
        "agency",
        "agency",
        _cells("Phòng Tổng hợp", "Phòng Hành chính - Lưu trữ", "Phòng Quản trị - Tài vụ"),
    ),
    AgencySpec(
        "Đảng bộ Ban Tổ chức Tỉnh ủy",
        "agency",
        "agency",
        _cells("Phòng Tổ chức - Cán bộ", "Phòng Tổ chức Đảng - Đảng viên", "Văn phòng Ban"),
    ),
    AgencySpec(
        "Đảng bộ Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh",
        "agency",
        "agency",
        _cells("Phòng Tổng hợp", "Phòng Công tác HĐND", "Phòng Hành chính - Tổ chức"),
    ),
    AgencySpec(
        "Đảng bộ Sở Giáo dục và Đào tạo",
        "agency",
        "agency",
        _cells(*SECTION[:2], "Phòng Giáo dục Trung học", "Phòng Giáo dục Mầm non - Tiểu học"),
    ),
    AgencySpec(
        "Đảng bộ Sở Y tế",
        "agency",
        "agency",
        _cells(*SECTION[:2], "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược"),
    ),
    AgencySpec(
        "Đảng bộ Bệnh viện Đa khoa tỉnh",
        "public_service",
        "health",
        _cells(
            "Khoa Nội tổng hợp", "Khoa Ngoại tổng hợp", "Khoa Sản", "Khoa Nhi", "Khoa Khám bệnh"
        ),
    ),
    AgencySpec("Đảng bộ Sở Tài chính", "agency", "agency", _cells(*SECTION)),
    AgencySpec("Đảng bộ Sở Kế hoạch và Đầu tư", "agency", "agency", _cells(*SECTION)),
    AgencySpec(
        "Đảng bộ Sở Nông nghiệp và Phát triển nông thôn",
        "agency",
        "agency",
        _cells(
            "Văn phòng Sở", "Chi cục Thủy lợi", "Chi cục Kiểm lâm", "Chi cục Chăn nuôi và Thú y"
        ),
    ),
    AgencySpec("Đảng bộ Sở Tài nguyên và Môi trường", "agency", "agency", _cells(*SECTION)),
    AgencySpec("Chi bộ Sở Tư pháp", "agency", "agency"),
    AgencySpec("Đảng bộ Sở Giao thông vận tải", "agency", "agency", _cells(*SECTION)),
    AgencySpec("Đảng bộ Sở Văn hóa, Thể thao và Du lịch", "agency", "agency", _cells(*SECTION)),
    AgencySpec("Chi bộ Sở Khoa học và Công nghệ", "agency", "agency"),
    AgencySpec("Đảng bộ Sở Nội vụ", "agency", "agency", _cells(*SECTION)),
    AgencySpec("Chi bộ Trường Chính trị tỉnh", "public_service", "school"),
    AgencySpec(
        "Đảng bộ Trường Cao đẳng Sư phạm {P}",
        "school",
        "school",
        _cells("Khoa Tự nhiên", "Khoa Xã hội", "Khoa Tiểu học - Mầm non", "Phòng Đào tạo"),
    ),
    AgencySpec(
        "Đảng bộ Công ty Điện lực {P}",
        "enterprise",
        "enterprise",
        _cells("Phòng Kỹ thuật", "Phòng Kinh doanh", "Đội Quản lý vận hành lưới điện"),
    ),
    AgencySpec(
        "Đảng bộ Công ty cổ phần Cấp nước {P}",
        "enterprise",
        "enterprise",
        _cells("Phòng Kỹ thuật", "Xí nghiệp Nước số 1", "Xí nghiệp Nước số 2"),
    ),
    AgencySpec(
        "Đảng bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh {P}",
        "enterprise",
        "enterprise",
        _cells("Phòng Kế hoạch - Kinh doanh", "Phòng Kế toán - Ngân quỹ", "Phòng Hành chính"),
    ),
    AgencySpec(
        "Đảng bộ Cục Thuế {P}",
        "agency",
        "agency",
        _cells("Văn phòng Cục", "Phòng Kiểm tra thuế", "Phòng Thanh tra thuế"),
    ),
    AgencySpec("Chi bộ Kho bạc Nhà nước {P}", "agency", "agency"),
    AgencySpec("Chi bộ Công ty cổ phần Xi măng {new}", "enterprise", "enterprise"),
    AgencySpec(
        "Chi bộ Công ty TNHH MTV Khai thác công trình thủy lợi {P}", "enterprise", "enterprise"
    ),
)

# Under the Đảng bộ Quân sự tỉnh. The first homes its leaders.
MILITARY_AGENCIES = (
    AgencySpec(
        "Đảng bộ Cơ quan Bộ Chỉ huy Quân sự tỉnh",
        "armed_forces",
        "military",
        _cells("Chỉ huy", "Phòng Tham mưu", "Phòng Chính trị", "Phòng Hậu cần - Kỹ thuật"),
    ),
    AgencySpec(
        "Đảng bộ Tiểu đoàn 14",
        "armed_forces",
        "military",
        _cells("Chỉ huy Tiểu đoàn", "Đại đội 1", "Đại đội 2", "Đại đội 3"),
    ),
    AgencySpec(
        "Đảng bộ Tiểu đoàn 16",
        "armed_forces",
        "military",
        _cells("Chỉ huy Tiểu đoàn", "Đại đội 4", "Đại đội 5", "Đại đội 6"),
    ),
    AgencySpec(
        "Đảng bộ Trường Quân sự tỉnh",
        "armed_forces",
        "military",
        _cells("Khoa Quân sự", "Khoa Chính trị", "Phòng Đào tạo"),
    ),
    AgencySpec("Chi bộ Đại đội Trinh sát", "armed_forces", "military"),
    AgencySpec("Chi bộ Đại đội Công binh", "armed_forces", "military"),
    AgencySpec("Chi bộ Kho Vũ khí - Đạn dược", "armed_forces", "military"),
)

# Under the Đảng bộ Công an tỉnh. The first homes its leaders.
POLICE_AGENCIES = (
    AgencySpec(
        "Đảng bộ Phòng Tham mưu",
        "armed_forces",
        "police",
        _cells("Đội Tổng hợp", "Đội Hành chính - Văn thư", "Đội Thông tin - Cơ yếu"),
    ),
    AgencySpec(
        "Đảng bộ Phòng An ninh chính trị nội bộ",
        "armed_forces",
        "police",
        _cells("Đội 1", "Đội 2", "Đội 3"),
    ),
    AgencySpec(
        "Đảng bộ Phòng Cảnh sát hình sự",
        "armed_forces",
        "police",
        _cells("Đội 1", "Đội 2", "Đội 3", "Đội 4"),
    ),
    AgencySpec(
        "Đảng bộ Phòng Cảnh sát giao thông",
        "armed_forces",
        "police",
        _cells("Đội Tuần tra kiểm soát số 1", "Đội Tuần tra kiểm soát số 2", "Đội Đăng ký xe"),
    ),
    AgencySpec(
        "Đảng bộ Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        "armed_forces",
        "police",
        _cells("Đội Quản lý cư trú", "Đội Căn cước", "Đội Quản lý ngành nghề"),
    ),
    AgencySpec(
        "Đảng bộ Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        "armed_forces",
        "police",
        _cells("Đội Chữa cháy số 1", "Đội Chữa cháy số 2", "Đội Nghiệp vụ"),
    ),
    AgencySpec(
        "Đảng bộ Trại Tạm giam",
        "armed_forces",
        "police",
        _cells("Đội Tham mưu", "Đội Quản giáo", "Đội Hậu cần"),
    ),
    AgencySpec("Chi bộ Phòng Hồ sơ", "armed_forces", "police"),
    AgencySpec("Chi bộ Phòng Tổ chức cán bộ", "armed_forces", "police"),
)

CATALOGUES = {
    "bloc": BLOC_AGENCIES,
    "military": MILITARY_AGENCIES,
    "police": POLICE_AGENCIES,
}
