"""The counting team's pages: keyboard entry, double entry, the leader's reconciliation."""

import pytest
from django.urls import reverse

from daihoi.accounts.models import Role
from daihoi.elections import entry, lists
from daihoi.elections.entry_machine import MESSAGES
from daihoi.elections.forms import parse_entry_line
from daihoi.elections.judging import BallotInputError
from daihoi.elections.models import BatchStatus, CountedBallot, EnteredBallot
from tests.conftest import make_user
from tests.elections.conftest import make_first_meeting

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def batch(election, counting):
    return entry.create_batch(None, election, team=counting.team, number=1)


def start(client, user, batch):
    client.force_login(user)
    return client.post(reverse("elections:entry_start", args=[batch.pk]), follow=True)


def type_line(client, batch, line, **headers):
    return client.post(reverse("elections:entry_save", args=[batch.pk]), {"line": line}, **headers)


def enter_all(client, user, batch, lines):
    start(client, user, batch)
    for line in lines:
        assert type_line(client, batch, line, **JSON).json()["ok"], line
    total = len(lines)
    return client.post(
        reverse("elections:entry_finalise", args=[batch.pk]), {"count": total}, follow=True
    )


# Ballot order: 1 An, 2 Bình, 3 Cường, 4 Dung, 5 Em; 4 seats of 5 names → strike-through form.
LINES = ["5", "5", "4", "5", "1", "4", "5", "2", "5", "", "1 2"]


@pytest.mark.parametrize(
    "line, content",
    [
        ("3 5", {"struck": [3, 5]}),
        ("3,5", {"struck": [3, 5]}),
        ("2-4", {"struck": [2, 3, 4]}),
        ("", {"struck": []}),
        ("k", {"invalid": "not_issued"}),
        ("D", {"invalid": "signed_or_marked"}),
        ("đ", {"invalid": "signed_or_marked"}),
        ("g", {"invalid": "written_in"}),
        ("-", None),
    ],
)
def test_it_reads_the_strike_through_shorthand(line, content):
    assert parse_entry_line(line, 5, 4) == content


def test_it_reads_one_digit_per_row_on_a_list_without_surplus():
    assert parse_entry_line("1203", 4, 4) == {
        "marks": {"1": "agree", "2": "disagree", "3": "none", "4": "both"}
    }
    assert parse_entry_line("", 2, 2) == {"marks": {"1": "agree", "2": "agree"}}
    for bad, code in [("12", "wrong_length"), ("1x11", "bad_mark")]:
        with pytest.raises(BallotInputError) as err:
            parse_entry_line(bad, 4, 4)
        assert err.value.code == code


def test_it_opens_the_screen_with_the_list_and_the_keys(client, counting, batch):
    page = start(client, counting.op1, batch).text
    assert 'id="entry-line"' in page and "autofocus" in page
    assert "Bảng phím" in page
    assert "Hoàng Văn Em" in page  # the list, for the preview script
    assert "Lần nhập 1" in page


def test_it_saves_a_ballot_and_shows_the_count(client, counting, batch):
    start(client, counting.op1, batch)
    answer = type_line(client, batch, "5", **JSON).json()
    assert answer["ok"] and answer["total"] == 1
    assert "Hợp lệ" in answer["message"]
    answer = type_line(client, batch, "", **JSON).json()  # nothing struck: 5 kept for 4 seats
    assert answer["total"] == 2
    assert "Bầu quá số lượng" in answer["message"]
    assert "1</strong>" in answer["html"]  # one valid, one invalid in the running count
    assert [b.content for b in EnteredBallot.objects.order_by("seq")] == [
        {"struck": [5]},
        {"struck": []},
    ]
    page = client.get(reverse("elections:entry", args=[batch.pk])).text
    assert 'id="next-seq">3<' in page


def test_it_saves_through_a_plain_form_post_too(client, counting, batch):
    start(client, counting.op1, batch)
    page = type_line(client, batch, "3 4", follow=True).text
    assert "Phiếu số 1 đã lưu" in page
    assert EnteredBallot.objects.count() == 1


def test_it_refuses_a_typing_error_and_saves_nothing(client, counting, batch):
    start(client, counting.op1, batch)
    for line, text in [
        ("9", "Số 9 không có trên phiếu (1–5)"),
        ("2 2", "Số 2 được nhập hai lần"),
        ("2 x", "không phải số thứ tự"),
        ("3-9", "Số 9 không có trên phiếu"),
    ]:
        response = type_line(client, batch, line, **JSON)
        assert response.status_code == 422
        assert text in response.json()["message"]
    assert not EnteredBallot.objects.exists()


def test_it_records_ballots_invalid_by_eye(client, counting, batch):
    start(client, counting.op1, batch)
    answer = type_line(client, batch, "k", **JSON).json()
    assert "Không phải phiếu do Ban kiểm phiếu phát ra" in answer["message"]
    ballot = EnteredBallot.objects.get()
    assert (ballot.valid, ballot.reason) == (False, "not_issued")


def test_it_undoes_the_last_ballot(client, counting, batch):
    start(client, counting.op1, batch)
    type_line(client, batch, "1", **JSON)
    type_line(client, batch, "2", **JSON)
    answer = type_line(client, batch, "-", **JSON).json()
    assert answer["ok"] and answer["total"] == 1
    assert "Đã xóa phiếu số 2" in answer["message"]
    assert [b.content for b in EnteredBallot.objects.all()] == [{"struck": [1]}]


def test_it_finalises_only_when_the_paper_count_matches(client, counting, batch):
    start(client, counting.op1, batch)
    type_line(client, batch, "1", **JSON)
    url = reverse("elections:entry_finalise", args=[batch.pk])
    page = client.post(url, {"count": 2}, follow=True).text
    assert "Đã nhập 1 phiếu" in page
    assert batch.entries.get().status == "in_progress"
    page = client.post(url, {"count": 1}, follow=True).text
    assert "Đã hoàn tất lần nhập 1 (1 phiếu)" in page
    assert "Chờ lần nhập độc lập tiếp theo" in page


def test_it_asks_a_different_operator_for_the_second_entry(client, counting, batch):
    enter_all(client, counting.op1, batch, LINES)
    page = start(client, counting.op1, batch).text
    assert MESSAGES["same_operator"] in page
    assert batch.entries.count() == 1


def test_it_reconciles_when_two_operators_agree(client, counting, batch):
    enter_all(client, counting.op1, batch, LINES)
    page = enter_all(client, counting.op2, batch, LINES).text
    assert "Các lần nhập khớp nhau" in page
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RECONCILED
    assert CountedBallot.objects.count() == len(LINES)


def test_it_hides_the_entry_screen_from_everyone_outside_the_team(
    client, counting, batch, users, tree
):
    other_team_member = make_user("to2", tree.east_commune, Role.COUNTING)
    entry.create_team(
        None, batch.election.congress, name="Tổ 2", leader=other_team_member, members=[]
    )
    for user in (users.east, users.province, other_team_member):
        client.force_login(user)
        for name in ("elections:entry", "elections:reconcile"):
            assert client.get(reverse(name, args=[batch.pk])).status_code == 404, (user, name)
        assert type_line(client, batch, "1").status_code == 404
    assert not EnteredBallot.objects.exists()


@pytest.fixture
def different(client, counting, batch):
    enter_all(client, counting.op1, batch, LINES)
    typo = list(LINES)
    typo[3] = "3"  # the fourth ballot: op1 read "5", op2 typed "3"
    enter_all(client, counting.op2, batch, typo)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DIFFERENT
    return batch


def test_it_shows_the_differing_ballots_side_by_side(client, counting, different):
    client.force_login(counting.leader)
    page = client.get(reverse("elections:reconcile", args=[different.pk])).text
    assert "Phiếu thứ 4 trong tập" in page
    assert "Lần 1 (nhap1) đúng" in page and "Lần 2 (nhap2) đúng" in page
    assert "<s>Hoàng Văn Em</s>" in page and "<s>Lê Quốc Cường</s>" in page
    assert 'name="ballot-4"' in page


def test_it_lets_only_the_leader_resolve(client, counting, different):
    url = reverse("elections:reconcile_resolve", args=[different.pk])
    client.force_login(counting.op1)
    page = client.post(url, {"ballot-4": "1", "reason": "xem phiếu"}, follow=True).text
    assert MESSAGES["not_leader"] in page
    assert not CountedBallot.objects.exists()
    client.force_login(counting.leader)
    page = client.post(url, {"ballot-4": "1", "reason": "Đối chiếu phiếu gốc"}, follow=True).text
    assert "hòm phiếu đã được tính" in page
    different.refresh_from_db()
    assert different.status == BatchStatus.RECONCILED
    assert CountedBallot.objects.get(seq=4).content == {"struck": [5]}


def test_it_refuses_to_resolve_with_a_ballot_left_undecided(client, counting, different):
    client.force_login(counting.leader)
    url = reverse("elections:reconcile_resolve", args=[different.pk])
    page = client.post(url, {"reason": "Đối chiếu"}, follow=True).text
    assert MESSAGES["unresolved"] in page


def test_it_returns_an_entry_to_its_operator(client, counting, different):
    client.force_login(counting.leader)
    second = different.entries.get(slot=2)
    url = reverse("elections:entry_reopen", args=[second.pk])
    client.post(url, {"reason": "Gõ nhầm phiếu 4"})
    second.refresh_from_db()
    assert second.status == "in_progress"
    client.force_login(counting.op2)
    page = client.get(reverse("elections:entry", args=[different.pk])).text
    assert 'id="entry-line"' in page and 'id="next-seq">12<' in page


def test_it_lists_the_operators_batches(client, counting, batch):
    client.force_login(counting.op2)
    page = client.get(reverse("elections:my_batches")).text
    assert "Hòm số 1" in page
    assert reverse("elections:entry", args=[batch.pk]) in page


def test_it_enters_box_ballots_one_digit_per_row(client, congress, counting, users):
    election = lists.create_election(
        users.east,
        congress,
        kind="secretary",
        title="Bầu Bí thư",
        seats=1,
        sitting=make_first_meeting(congress, 5),
    )
    lists.add_candidate(users.east, election, full_name="Nguyễn Văn An")
    election = lists.approve_list(users.east, election)
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    page = start(client, counting.op1, batch).text
    assert "gõ một chữ số cho mỗi dòng" in page
    for line, text in [("", "Hợp lệ"), ("2", "Hợp lệ"), ("3", "đánh dấu cả hai ô")]:
        assert text in type_line(client, batch, line, **JSON).json()["message"], line
    assert type_line(client, batch, "11", **JSON).status_code == 422
    assert [b.valid for b in EnteredBallot.objects.order_by("seq")] == [True, True, False]


def test_it_highlights_the_rows_the_entries_read_differently(client, counting, different):
    client.force_login(counting.leader)
    page = client.get(reverse("elections:reconcile", args=[different.pk]))
    (row,) = page.context["rows"]
    assert row["differs"] == [3, 5]  # op1 struck 5 (Em), op2 struck 3 (Cường)
    assert page.text.count('<tr class="differs">') == 4  # two rows on each of the two papers
    assert "khác ở dòng 3, 5" in page.text
    assert "elections/reconcile.js" in page.text


def test_marking_differences_flags_exactly_the_differing_rows():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from daihoi.elections.views_entry import mark_differences, paper

    names = [f"N{i}" for i in range(1, 13)]

    @settings(max_examples=200, deadline=None)
    @given(a=st.sets(st.integers(1, 12)), b=st.sets(st.integers(1, 12)))
    def check(a, b):
        cells = [{"paper": paper({"struck": sorted(s)}, names)} for s in (a, b)]
        assert mark_differences(cells) == sorted(a ^ b)
        for cell in cells:
            flagged = {r["position"] for r in cell["paper"]["rows"] if r.get("differs")}
            assert flagged == a ^ b

    check()
