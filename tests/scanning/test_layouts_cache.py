"""The templates of a ballot are built once per process and served again to the next scan of
the same ballot (their reference pages with them); another list is another ballot."""

from dataclasses import replace

from daihoi.elections.lists import ballot_spec
from daihoi.scanning import layouts
from daihoi.scanning.omr.reference import reference_for


def test_it_serves_a_ballots_templates_again(election):
    first = layouts.election_templates(election)
    reference_for(first.by_size[0][1], 200)
    again = layouts.election_templates(election, "A5")
    assert dict(again.by_size)["A4"] is dict(first.by_size)["A4"]
    assert ("reference", 200) in dict(again.by_size)["A4"]._cache


def test_another_list_is_another_template(election):
    spec = ballot_spec(election)
    other = replace(spec, candidates=(*spec.candidates[:-1], "Ngô Văn Khác"))
    assert layouts._template(spec, "A4") is layouts._template(spec, "A4")
    assert layouts._template(other, "A4") is not layouts._template(spec, "A4")
    assert layouts._template(other, "A4").payload == layouts._template(spec, "A4").payload


def test_it_remembers_a_list_too_long_for_a_size(election, monkeypatch):
    spec = ballot_spec(election)
    long = replace(spec, candidates=tuple(f"Nguyễn Văn Số {k}" for k in range(70)))
    laid_out = []
    real = layouts.ballot_layout

    def counting(the_spec, size):
        laid_out.append(size)
        return real(the_spec, size)

    monkeypatch.setattr(layouts, "ballot_layout", counting)
    assert layouts._template(long, "A5") is None
    assert layouts._template(long, "A5") is None
    assert laid_out == ["A5"]
