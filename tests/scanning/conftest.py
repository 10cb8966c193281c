"""A congress with two elections (one of each ballot form), a counting team and a ballot box each.

``fake_reader`` replaces the OMR reader with a script of readings, for the tests
of the Django side that need exact control of what the reader says; the tests
in test_synthetic_scans.py use the real reader on synthetic scans.
"""

from types import SimpleNamespace

import cv2
import numpy as np
import pytest

from daihoi.accounts.models import Role
from daihoi.congresses.services import create_congress, update_attendance
from daihoi.elections import entry, lists
from daihoi.scanning import reading
from daihoi.scanning.omr.types import PageStatus
from tests.conftest import make_user
from tests.elections.conftest import make_first_meeting

# Ballot order (by given name): 1 An, 2 Bình, 3 Cường, 4 Dung, 5 Em.
NAMES = ["Trần Thị Bình", "Nguyễn Văn An", "Lê Quốc Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
BOX_NAMES = ["Vũ Văn Hải", "Đặng Thị Lan", "Bùi Văn Minh"]


@pytest.fixture
def congress(tree, users):
    c = create_congress(
        users.east,
        tree.east_commune,
        name="Đại hội Đảng bộ xã Đông Hòa lần thứ XX",
        kind="delegates",
    )
    return update_attendance(users.east, c, summoned=11, present=11)


@pytest.fixture
def counting(congress, tree):
    leader = make_user("truong_to", tree.east_commune, Role.COUNTING)
    op1 = make_user("nhap1", tree.east_commune, Role.COUNTING)
    op2 = make_user("nhap2", tree.east_commune, Role.COUNTING)
    other = make_user("to_khac", tree.east_commune, Role.COUNTING)
    team = entry.create_team(None, congress, name="Tổ 1", leader=leader, members=[op1, op2])
    other_team = entry.create_team(None, congress, name="Tổ 2", leader=other, members=[])
    return SimpleNamespace(
        team=team, leader=leader, op1=op1, op2=op2, other=other, other_team=other_team
    )


def _election(actor, congress, title, seats, names, kind="committee", sitting=None):
    e = lists.create_election(actor, congress, kind=kind, title=title, seats=seats, sitting=sitting)
    for name in names:
        lists.add_candidate(actor, e, full_name=name)
    return lists.approve_list(actor, e)


@pytest.fixture
def election(congress, users):
    """4 seats, 5 names: the strike-through form."""
    return _election(users.east, congress, "Bầu Ban Chấp hành", 4, NAMES)


@pytest.fixture
def box_election(congress, users):
    """3 seats, 3 names: the boxes form (đồng ý / không đồng ý); the new committee's first
    meeting (11 members, all present) elects its inspection committee."""
    return _election(
        users.east,
        congress,
        "Bầu Ủy ban Kiểm tra",
        3,
        BOX_NAMES,
        kind="inspection_committee",
        sitting=make_first_meeting(congress, 11),
    )


@pytest.fixture
def batch(election, counting):
    return entry.create_batch(None, election, team=counting.team, number=1)


@pytest.fixture
def box_batch(box_election, counting):
    return entry.create_batch(None, box_election, team=counting.team, number=1)


def png(seed: int = 0) -> bytes:
    """A small grey image: a page for the fake reader (the real one would reject it)."""
    image = np.full((60, 40), 255 - seed % 50, np.uint8)
    return cv2.imencode(".png", image)[1].tobytes()


def files(n: int) -> list[tuple[str, bytes]]:
    return [(f"trang-{i:03d}.png", png(i)) for i in range(1, n + 1)]


def row(position, mark, confidence=0.99, uncertain=False):
    return {
        "position": position,
        "mark": mark,
        "confidence": confidence,
        "uncertain": uncertain,
        "crop": [10, 10 + 8 * position, 30, 8],
    }


def struck_page(struck=(), uncertain=(), flags=(), names=5):
    rows = [
        row(p, "struck" if p in struck else "kept", 0.6 if p in uncertain else 0.99, p in uncertain)
        for p in range(1, names + 1)
    ]
    return ok_page(rows, flags)


def boxes_page(marks: dict[int, str], uncertain=(), flags=()):
    rows = [
        row(p, m, 0.6 if p in uncertain else 0.99, p in uncertain) for p, m in sorted(marks.items())
    ]
    return ok_page(rows, flags)


def ok_page(rows, flags=()):
    image = np.full((120, 80), 250, np.uint8)
    return reading.PageResult(
        file_name="",
        file_page=0,
        status=PageStatus.OK,
        payload="",
        flags=tuple(flags),
        rows=rows,
        image=reading.encode(image),
    )


def rejected(status: PageStatus, message: str):
    return reading.PageResult(file_name="", file_page=0, status=status, message=message)


@pytest.fixture
def fake_reader(monkeypatch):
    """``script.extend([...PageResult])``: what the reader says of each next page."""
    script: list = []
    seen: list = []  # (image, result): a page is read again with the other paper size

    def read_image(image, templates, dpi=reading.DPI):
        for known, result in seen:
            if known is image:
                return result
        if not script:
            raise AssertionError("the fake reader has no reading left for this page")
        result = script.pop(0)
        if callable(result):
            result = result()
        seen.append((image, result))
        return result

    monkeypatch.setattr(reading, "read_image", read_image)
    return script


def unclear_scan(spec, marks: dict, unclear: dict, seed: int, page_size="A4", turned=False):
    """One scanned ballot with ``marks`` (position → omr Mark) and rows drawn unclear on
    purpose (``unclear``: position → a synthetic style such as "ambiguous")."""
    from daihoi.scanning import synthetic

    template = synthetic.ballot_template(spec, page_size)
    blank = synthetic.ballot_image(spec, page_size=page_size)
    rng = np.random.default_rng(seed)
    paper = synthetic.draw_marks(blank, template, marks, rng, style=unclear)
    return synthetic.simulate_scan(paper, rng, upside_down=turned)


def flagged_unclear_scan(spec, marks: dict, unclear: dict, page_size="A4", turned=False):
    """An unclear ballot the real reader does send to a person (first of a few seeds):
    the Django side is tested on adjudication, not on how unsure the reader is."""
    from daihoi.scanning import synthetic
    from daihoi.scanning.omr.reader import read_page

    template = synthetic.ballot_template(spec, page_size)
    for seed in range(4, 16):
        image = unclear_scan(spec, marks, unclear, seed, page_size, turned)
        rows = {r.position: r for r in read_page(image, template).rows}
        if all(p in rows and rows[p].uncertain for p in unclear):
            return image
    raise AssertionError(f"the reader decided every unclear {sorted(unclear)} by itself")
