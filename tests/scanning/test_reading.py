"""Choosing the paper size of a scan, with a stand-in for the reader (no Django needed)."""

import numpy as np
import pytest

from daihoi.scanning import reading
from daihoi.scanning.omr import reader
from daihoi.scanning.omr.types import Mark, PageReading, PageStatus, RowReading
from daihoi.scanning.sizes import ElectionTemplates

PAYLOAD = "DAIHOI|e=1|r=1|l=e1r1-abc|n=2"


def ok(flags=(), unsure=()):
    rows = tuple(
        RowReading(p, Mark.KEPT, 0.5 if p in unsure else 1.0, p in unsure, (0, 0, 4, 4))
        for p in (1, 2)
    )
    aligned = np.full((40, 30), 250, np.uint8)
    return PageReading(PageStatus.OK, "", PAYLOAD, rows, tuple(flags), aligned, 200)


def refused(status, payload=""):
    return PageReading(status, "từ chối", payload)


@pytest.fixture
def pages(monkeypatch):
    """answers[size] lists what the reader says of page 0, 1, 2… with that size's template."""
    answers: dict[str, list] = {}
    calls: list = []

    def read_page(image, template, *, dpi=200):
        calls.append((template, int(image[0, 0])))
        return answers[template][int(image[0, 0])]

    monkeypatch.setattr(reader, "read_page", read_page)
    return answers, calls


def templates(first="A4"):
    sizes = (first, "A5" if first == "A4" else "A4")
    # The "templates" are the size names themselves: the stand-in reader needs no more.
    return ElectionTemplates(PAYLOAD, "struck", 2, tuple((s, s) for s in sizes))


def images(n):
    return [np.full((4, 4), i, np.uint8) for i in range(n)]


def test_the_size_whose_readings_are_clean_wins_even_if_the_other_says_ok(pages):
    answers, _ = pages
    answers["A4"] = [ok(flags=["writing_outside"], unsure=[2]), ok(flags=["writing_outside"]), ok()]
    answers["A5"] = [ok(), ok(unsure=[1]), ok()]
    chosen, results = reading.choose_size(images(3), templates(), 200)
    assert chosen.preferred == "A5"
    assert [r.size for r in results] == ["A5"] * 3


def test_a_reader_that_refuses_the_other_size_makes_the_choice_plain(pages):
    answers, _ = pages
    answers["A4"] = [refused(PageStatus.UNREADABLE)] * 3
    answers["A5"] = [ok(flags=["writing_outside"]), ok(unsure=[1, 2]), ok()]
    chosen, results = reading.choose_size(images(3), templates(), 200)
    assert chosen.preferred == "A5" and [r.status for r in results] == ["ok"] * 3


def test_clean_pages_in_the_preferred_size_are_not_read_with_the_other(pages):
    answers, calls = pages
    answers["A4"] = [ok(), ok(), ok()]
    answers["A5"] = [ok(), ok(), ok()]
    chosen, results = reading.choose_size(images(3), templates(), 200)
    assert chosen.preferred == "A4" and [r.size for r in results] == ["A4"] * 3
    assert [size for size, _ in calls] == ["A4"] * 3


def test_the_preferred_size_is_read_no_further_once_another_reads_cleaner(pages):
    answers, calls = pages
    answers["A4"] = [ok(), refused(PageStatus.UNREADABLE, PAYLOAD), ok()]
    answers["A5"] = [ok(), ok(), ok()]
    chosen, results = reading.choose_size(images(3), templates(), 200)
    assert chosen.preferred == "A5" and [r.size for r in results] == ["A5"] * 3
    # The A4 template's third page is never read: A4 already scored worse than A5 in full.
    assert calls == [("A4", 0), ("A4", 1), ("A5", 0), ("A5", 1), ("A5", 2)]


def test_the_preferred_size_still_wins_a_tie_with_all_its_pages_read(pages):
    answers, calls = pages
    answers["A4"] = [ok(unsure=[1]), ok(), ok()]
    answers["A5"] = [ok(), ok(unsure=[2]), ok()]
    chosen, results = reading.choose_size(images(3), templates(), 200)
    assert chosen.preferred == "A4" and [r.size for r in results] == ["A4"] * 3
    assert sorted(calls) == sorted([("A4", k) for k in range(3)] + [("A5", k) for k in range(3)])


def test_a_page_of_the_other_size_later_in_the_pile_is_read_with_that_size(pages):
    answers, calls = pages
    answers["A4"] = [ok(), refused(PageStatus.WRONG_BALLOT, PAYLOAD), refused(PageStatus.BLANK)]
    answers["A5"] = [refused(PageStatus.UNREADABLE), ok(), refused(PageStatus.BLANK)]
    first, second, blank = (reading.read_image(i, templates(), 200) for i in images(3))
    assert (first.status, first.size) == ("ok", "A4")
    assert (second.status, second.size) == ("ok", "A5")
    assert blank.status == "blank"
    # A blank sheet is not read again with the other size: no size makes it a ballot.
    assert [c for c in calls if c[1] == 2] == [("A4", 2)]


def test_another_elections_code_is_kept_as_the_first_answer(pages):
    answers, _ = pages
    answers["A4"] = [refused(PageStatus.WRONG_BALLOT, "DAIHOI|e=9|r=1|l=x|n=3")]
    answers["A5"] = [refused(PageStatus.UNREADABLE)]
    result = reading.read_image(images(1)[0], templates(), 200)
    assert result.status == "wrong_ballot" and result.payload.startswith("DAIHOI|e=9")
