"""A small shared cast: one province, two districts, their grassroots and cells, and users."""

import datetime as dt
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import settings

from daihoi.accounts.models import Role, User
from daihoi.organizations.services import create_organization
from daihoi.people.services import create_member

# No test is timed (the benchmarks in bench/ are the measure): Hypothesis's per-example
# deadline only turns a loaded CI machine into failures, so it is off for the whole suite.
settings.register_profile("daihoi", deadline=None)
settings.load_profile("daihoi")


def pytest_configure(config):
    """Tests create many users: PBKDF2's million rounds cost ~0.5 s each, MD5 is enough here.
    Uploaded and generated files go to a throw-away folder, never the real media/."""
    import tempfile

    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="daihoi-test-media-")
    # The audit chain's HMAC key: a fresh one per run, created on the first entry.
    settings.AUDIT_KEY_FILE = str(Path(tempfile.mkdtemp(prefix="daihoi-test-key-")) / "audit.key")
    # Servers and workers the tests start (gunicorn, typists, job workers) sign with the same key.
    os.environ["DAIHOI_AUDIT_KEY_FILE"] = settings.AUDIT_KEY_FILE
    # WhiteNoise warns on every request when the collected-static folder is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def tree(db):
    """Tỉnh A → {Huyện Đông, Huyện Tây}; each has a xã with two chi bộ; a few members."""
    mk = create_organization
    province = mk(None, code="T01", name="Đảng bộ tỉnh A", level="province", kind="province")
    east = mk(
        None,
        code="H01",
        name="Đảng bộ huyện Đông",
        level="district",
        kind="rural_district",
        parent=province,
    )
    west = mk(
        None,
        code="H02",
        name="Đảng bộ huyện Tây",
        level="district",
        kind="rural_district",
        parent=province,
    )
    east_commune = mk(
        None,
        code="X01",
        name="Đảng bộ xã Đông Hòa",
        level="grassroots",
        kind="commune",
        parent=east,
    )
    west_commune = mk(
        None, code="X02", name="Đảng bộ xã Tây Sơn", level="grassroots", kind="commune", parent=west
    )
    east_cells = [
        mk(
            None,
            code=f"C01{i}",
            name=f"Chi bộ thôn {i}",
            level="cell",
            kind="village",
            parent=east_commune,
        )
        for i in (1, 2)
    ]
    west_cells = [
        mk(
            None,
            code=f"C02{i}",
            name=f"Chi bộ thôn {i}",
            level="cell",
            kind="village",
            parent=west_commune,
        )
        for i in (1, 2)
    ]
    return SimpleNamespace(
        province=province,
        east=east,
        west=west,
        east_commune=east_commune,
        west_commune=west_commune,
        east_cells=east_cells,
        west_cells=west_cells,
    )


def make_member(org, code, family="Nguyễn", middle="Văn", given="An", gender="male", **extra):
    data = dict(
        code=code,
        family_name=family,
        middle_name=middle,
        given_name=given,
        gender=gender,
        birth_date=dt.date(1975, 5, 1),
        admitted_on=dt.date(2000, 1, 1),
        full_member_on=dt.date(2001, 1, 1),
        organization=org,
    )
    data.update(extra)
    return create_member(None, **data)


@pytest.fixture
def members(tree):
    east_cell, west_cell = tree.east_cells[0], tree.west_cells[0]
    return SimpleNamespace(
        an=make_member(east_cell, "M001", "Nguyễn", "Văn", "An"),
        binh=make_member(east_cell, "M002", "Trần", "Thị", "Bình", gender="female"),
        cuong=make_member(tree.east_cells[1], "M003", "Lê", "Quốc", "Cường"),
        dung=make_member(west_cell, "M004", "Phạm", "Tiến", "Dũng"),
        an_west=make_member(west_cell, "M005", "Nguyễn", "Thị", "Ấn", gender="female"),
    )


def make_user(username, org, role=Role.STAFF, **extra):
    return User.objects.create_user(
        username=username, password="mat-khau-9xq", organization=org, role=role, **extra
    )


@pytest.fixture
def users(tree):
    return SimpleNamespace(
        province=make_user("tinh", tree.province, Role.ADMINISTRATOR),
        east=make_user("dong", tree.east),
        west=make_user("tay", tree.west),
        east_viewer=make_user("dong_xem", tree.east, Role.VIEWER),
    )
