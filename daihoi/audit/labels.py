"""Human labels for the audit log's action codes and object types (Vietnamese, via gettext).

An action not listed is named from its parts ("member.update" → "Đảng viên: sửa"),
so a new service never shows a bare code where a word can be found.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "batch.create": _("Giao hòm phiếu cho tổ kiểm phiếu"),
    "batch.entries_differ": _("Các lần nhập phiếu khác nhau"),
    "batch.reconcile": _("Hòm phiếu khớp (phiếu được tính)"),
    "batch.seal": _("Niêm phong mã phiếu của hòm"),
    "election.seal": _("Niêm phong mã phiếu khi công bố"),
    "election.publish": _("Công bố kết quả bầu cử"),
    "election.create": _("Tạo cuộc bầu cử"),
    "election.list_approve": _("Biểu quyết và khóa danh sách bầu cử"),
    "election.list_unlock": _("Mở khóa danh sách bầu cử"),
    "election.ballots_issued": _("Ghi số phiếu phát ra"),
    "election.next_round": _("Bầu lần tiếp theo"),
    "entry.start": _("Bắt đầu nhập phiếu"),
    "entry.finalise": _("Hoàn tất một lần nhập phiếu"),
    "entry.reopen": _("Trả lần nhập phiếu để sửa"),
    "candidate.add": _("Thêm người vào danh sách bầu cử"),
    "candidate.withdraw": _("Rút khỏi danh sách bầu cử"),
    "counting_team.create": _("Lập tổ kiểm phiếu"),
    "show_of_hands.record": _("Ghi kết quả biểu quyết giơ tay"),
    "congress.create": _("Tạo đại hội"),
    "congress.attendance": _("Ghi số triệu tập, có mặt"),
    "congress.base": _("Đổi cơ sở tính kết quả bầu cử"),
    "member.create": _("Thêm đảng viên"),
    "member.update": _("Sửa thông tin đảng viên"),
    "member.transfer": _("Chuyển sinh hoạt đảng"),
    "organization.create": _("Tạo tổ chức đảng"),
    "organization.update": _("Sửa tổ chức đảng"),
    "import.members": _("Nhập danh sách đảng viên từ Excel"),
    "complaints.register": _("Tiếp nhận đơn thư"),
    "complaints.update": _("Cập nhật đơn thư"),
    "delegate.check_in": _("Điểm danh đại biểu"),
    "delegate.credentials": _("Thẩm tra tư cách đại biểu"),
    "demo.load": _("Nạp dữ liệu mẫu"),
    "scan.read": _("Đọc phiếu quét"),
    "scan.decide": _("Quyết định phiếu quét"),
    "audit.verify": _("Kiểm tra chuỗi nhật ký"),
}

NOUNS = {
    "allocation": _("Phân bổ đại biểu"),
    "batch": _("Hòm phiếu"),
    "candidate": _("Danh sách bầu cử"),
    "complaints": _("Đơn thư"),
    "congress": _("Đại hội"),
    "counting_team": _("Tổ kiểm phiếu"),
    "delegate": _("Đại biểu"),
    "demo": _("Dữ liệu mẫu"),
    "election": _("Bầu cử"),
    "entry": _("Nhập phiếu"),
    "grading": _("Đánh giá, xếp loại"),
    "import": _("Nhập từ Excel"),
    "member": _("Đảng viên"),
    "organization": _("Tổ chức đảng"),
    "personnel": _("Nhân sự"),
    "portal": _("Cổng đại biểu"),
    "preparation": _("Chuẩn bị đại hội"),
    "scan": _("Quét phiếu"),
    "show_of_hands": _("Biểu quyết"),
    "term": _("Nhiệm kỳ"),
}

VERBS = {
    "create": _("tạo"),
    "update": _("sửa"),
    "add": _("thêm"),
    "remove": _("bỏ"),
    "delete": _("xóa"),
    "record": _("ghi nhận"),
    "approve": _("duyệt"),
    "import": _("nhập từ tệp"),
    "open": _("mở"),
    "close": _("đóng"),
    "publish": _("công bố"),
    "issue": _("ban hành"),
    "decision": _("quyết định"),
    "withdraw": _("rút"),
    "merge": _("hợp nhất"),
    "split": _("chia tách"),
    "move": _("chuyển"),
    "rename": _("đổi tên"),
    "dissolve": _("giải thể"),
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
        return object_type or str(_("(không có)"))


OBJECTS = {
    "elections.ballotbatch": _("Hòm phiếu"),
    "elections.batchentry": _("Lần nhập phiếu"),
    "elections.election": _("Cuộc bầu cử"),
    "elections.candidate": _("Người trong danh sách bầu cử"),
    "elections.countingteam": _("Tổ kiểm phiếu"),
    "elections.showofhands": _("Biểu quyết giơ tay"),
    "congresses.congress": _("Đại hội"),
    "organizations.organization": _("Tổ chức đảng"),
    "people.member": _("Đảng viên"),
    "accounts.user": _("Tài khoản"),
}


def object_type_label(object_type: str) -> str:
    if object_type in OBJECTS:
        return str(OBJECTS[object_type])
    return object_label(object_type)
