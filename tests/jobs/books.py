"""Small member workbooks in the import template, as a clerk fills it in."""

import io

import openpyxl

from daihoi.people.excel_template import template_workbook


def member_row(code: str, org_code: str) -> dict:
    return {
        "Mã đảng viên": code,
        "Họ": "Võ",
        "Tên đệm": "Thị",
        "Tên": "Sáu",
        "Giới tính": "Nữ",
        "Ngày sinh": "12/03/1980",
        "Dân tộc": "Kinh",
        "Ngày vào Đảng": "01/02/2005",
        "Ngày chính thức": "01/02/2006",
        "Tình trạng": "Chính thức",
        "GDPT": "12/12",
        "Chuyên môn": "Đại học",
        "Lý luận chính trị": "Trung cấp",
        "Mã tổ chức": org_code,
    }


def workbook(*rows: dict) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    sheet = book["DangVien"]
    headers = [cell.value for cell in sheet[1]]
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
