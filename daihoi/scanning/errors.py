"""Refusals of the scanning services: a stable code for tests, a message for people."""

MESSAGES = {
    "no_files": "Chưa chọn tệp nào để tải lên.",
    "bad_file": "Tệp không đọc được.",
    "not_scannable": "Cuộc bầu chưa có mẫu phiếu để đọc.",
    "batch_reconciled": "Hòm phiếu này đã được tính; không quét thêm được.",
    "not_open": "Lần quét này đã hoàn tất hoặc đã hủy.",
    "still_reading": "Máy còn đang đọc phiếu: chờ đọc xong.",
    "pending": "Còn mục cần người quyết định: quyết định hết rồi mới hoàn tất.",
    "no_ballots": "Lần quét chưa có phiếu nào đọc được.",
    "count_mismatch": "Số tờ phiếu đếm trên giấy khác số phiếu đã đọc.",
    "list_changed": "Danh sách bầu cử đã thay đổi sau khi quét: mẫu phiếu không còn khớp.",
    "keyboard_in_progress": (
        "Bạn đang có một lần nhập bàn phím dở dang ở hòm này: hoàn tất lần nhập đó, "
        "hoặc để người khác hoàn tất lần quét."
    ),
    "not_a_ballot": "Trang này không phải phiếu đọc được: không có gì để quyết định.",
    "no_such_row": "Phiếu không có dòng này.",
    "bad_decision": "Quyết định không dùng được cho mục này.",
    "done": "Lần quét đã hoàn tất thành lần nhập: không sửa được nữa.",
}


class ScanError(Exception):
    """A refused scanning action. ``code`` is stable; ``message`` is for people."""

    def __init__(self, code: str, message: str = ""):
        self.code = code
        self.message = message or MESSAGES[code]
        super().__init__(self.message)


def refuse(code: str, detail: str = "") -> ScanError:
    text = MESSAGES[code]
    return ScanError(code, f"{text} {detail}".strip())
