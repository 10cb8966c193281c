"""The reader's decisions on a fixed sample of synthetic pages do not move (reader_golden.py):
a speed-up must read every row as before, mark, confidence and reason alike."""

import pytest

from tests.scanning.reader_golden import readings, stored


@pytest.fixture(scope="module")
def now():
    return readings()


def test_it_reads_the_same_pages(now):
    assert sorted(now) == sorted(stored())


@pytest.mark.parametrize("key", sorted(stored()))
def test_it_reads_every_row_as_before(now, key):
    before, after = stored()[key], now[key]
    assert (after["status"], after["flags"]) == (before["status"], before["flags"])
    changed = [(b, a) for b, a in zip(before["rows"], after["rows"], strict=True) if a != b]
    assert changed == [], f"{key}: rows read otherwise (before, after): {changed}"
