"""A whole candidate list at once: pasted, from Excel, from the personnel plan; all or nothing."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from daihoi.audit.models import AuditEntry
from daihoi.elections import list_bulk, list_sources, lists
from daihoi.elections.list_bulk import NewCandidate
from daihoi.elections.list_sources import EXACT, NONE, SEVERAL
from daihoi.elections.models import Candidate
from daihoi.rules.collation import sort_names
from tests.conftest import make_member


@pytest.fixture
def draft(congress, users):
    return lists.create_election(
        users.east, congress, kind="committee", title="Bầu Ban Chấp hành", seats=4
    )


@pytest.fixture
def scope(draft, users):
    return list_sources.member_scope(draft, users.east)


def test_it_saves_every_row_in_vietnamese_order_and_audits_each(draft, users):
    rows = [
        NewCandidate(1, "Trần Thị Bình"),
        NewCandidate(2, "Đặng Văn Đức"),
        NewCandidate(3, "Dương Văn Dũng"),
        NewCandidate(4, "Nguyễn Văn An"),
    ]
    list_bulk.add_candidates(users.east, draft, rows, source="paste")
    listed = list(lists.live_candidates(draft).values_list("full_name", flat=True))
    assert listed == ["Nguyễn Văn An", "Trần Thị Bình", "Dương Văn Dũng", "Đặng Văn Đức"]
    sources = AuditEntry.objects.filter(action="candidate.add").values_list("after", flat=True)
    assert [a["source"] for a in sources] == ["paste"] * 4


def test_it_writes_nothing_when_one_row_fails_and_names_row_and_field(draft, users):
    lists.add_candidate(users.east, draft, full_name="Lê Quốc Cường")
    rows = [
        NewCandidate(1, "Trần Thị Bình"),
        NewCandidate(2, "Lê Quốc Cường"),  # already listed
        NewCandidate(5, "Bình"),  # no family name
        NewCandidate(7, "trần thị bình"),  # the same name as line 1
    ]
    with pytest.raises(list_bulk.BulkRefused) as refused:
        list_bulk.add_candidates(users.east, draft, rows, source="paste")
    where = {(e.row, e.field) for e in refused.value.errors}
    assert where == {(2, "full_name"), (5, "full_name"), (7, "full_name")}
    assert "Dòng 5, Họ và tên: Cần đủ họ và tên." in refused.value.messages
    assert list(draft.candidates.values_list("full_name", flat=True)) == ["Lê Quốc Cường"]


def test_it_refuses_the_same_member_twice(draft, users, members):
    rows = [NewCandidate(1, "", member=members.an), NewCandidate(2, "", member=members.an)]
    with pytest.raises(list_bulk.BulkRefused) as refused:
        list_bulk.add_candidates(users.east, draft, rows, source="excel")
    assert {(e.row, e.field) for e in refused.value.errors} == {(2, "full_name"), (2, "member")}
    assert not Candidate.objects.exists()


def test_it_applies_the_convening_restriction_as_a_single_addition_does(draft, users, members):
    """QĐ 244 Điều 13 runs for every row: the same code a single addition is refused with."""
    from unittest import mock

    with mock.patch(
        "daihoi.elections.nomination_checks.convening_body_member_ids",
        return_value={members.an.pk},
    ):
        with pytest.raises(ValidationError) as single:
            lists.add_candidate(users.east, draft, member=members.an, nominated_by="self")
        with pytest.raises(list_bulk.BulkRefused) as bulk:
            list_bulk.add_candidates(
                users.east,
                draft,
                [NewCandidate(3, "", member=members.an, nominated_by="self")],
                source="paste",
            )
    assert [(e.row, e.field) for e in bulk.value.errors] == [(3, "nominated_by")]
    assert single.value.message_dict["nominated_by"][0] == bulk.value.errors[0].message


def test_it_refuses_a_locked_list(election, users):
    with pytest.raises(lists.ListLocked):
        list_bulk.add_candidates(
            users.east, election, [NewCandidate(1, "Ngô Văn Tư")], source="paste"
        )


def test_it_reads_pasted_lines_dropping_numbers_and_blanks():
    text = "1. Nguyễn Văn An\n\n  2) Trần   Thị Bình \n3\tLê Quốc Cường\nPhạm Thị Dung\t1975\n"
    assert list_sources.lines_of(text) == [
        (1, "Nguyễn Văn An"),
        (3, "Trần Thị Bình"),
        (4, "3"),
        (5, "Phạm Thị Dung"),
    ]


def test_it_shows_each_lines_registry_match(scope, members, tree):
    make_member(tree.east_cells[1], "M010", "Trần", "Thị", "Bình", gender="female")
    rows = list_sources.rows_from_text(
        scope, "nguyen van an\nTrần Thị Bình\nHoàng Văn Em\nNguyễn Thị Ấn"
    )
    assert [r.status for r in rows] == [EXACT, SEVERAL, NONE, NONE]
    assert rows[0].chosen == members.an.pk
    assert {m.code for m in rows[1].members} == {"M002", "M010"} and rows[1].chosen is None
    # Nguyễn Thị Ấn is a member of the other district: outside this congress's scope.


def test_a_line_written_with_its_marks_picks_that_member_and_offers_the_others(
    scope, members, tree
):
    make_member(tree.east_cells[1], "M011", "Nguyễn", "Văn", "Ân")
    marked, unmarked = list_sources.rows_from_text(scope, "Nguyễn Văn Ân\nnguyen van an")
    assert marked.status == EXACT and marked.chosen != members.an.pk
    assert {m.code for m in marked.members} == {"M001", "M011"}
    assert unmarked.status == SEVERAL and unmarked.chosen is None


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.text(alphabet=" \t\n.)0123456789aăâbdđeêiơưyÀẢÃÁẠẦỄộ", max_size=40), max_size=12)
)
def test_pasted_lines_are_tidy_names_with_their_line_numbers(lines):
    text = "\n".join(lines)
    read = list_sources.lines_of(text)
    numbers = [n for n, _name in read]
    assert numbers == sorted(set(numbers))
    for number, name in read:
        assert 1 <= number <= len(text.splitlines())
        assert name and name == name.strip() and "  " not in name and "\t" not in name


# The draft is emptied at the start of each example, so sharing the fixture is safe.
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(["Ân", "An", "Ấn", "Bình", "Đức", "Dũng", "Ơn", "Ước", "Yến", "Ánh"]),
        min_size=2,
        max_size=8,
        unique=True,
    )
)
def test_any_saved_batch_is_in_vietnamese_order(draft, users, given_names):
    Candidate.objects.filter(election=draft).delete()
    rows = [NewCandidate(i, f"Nguyễn Văn {g}") for i, g in enumerate(given_names, start=1)]
    list_bulk.add_candidates(users.east, draft, rows, source="paste")
    listed = list(lists.live_candidates(draft).values_list("full_name", flat=True))
    assert listed == sort_names([r.full_name for r in rows])


def _sheet(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_reads_an_excel_sheet_by_its_headers(scope, members):
    data = _sheet(
        ["Số đồng ý", "Họ và tên", "Giới thiệu", "Mã đảng viên"],
        [None, "Trần Thị Bình", "Cấp ủy", None],
        [7, None, "Đại hội", "M001"],
        [None, None, None, None],
        [None, "Võ Văn Tám", "ung cu", None],
    )
    rows, errors = list_sources.rows_from_excel(scope, data)
    assert errors == []
    assert [(r.row, r.text, r.status, r.nominated_by, r.poll_agree) for r in rows] == [
        (2, "Trần Thị Bình", EXACT, "convening", None),
        (3, "Nguyễn Văn An", EXACT, "congress", 7),
        (5, "Võ Văn Tám", NONE, "self", None),
    ]


def test_it_names_row_and_column_of_a_bad_cell(scope, members):
    data = _sheet(
        ["Họ và tên", "Mã đảng viên", "Giới thiệu", "Số đồng ý"],
        ["Trần Thị Bình", "M001", None, None],
        ["Lê Quốc Cường", None, "ai đó", "-3"],
        ["Ngô Tư", "X999", None, None],
    )
    _rows, errors = list_sources.rows_from_excel(scope, data)
    assert errors == [
        "Dòng 2, cột “Mã đảng viên”: mã M001 là Nguyễn Văn An, không phải “Trần Thị Bình”.",
        "Dòng 3, cột “Giới thiệu”: ghi “Cấp ủy”, “Đại hội” hoặc “Ứng cử”.",
        "Dòng 3, cột “Số đồng ý”: cần một số nguyên không âm.",
        "Dòng 4, cột “Mã đảng viên”: không có đảng viên mã X999.",
    ]


def test_it_refuses_a_file_that_is_not_a_workbook(scope):
    rows, errors = list_sources.rows_from_excel(scope, b"PK\x03\x04 not really")
    assert rows == [] and errors


# ---- the pages --------------------------------------------------------------------------


def _url(election, name="candidates_many"):
    return reverse(f"elections:{name}", args=[election.pk])


def test_the_page_previews_pasted_names_then_saves_them(client, users, draft, members):
    client.force_login(users.east)
    page = client.post(_url(draft), {"source": "paste", "names": "Trần Thị Bình\nVõ Văn Tám"})
    assert page.status_code == 200
    assert "khớp một người" in page.text and "M002" in page.text
    assert not Candidate.objects.exists()  # the preview writes nothing
    form = {"source": "paste", "count": "2"}
    form |= {"row_0": "1", "text_0": "Trần Thị Bình", "member_0": members.binh.pk}
    form |= {"row_1": "2", "text_1": "Võ Văn Tám", "member_1": ""}
    form |= {"nominated_0": "convening", "nominated_1": "convening"}
    response = client.post(_url(draft, "candidates_many_save"), form)
    assert response.status_code == 302
    saved = {c.full_name: c.member_id for c in draft.candidates.all()}
    assert saved == {"Trần Thị Bình": members.binh.pk, "Võ Văn Tám": None}


def test_the_save_refuses_an_unchosen_row_and_writes_nothing(client, users, draft, members):
    client.force_login(users.east)
    form = {"source": "paste", "count": "2", "row_0": "1", "text_0": "Trần Thị Bình"}
    form |= {"member_0": "", "row_1": "4", "text_1": "Nguyễn", "member_1": "?"}
    response = client.post(_url(draft, "candidates_many_save"), form)
    assert response.status_code == 400
    assert "Dòng 4, Đảng viên: chọn một người" in response.text
    assert not Candidate.objects.exists()


def test_the_save_refuses_a_member_outside_the_congress(client, users, draft, members):
    client.force_login(users.east)
    form = {"source": "paste", "count": "1", "row_0": "1", "text_0": "Phạm Tiến Dũng"}
    form |= {"member_0": members.dung.pk}  # a member of the other district
    response = client.post(_url(draft, "candidates_many_save"), form)
    assert response.status_code == 400 and "không thuộc tổ chức" in response.text
    assert not Candidate.objects.exists()


def test_the_excel_template_has_the_columns_the_import_reads(client, users, draft):
    client.force_login(users.east)
    response = client.get(_url(draft, "candidates_many_template"))
    from daihoi.documents.xlsx_read import Workbook as Reader

    book = Reader(response.content)
    header = next(book.rows(next(iter(book.sheets))))[1]
    assert list(header) == [label for _key, label in list_sources.SHEET_COLUMNS]


def test_another_districts_clerk_cannot_open_the_page(client, users, draft):
    client.force_login(users.west)
    assert client.get(_url(draft)).status_code == 404
