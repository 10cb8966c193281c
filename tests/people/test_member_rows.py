"""The import's row checker (validation.MemberRows) remembers each field's parse of a value;
it must judge every row exactly as validate_member does, however values repeat."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.people.validation import MEMO_LIMIT, MemberRows, validate_member
from tests.people.test_validation import member

# Values good and bad for each field, so that rows mix repeats of both kinds.
CHOICES = {
    "code": ["DV1", "DV 2", "X/3", ""],
    "family_name": ["Nguyễn", "Lê2", "  ", None],
    "given_name": ["Hải", "An", "Hà!"],
    "gender": ["Nam", "nu", "khác", 1],
    "birth_date": ["05/09/1980", "1975", "31/02/1980", dt.date(2001, 1, 1), 29000, "2999"],
    "ethnicity": ["Kinh", "8", 8, "Xyz"],
    "citizen_id": ["001080000123", "001.080.000.124", "12", None, 1080000125],
    "party_card_number": ["12.345678", "12", ""],
    "admitted_on": ["03/02/2005", "03/02/1990", "x"],
    "full_member_on": ["03/02/2006", None, "01/01/2005"],
    "status": ["Chính thức", "Dự bị", "?"],
    "general_education": ["12/12", "9/10", dt.date(2024, 12, 12), "13/12"],
    "organization_code": ["C011", "C 1", None],
}
FIELDS = list(dict.fromkeys([*member(), *CHOICES, "religion", "hometown"]))
rows = st.lists(
    st.fixed_dictionaries({f: st.sampled_from(v) for f, v in CHOICES.items()}), max_size=12
)


def as_cells(raw: dict) -> tuple:
    return tuple(raw.get(f) for f in FIELDS)


def same(a, b) -> bool:
    return a[0] == b[0] and [(e.field, e.code, e.message) for e in a[1]] == [
        (e.field, e.code, e.message) for e in b[1]
    ]


@settings(max_examples=150, deadline=None)
@given(rows)
def test_it_judges_every_row_as_validate_member_does(values):
    checker = MemberRows({f: n for n, f in enumerate(FIELDS)})
    for changes in values + values:  # every value a second time: from the memo
        raw = member(**changes)
        assert same(checker.check(as_cells(raw)), validate_member(dict(raw)))


def test_a_short_row_reads_missing_cells_as_blank_and_a_full_memo_starts_again():
    checker = MemberRows({f: n for n, f in enumerate(FIELDS)})
    _clean, errors = checker.check(("DV1",))
    assert {e.field for e in errors} >= {"family_name", "organization_code"}
    for n in range(MEMO_LIMIT + 10):
        checker.check(as_cells(member(hometown=f"Xã {n}", organization_code="C011")))
    assert all(len(memo) <= MEMO_LIMIT for memo in checker.memos.values())
