"""Issue 16.9 on the database: the member export and the grading template keep hostile text as text."""

from daihoi.organizations.models import Organization
from daihoi.people.exporting import export_workbook
from daihoi.people.models import Member
from tests.documents.test_formula_injection import assert_kept_as_text


def test_the_member_export_keeps_formula_like_names_as_text(members):
    Member.objects.filter(code="M001").update(given_name="=1+1", hometown="@SUM(1+1)")
    Member.objects.filter(code="M002").update(religion="-2+3", citizen_id="+84 912")
    Organization.objects.filter(code="C011").update(name='=HYPERLINK("http://x.invalid","a")')
    assert_kept_as_text(
        export_workbook(),
        ["=1+1", "@SUM(1+1)", "-2+3", "+84 912", '=HYPERLINK("http://x.invalid","a")'],
    )
