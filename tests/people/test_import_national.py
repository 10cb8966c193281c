"""The national registry's terms and scale: several member sheets, CSV, the citizen ID and
party card numbers checked against the file and the whole registry, saved column mappings."""

import datetime as dt
import io
import itertools

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.audit.models import AuditEntry
from daihoi.organizations.models import Organization
from daihoi.people.excel_template import MEMBER_COLUMNS, ORGANIZATION_COLUMNS
from daihoi.people.exporting import export_workbook
from daihoi.people.importing import import_workbook
from daihoi.people.mappings import save_column_mapping
from daihoi.people.models import Member, MemberAssignment
from daihoi.people.validation import expected_citizen_id_birth, validate_member
from tests.people.test_import import member_row, organization_row

SERIALS = itertools.count(500_000)


def row(code, organization="C011", **changes):
    values = member_row(code, organization, **changes)
    if "citizen_id" not in changes and values["citizen_id"]:
        values["citizen_id"] = f"001080{next(SERIALS):06d}"
    return values


def book(sheets: dict[str, list[dict]], headers: dict | None = None) -> io.BytesIO:
    """A workbook with these sheets; member sheets unless named ToChuc."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        columns = ORGANIZATION_COLUMNS if title == "ToChuc" else MEMBER_COLUMNS
        ws = wb.create_sheet(title)
        ws.append([(headers or {}).get(c.field, c.header) for c in columns])
        for values in rows:
            ws.append([values.get(c.field) for c in columns])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def errors_of(result) -> list[tuple]:
    return [(e.sheet, e.row, e.field, e.code) for e in result.errors]


def test_it_reads_every_member_sheet_as_one_registry(tree, users):
    sheets = {"DangVien": [row("N1"), row("N2")], "DangVien 2": [row("N3", "C012")]}
    result = import_workbook(book(sheets), actor=users.province)
    assert result.written and result.members_created == 3
    n3 = Member.objects.get(code="N3")
    assert n3.organization.code == "C012" and n3.full_name == "Nguyễn Văn Hải"
    # The first official assignment, from the day of admission, as every new member gets.
    assignment = MemberAssignment.objects.get(member=n3)
    assert (assignment.valid_from, assignment.valid_to) == (dt.date(2005, 2, 3), None)


def test_a_code_on_two_sheets_is_refused_on_both_naming_the_other(tree, users):
    sheets = {"DangVien": [row("N1")], "DangVien 2": [row("N2"), row("N1")]}
    result = import_workbook(book(sheets), actor=users.province)
    assert not result.written and not Member.objects.filter(code__startswith="N").exists()
    assert errors_of(result) == [
        ("DangVien", 2, "code", "duplicate_code"),
        ("DangVien 2", 3, "code", "duplicate_code"),
    ]
    assert "DangVien 2 3" in result.errors[0].message


def test_it_imports_members_from_csv(tree, users, tmp_path):
    path = tmp_path / "dang-vien.csv"
    lines = [",".join(c.header for c in MEMBER_COLUMNS)]
    for code in ("N1", "N2"):
        values = row(code)
        lines.append(",".join(str(values.get(c.field) or "") for c in MEMBER_COLUMNS))
    path.write_text("\ufeff" + "\n".join(lines), encoding="utf-8")
    result = import_workbook(path, actor=users.province)
    assert result.written and result.members_created == 2


def test_a_csv_that_is_not_utf8_is_refused_with_a_message(tree, tmp_path):
    path = tmp_path / "dang-vien.csv"
    path.write_bytes("Mã đảng viên,Họ\nN1,Nguyễn\n".encode("utf-16"))
    result = import_workbook(path, actor=None)
    assert [e.code for e in result.errors] == ["csv"] and "UTF-8" in result.errors[0].message


def test_a_citizen_id_held_by_another_member_of_the_registry_is_refused(tree, users):
    assert import_workbook(book({"DangVien": [row("N1", citizen_id="001080111111")]}), actor=None)
    again = book({"DangVien": [row("N2", citizen_id="001080111111")]})
    result = import_workbook(again, actor=users.province)
    assert errors_of(result) == [("DangVien", 2, "citizen_id", "citizen_id_taken")]
    assert "N1" in result.errors[0].message and not Member.objects.filter(code="N2").exists()


def test_reimporting_a_member_keeps_their_own_citizen_id(tree, users):
    first = book({"DangVien": [row("N1", citizen_id="001080111111")]})
    assert import_workbook(first, actor=None).written
    first.seek(0)
    result = import_workbook(first, actor=None)
    assert result.written and result.members_updated == 1


def test_citizen_id_and_party_card_repeated_in_the_file_name_the_other_row(tree, users):
    rows = [
        row("N1", citizen_id="001080111111", party_card_number="12.345678"),
        row("N2", citizen_id="001080111111"),
        row("N3", party_card_number="12345678"),
    ]
    result = import_workbook(book({"DangVien": rows}), actor=users.province)
    assert sorted(errors_of(result)) == [
        ("DangVien", 2, "citizen_id", "duplicate_citizen_id"),
        ("DangVien", 2, "party_card_number", "duplicate_party_card"),
        ("DangVien", 3, "citizen_id", "duplicate_citizen_id"),
        ("DangVien", 4, "party_card_number", "duplicate_party_card"),
    ]
    assert "dòng 3" in str(result.errors[0])


def test_only_valid_keeps_the_good_rows_and_returns_the_registry_duplicates(tree, users):
    assert import_workbook(book({"DangVien": [row("N1", citizen_id="001080111111")]}), actor=None)
    rows = [row("N2"), row("N3", citizen_id="001080111111")]
    result = import_workbook(book({"DangVien": rows}), actor=users.province, only_valid=True)
    assert result.written and result.members_created == 1
    rejected = openpyxl.load_workbook(io.BytesIO(result.rejected_xlsx))["DangVien"]
    assert [r[0] for r in rejected.iter_rows(min_row=2, values_only=True)] == ["N3"]


@settings(max_examples=60, deadline=None)
@given(
    born=st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2006, 12, 31)),
    gender=st.sampled_from(["male", "female"]),
    digits=st.integers(0, 999),
)
def test_citizen_id_digits_4_to_6_follow_century_gender_and_year(born, gender, digits):
    """Thông tư 59/2021/TT-BCA, Điều 7: accepted exactly when the digits are the expected ones."""
    expected = expected_citizen_id_birth(born, gender)
    raw = {
        **member_row("N1"),
        "gender": "Nam" if gender == "male" else "Nữ",
        "birth_date": born.strftime("%d/%m/%Y"),
        "admitted_on": "01/01/2025",
        "full_member_on": "02/01/2026",
        "citizen_id": f"001{digits:03d}000123",
    }
    del raw["organization_code"]
    _clean, errors = validate_member(raw)
    citizen = [e.code for e in errors if e.field == "citizen_id"]
    assert citizen == ([] if f"{digits:03d}" == expected else ["citizen_id_birth"])


def test_the_rule_counts_centuries_as_the_circular_says():
    assert expected_citizen_id_birth(dt.date(1980, 5, 1), "male") == "080"
    assert expected_citizen_id_birth(dt.date(1980, 5, 1), "female") == "180"
    assert expected_citizen_id_birth(dt.date(2001, 5, 1), "male") == "201"
    assert expected_citizen_id_birth(dt.date(2001, 5, 1), "female") == "301"


def test_national_catalogue_codes_are_imported_and_unique(tree, users):
    orgs = [
        organization_row("C013", "X01", national_code="01.123.456"),
        organization_row("C014", "X01", national_code="01.123.456"),
    ]
    result = import_workbook(book({"ToChuc": orgs}), actor=users.province)
    assert [e.code for e in result.errors] == ["duplicate_national_code"] * 2
    ok = book({"ToChuc": [organization_row("C013", "X01", national_code="01.123.456")]})
    assert import_workbook(ok, actor=users.province).written
    assert Organization.objects.get(code="C013").national_code == "01.123.456"
    taken = book({"ToChuc": [organization_row("C015", "X01", national_code="01.123.456")]})
    result = import_workbook(taken, actor=users.province)
    assert [e.code for e in result.errors] == ["national_code_taken"]


NATIONAL = {
    "DangVien": {
        "code": "Mã hồ sơ",
        "citizen_id": "Số định danh cá nhân",
        "party_card_number": "Số thẻ",
        "organization_code": "Mã chi bộ",
    },
    "ToChuc": {"national_code": "Mã đơn vị (danh mục)"},
}


def test_a_saved_mapping_reads_and_writes_the_other_systems_headers(tree, users):
    mapping = save_column_mapping(users.province, "CSDL đảng viên", NATIONAL)
    assert AuditEntry.objects.filter(action="people.mapping.save").count() == 1
    data = book({"DangVien": [row("N1", party_card_number="01234567")]}, NATIONAL["DangVien"])
    assert import_workbook(data, actor=None).errors[0].code == "missing_column"
    data.seek(0)
    result = import_workbook(data, actor=users.province, mapping=mapping.columns)
    assert result.written and Member.objects.get(code="N1").party_card_number == "01234567"
    exported = openpyxl.load_workbook(io.BytesIO(export_workbook(mapping=mapping.columns)))
    headers = [c.value for c in exported["DangVien"][1]]
    assert "Số định danh cá nhân" in headers and "Số CCCD" not in headers
    again = import_workbook(
        io.BytesIO(export_workbook(mapping=mapping.columns)), actor=None, mapping=mapping.columns
    )
    assert again.written and again.members_created == 0


@pytest.mark.parametrize(
    "columns,code",
    [
        ({"DangVien": {"shoe_size": "Cỡ giày"}}, "field"),
        ({"Khac": {"code": "Mã"}}, "sheet"),
        ({"DangVien": {"code": "Mã", "citizen_id": "ma"}}, "header_twice"),
        ({"DangVien": {"code": " "}}, "header"),
        ({}, "mapping_empty"),
    ],
)
def test_a_mapping_that_cannot_be_read_back_is_refused(columns, code, users):
    with pytest.raises(ValidationError) as caught:
        save_column_mapping(users.province, "x", columns)
    assert caught.value.code == code


def test_the_command_line_imports_each_file_on_its_own_when_asked(tree, users, tmp_path):
    save_column_mapping(None, "TW", NATIONAL)
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    first.write_bytes(book({"DangVien": [row("N1")]}, NATIONAL["DangVien"]).getvalue())
    second.write_bytes(book({"DangVien": [row("N2", "C999")]}, NATIONAL["DangVien"]).getvalue())
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_members",
            *(str(first), str(second), "--each-file", "--mapping", "TW"),
            stdout=out,
            stderr=err,
        )
    assert "1/2 tệp" in str(caught.value) and "C999" in err.getvalue()
    assert list(Member.objects.filter(code__in=["N1", "N2"]).values_list("code", flat=True)) == [
        "N1"
    ]


def test_a_csv_broken_further_down_names_its_line_and_writes_nothing(tree, tmp_path):
    path = tmp_path / "dang-vien.csv"
    lines = [",".join(c.header for c in MEMBER_COLUMNS)]
    values = row("N1")
    lines.append(",".join(str(values.get(c.field) or "") for c in MEMBER_COLUMNS))
    path.write_bytes("\n".join(lines).encode() + b"\nN2,Nguy\xe1n\n")
    result = import_workbook(path, actor=None)
    assert [(e.code, e.row) for e in result.errors] == [("csv", 3)]
    assert not Member.objects.filter(code="N1").exists()


def test_the_import_page_offers_the_saved_mappings_and_uses_the_one_chosen(
    client, users, tree, settings
):
    from django.urls import reverse

    settings.DAIHOI_INLINE_JOBS = True
    mapping = save_column_mapping(users.province, "CSDL đảng viên", NATIONAL)
    client.force_login(users.east)
    assert "CSDL đảng viên" in client.get(reverse("people:excel")).text
    upload = book({"DangVien": [row("N1", party_card_number="01234567")]}, NATIONAL["DangVien"])
    upload.name = "tu-trung-uong.xlsx"
    response = client.post(reverse("people:excel_import"), {"file": upload, "mapping": mapping.pk})
    page = " ".join(client.get(response["Location"]).text.split())
    assert "1 đảng viên mới" in page
    assert Member.objects.get(code="N1").party_card_number == "01234567"
