"""QĐ 190 Điều 18.2 / QĐ 244 Điều 20.2: the numbers a delegates' election may have."""

from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.delegate_quota import Allocated, numbers_allowed

counts = st.integers(0, 400)


@given(seats=counts, alternates=counts, typed_seats=counts, typed_alternates=counts)
def test_a_first_round_elects_exactly_the_allocation(
    seats, alternates, typed_seats, typed_alternates
):
    allowed = numbers_allowed(Allocated(seats, alternates), typed_seats, typed_alternates)
    assert allowed == ((typed_seats, typed_alternates) == (seats, alternates))


@given(
    seats=st.integers(1, 400),
    data=st.data(),
)
def test_a_later_round_elects_what_is_left(seats, data):
    elected = data.draw(st.integers(1, seats))
    alternates = data.draw(st.integers(0, 50))
    done = data.draw(st.integers(0, alternates))
    allocated = Allocated(seats, alternates, elected, done)
    assert numbers_allowed(allocated, seats - elected, 0)
    assert numbers_allowed(allocated, seats - elected, alternates - done)
    assert not numbers_allowed(allocated, seats - elected + 1, 0)
    assert not numbers_allowed(allocated, seats - elected, alternates - done + 1)


def test_the_reported_case_99_where_46_were_allocated():
    assert not numbers_allowed(Allocated(46, 3), 99, 3)
    assert numbers_allowed(Allocated(46, 3), 46, 3)
