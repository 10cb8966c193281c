"""The count file contract: QĐ 190-QĐ/TW 2024, Điều 15 and 30, on plain dicts."""

import copy
import unicodedata

import pytest

from daihoi.rules.countfile import CountInputError, count_election

PORTAL_CELL = {
    "rules": "2024",
    "congress": "members",
    "seats": 1,
    "base": 11,
    "candidates": ["Ngô Thị Hạnh", "Lý Văn Khoa"],
    # 10 present of 11 full members; elect one of two.
    "ballots": [{"struck": [2]}] * 5 + [{"struck": [1]}] * 5,
}


def with_(**changes):
    data = copy.deepcopy(PORTAL_CELL)
    data.update(changes)
    return data


def test_it_does_not_elect_five_of_eleven__dieu_le_12_3():
    """dangcongsan.vn Q&A on Điều lệ Đảng, Điều 12.3: 5 votes of a base of 11 is not enough."""
    result = count_election(PORTAL_CELL)
    assert [row["votes"] for row in result["candidates"]] == [5, 5]
    assert result["elected"] == []
    assert result["tied_for_last_seat"] == []  # a tie below half is no tie for a seat
    assert result["seats_unfilled"] == 1
    assert result["candidates"][0]["percent_of_base"] == 45.45
    assert result["candidates"][0]["percent_of_valid"] == 50.0


def test_it_elects_six_of_eleven__dieu_le_12_3():
    result = count_election(with_(ballots=[{"struck": [2]}] * 6 + [{"struck": [1]}] * 4))
    assert result["elected"] == ["Ngô Thị Hạnh"]
    assert result["candidates"][0]["elected"] is True
    assert result["candidates"][1]["elected"] is False


def test_it_keeps_the_list_in_the_order_given():
    data = with_(candidates=["Lý Văn Khoa", "Ngô Thị Hạnh"])
    names = [row["name"] for row in count_election(data)["candidates"]]
    assert names == ["Lý Văn Khoa", "Ngô Thị Hạnh"]


def test_it_reports_zero_percent_of_valid_when_no_ballot_is_valid():
    result = count_election(with_(ballots=[{"invalid": "not_issued"}, {"struck": [1, 2]}]))
    assert (result["collected"], result["valid"], result["invalid"]) == (2, 0, 2)
    assert result["invalid_by_reason"] == {"all_struck": 1, "not_issued": 1}
    assert all(row["percent_of_valid"] == 0 for row in result["candidates"])


def test_it_returns_exactly_the_contracts_keys():
    result = count_election(PORTAL_CELL)
    assert list(result) == [
        "collected",
        "valid",
        "invalid",
        "invalid_by_reason",
        "candidates",
        "elected",
        "tied_for_last_seat",
        "seats_unfilled",
    ]
    assert list(result["candidates"][0]) == [
        "position",
        "name",
        "votes",
        "percent_of_base",
        "percent_of_valid",
        "elected",
    ]


# (changes, ballot number or None, words the message must contain)
MALFORMED = [
    ({"extra": 1}, None, "unknown key 'extra'"),
    ({"rules": "2020"}, None, "rules"),
    ({"congress": "province"}, None, "congress"),
    ({"seats": 0}, None, "seats must be at least 1"),
    ({"seats": "1"}, None, "seats must be an integer"),
    ({"seats": True}, None, "seats must be an integer"),
    ({"base": 0}, None, "base must be at least 1"),
    ({"base": 11.0}, None, "base must be an integer"),
    ({"candidates": []}, None, "candidates"),
    ({"candidates": ["Ngô Thị Hạnh", 7]}, None, "candidate 2"),
    ({"candidates": ["Ngô Thị Hạnh", unicodedata.normalize("NFD", "ngô thị hạnh")]}, None, "dup"),
    ({"ballots": {}}, None, "ballots must be a list"),
    ({"ballots": [{"struck": [1]}, "x"]}, 2, "must be an object"),
    ({"ballots": [{"struck": [3]}]}, 1, "outside 1..2"),
    ({"ballots": [{"struck": [0]}]}, 1, "outside 1..2"),
    ({"ballots": [{"struck": ["1"]}]}, 1, "not an integer"),
    ({"ballots": [{"struck": [1, 1]}]}, 1, "twice"),
    ({"ballots": [{"struck": 1}]}, 1, "list"),
    ({"ballots": [{"marks": {"1": "agree"}}]}, 1, "'marks' ballot"),
    ({"ballots": [{}]}, 1, "exactly one"),
    ({"ballots": [{"struck": [1], "invalid": "not_issued"}]}, 1, "exactly one"),
    ({"ballots": [{"struck": [1], "why": "x"}]}, 1, "unknown key 'why'"),
    ({"ballots": [{"invalid": "too_many"}]}, 1, "invalid must be one of"),
]


@pytest.mark.parametrize(("changes", "ballot", "words"), MALFORMED)
def test_it_refuses_malformed_input_with_one_message(changes, ballot, words):
    with pytest.raises(CountInputError) as caught:
        count_election(with_(**changes))
    assert caught.value.ballot == ballot
    assert words in caught.value.message


@pytest.mark.parametrize("key", ["rules", "congress", "seats", "base", "candidates", "ballots"])
def test_it_refuses_a_missing_key(key):
    data = with_()
    del data[key]
    with pytest.raises(CountInputError, match=f"missing key '{key}'"):
        count_election(data)


BOX_LIST = {"seats": 2, "candidates": ["Ngô Thị Hạnh", "Lý Văn Khoa"]}


@pytest.mark.parametrize(
    ("marks", "words"),
    [
        ({"3": "agree"}, "outside 1..2"),
        ({"01": "agree"}, "not a position"),
        ({"x": "agree"}, "not a position"),
        ({"1": "yes"}, "row 1 must be one of"),
        ({"1": None}, "row 1 must be one of"),
    ],
)
def test_it_refuses_malformed_marks(marks, words):
    with pytest.raises(CountInputError) as caught:
        count_election(with_(**BOX_LIST, ballots=[{"marks": {"1": "agree"}}, {"marks": marks}]))
    assert caught.value.ballot == 2
    assert words in caught.value.message


def test_it_refuses_a_strike_ballot_on_a_list_without_surplus():
    with pytest.raises(CountInputError) as caught:
        count_election(with_(**BOX_LIST, ballots=[{"struck": [1]}]))
    assert caught.value.ballot == 1


def test_it_refuses_something_that_is_not_an_object():
    with pytest.raises(CountInputError, match="JSON object"):
        count_election([PORTAL_CELL])


def test_the_error_names_the_ballot_in_its_text():
    error = CountInputError("position 4 is outside 1..3", 7)
    assert str(error) == "ballot 7: position 4 is outside 1..3"
    assert str(CountInputError("seats must be at least 1")) == "seats must be at least 1"
