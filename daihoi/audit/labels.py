"""Human labels for the audit log's action codes and object types (Vietnamese, via gettext).

An action not listed is named from its parts ("member.update" → "Đảng viên: sửa"),
so a new service never shows a bare code where a word can be found.
"""

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

ACTIONS = {
    "batch.create": _l("Giao hòm phiếu cho tổ kiểm phiếu"),
    "batch.entries_differ": _l("Các lần nhập phiếu khác nhau"),
    "batch.reconcile": _l("Hòm phiếu khớp (phiếu được tính)"),
    "batch.seal": _l("Niêm phong mã phiếu của hòm"),
    "election.seal": _l("Niêm phong mã phiếu khi công bố"),
    "election.publish": _l("Công bố kết quả bầu cử"),
    "election.create": _l("Tạo cuộc bầu cử"),
    "election.list_approve": _l("Biểu quyết và khóa danh sách bầu cử"),
    "election.list_unlock": _l("Mở khóa danh sách bầu cử"),
    "election.ballots_issued": _l("Ghi số phiếu phát ra"),
    "election.next_round": _l("Bầu lần tiếp theo"),
    "entry.start": _l("Bắt đầu nhập phiếu"),
    "entry.finalise": _l("Hoàn tất một lần nhập phiếu"),
    "entry.reopen": _l("Trả lần nhập phiếu để sửa"),
    "entry.undo": _l("Hoàn tác phiếu vừa nhập"),
    "candidate.add": _l("Thêm người vào danh sách bầu cử"),
    "candidate.withdraw": _l("Rút khỏi danh sách bầu cử"),
    "counting_team.create": _l("Lập tổ kiểm phiếu"),
    "show_of_hands.record": _l("Ghi kết quả biểu quyết giơ tay"),
    "congress.create": _l("Tạo đại hội"),
    "congress.attendance": _l("Ghi số triệu tập, có mặt"),
    "congress.base": _l("Đổi cơ sở tính kết quả bầu cử"),
    "member.create": _l("Thêm đảng viên"),
    "member.update": _l("Sửa thông tin đảng viên"),
    "member.transfer": _l("Chuyển sinh hoạt đảng"),
    "organization.create": _l("Tạo tổ chức đảng"),
    "organization.update": _l("Sửa tổ chức đảng"),
    "import.members": _l("Nhập danh sách đảng viên từ Excel"),
    "complaints.register": _l("Tiếp nhận đơn thư"),
    "complaints.update": _l("Cập nhật đơn thư"),
    "delegate.check_in": _l("Điểm danh đại biểu"),
    "delegate.credentials": _l("Thẩm tra tư cách đại biểu"),
    "demo.load": _l("Nạp dữ liệu mẫu"),
    "scan.read": _l("Đọc phiếu quét"),
    "scan.decide": _l("Quyết định phiếu quét"),
    "audit.verify": _l("Kiểm tra chuỗi nhật ký"),
}

NOUNS = {
    "allocation": _l("Phân bổ đại biểu"),
    "batch": _l("Hòm phiếu"),
    "candidate": _l("Danh sách bầu cử"),
    "complaints": _l("Đơn thư"),
    "congress": _l("Đại hội"),
    "counting_team": _l("Tổ kiểm phiếu"),
    "delegate": _l("Đại biểu"),
    "demo": _l("Dữ liệu mẫu"),
    "election": _l("Bầu cử"),
    "entry": _l("Nhập phiếu"),
    "grading": _l("Đánh giá, xếp loại"),
    "import": _l("Nhập từ Excel"),
    "member": _l("Đảng viên"),
    "organization": _l("Tổ chức đảng"),
    "personnel": _l("Nhân sự"),
    "portal": _l("Cổng đại biểu"),
    "preparation": _l("Chuẩn bị đại hội"),
    "scan": _l("Quét phiếu"),
    "show_of_hands": _l("Biểu quyết"),
    "term": _l("Nhiệm kỳ"),
}

VERBS = {
    "create": _l("tạo"),
    "update": _l("sửa"),
    "add": _l("thêm"),
    "remove": _l("bỏ"),
    "delete": _l("xóa"),
    "record": _l("ghi nhận"),
    "approve": _l("duyệt"),
    "import": _l("nhập từ tệp"),
    "open": _l("mở"),
    "close": _l("đóng"),
    "publish": _l("công bố"),
    "issue": _l("ban hành"),
    "decision": _l("quyết định"),
    "withdraw": _l("rút"),
    "merge": _l("hợp nhất"),
    "split": _l("chia tách"),
    "move": _l("chuyển"),
    "rename": _l("đổi tên"),
    "dissolve": _l("giải thể"),
}


def action_label(code: str) -> str:
    if code in ACTIONS:
        return str(ACTIONS[code])
    head, _dot, tail = code.partition(".")
    noun = NOUNS.get(head)
    if noun is None:
        return code
    last = tail.rsplit(".", 1)[-1].split("_")[-1]
    verb = VERBS.get(last)
    return f"{noun}: {verb}" if verb else f"{noun}: {tail.replace('_', ' ').replace('.', ' ')}"


def object_label(object_type: str) -> str:
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type or _("(không có)")


OBJECTS = {
    "elections.ballotbatch": _l("Hòm phiếu"),
    "elections.batchentry": _l("Lần nhập phiếu"),
    "elections.election": _l("Cuộc bầu cử"),
    "elections.candidate": _l("Người trong danh sách bầu cử"),
    "elections.countingteam": _l("Tổ kiểm phiếu"),
    "elections.showofhands": _l("Biểu quyết giơ tay"),
    "congresses.congress": _l("Đại hội"),
    "organizations.organization": _l("Tổ chức đảng"),
    "people.member": _l("Đảng viên"),
    "accounts.user": _l("Tài khoản"),
}


def object_type_label(object_type: str) -> str:
    if object_type in OBJECTS:
        return str(OBJECTS[object_type])
    return object_label(object_type)
