import datetime as dt
import io

import openpyxl

from daihoi.organizations.models import Organization
from daihoi.people.excel_template import MEMBER_COLUMNS, template_workbook
from daihoi.people.exporting import export_workbook
from daihoi.people.importing import import_workbook
from daihoi.people.models import Member

from .test_import import member_row, workbook

MEMBER_FIELDS = [
    *("code", "full_name", "gender", "birth_date", "birth_year_only", "ethnicity", "religion"),
    *("hometown", "citizen_id", "admitted_on", "full_member_on", "status"),
    *("general_education", "education", "political_theory", "organization__code"),
]
ORGANIZATION_FIELDS = ["code", "name", "level", "kind", "parent__code", "active", "founded_on"]


def open_workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def snapshot():
    return (
        sorted(Organization.objects.values_list(*ORGANIZATION_FIELDS)),
        sorted(Member.objects.values_list(*MEMBER_FIELDS)),
    )


def test_it_offers_a_documented_template_with_dropdowns():
    wb = open_workbook(template_workbook())
    assert wb.sheetnames == ["ToChuc", "DangVien", "HuongDan"]
    members = wb["DangVien"]
    assert [c.value for c in members[1]] == [c.header for c in MEMBER_COLUMNS]
    assert members.max_row == 1 and members.freeze_panes == "E2"
    lists = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in members.data_validations.dataValidation
    }
    assert set(lists) == {
        "E2",
        "G2",
        "M2",
        "O2",
        "P2",
    }  # gender, ethnicity, status, education, theory
    sheet, cells = lists["G2"].split("!")
    first, last = cells.replace("$", "").split(":")
    ethnicities = [cell.value for (cell,) in wb[sheet][first:last]]
    assert ethnicities[0] == "Kinh" and "HMông" in ethnicities and len(ethnicities) == 54
    guide = wb["HuongDan"]
    explained = {row[1] for row in guide.iter_rows(values_only=True) if row[0] == "DangVien"}
    assert explained == {c.header for c in MEMBER_COLUMNS}


def test_it_exports_members_in_the_template_layout(members):
    Member.objects.filter(code="M002").update(birth_year_only=True, birth_date=dt.date(1975, 1, 1))
    wb = open_workbook(export_workbook())
    assert wb.sheetnames == ["ToChuc", "DangVien", "HuongDan"]
    rows = {row[0]: row for row in wb["DangVien"].iter_rows(min_row=2, values_only=True)}
    an = rows["M001"]
    assert an[:7] == ("M001", "Nguyễn", "Văn", "An", "Nam", dt.datetime(1975, 5, 1), "Kinh")
    assert an[12:17] == ("Chính thức", "12/12", "Đại học", "Sơ cấp", "C011")
    assert rows["M002"][5] == 1975  # only the year is known
    assert wb["DangVien"]["F2"].number_format.upper() == "DD/MM/YYYY"
    organizations = list(wb["ToChuc"].iter_rows(min_row=2, values_only=True))
    assert organizations[0][:6] == (
        "T01",
        "Đảng bộ tỉnh A",
        "Đảng bộ tỉnh",
        "Tỉnh, thành phố",
        None,
        "Có",
    )


def test_it_leaves_out_members_who_no_longer_belong(members):
    Member.objects.filter(code="M002").update(active=False)
    wb = open_workbook(export_workbook())
    codes = {row[0] for row in wb["DangVien"].iter_rows(min_row=2, values_only=True)}
    assert codes == {"M001", "M003", "M004", "M005"}


def test_it_exports_only_the_subtree_of_the_root(members, tree):
    wb = open_workbook(export_workbook(tree.east))
    codes = [row[0] for row in wb["ToChuc"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["H01", "X01", "C011", "C012"]
    members = {row[0] for row in wb["DangVien"].iter_rows(min_row=2, values_only=True)}
    assert members == {"M001", "M002", "M003"}


def test_it_imports_its_own_export_unchanged(members, users):
    Member.objects.filter(code="M003").update(
        birth_year_only=True, birth_date=dt.date(1968, 1, 1), citizen_id="001068000321"
    )
    import_workbook(
        workbook(members=[member_row("M006", status="Dự bị", full_member_on=None)]), actor=None
    )
    before = snapshot()
    exported = export_workbook()
    result = import_workbook(io.BytesIO(exported), actor=users.province)
    assert result.errors == [] and (result.members_created, result.members_updated) == (0, 6)
    assert snapshot() == before
    again = [list(ws.values) for ws in open_workbook(export_workbook()).worksheets]
    assert again == [list(ws.values) for ws in open_workbook(exported).worksheets]


def test_it_rebuilds_the_tree_and_registry_from_an_export(members):
    before = snapshot()
    exported = export_workbook()
    Member.objects.all().delete()
    for org in Organization.objects.order_by("-depth"):
        org.delete()
    result = import_workbook(io.BytesIO(exported), actor=None)
    assert (result.organizations_created, result.members_created) == (9, 5)
    assert snapshot() == before
    for org in Organization.objects.exclude(parent=None).select_related("parent"):
        assert org.path.startswith(org.parent.path) and org.depth == org.parent.depth + 1
