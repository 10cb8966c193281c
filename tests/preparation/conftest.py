"""The shared tree with a congress for every organisation of the 2025–2030 term, the
province's plan issued, and uploads kept in a temporary folder."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from daihoi.congresses.models import Congress
from daihoi.congresses.services import create_congress
from daihoi.preparation import plans
from daihoi.preparation.plans import LevelInput

D = dt.date
# A provincial plan under CT 45 (dates of the Hà Tĩnh plan, 2024).
PROVINCE_DATES = [
    LevelInput("cell", D(2025, 2, 28)),
    LevelInput("grassroots", D(2025, 6, 30), pilots_by=D(2025, 4, 15), starts_on=D(2025, 4, 1)),
    LevelInput("district", D(2025, 8, 25)),
    LevelInput("province", D(2025, 10, 31)),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def congresses(tree, users):
    def make(org, kind="members", **extra):
        return create_congress(users.province, org, name=f"Đại hội {org.name}", kind=kind, **extra)

    return SimpleNamespace(
        province=make(tree.province, "delegates"),
        east=make(tree.east, "delegates"),
        west=make(tree.west, "delegates"),
        east_commune=make(tree.east_commune, "delegates"),
        west_commune=make(tree.west_commune),
        east_cell=make(tree.east_cells[0]),
    )


@pytest.fixture
def plan(tree, users):
    made = plans.save_plan(
        users.province,
        tree.province,
        term="2025-2030",
        title="Kế hoạch tổ chức đại hội đảng bộ các cấp nhiệm kỳ 2025-2030",
        number="25-KH/TU",
        levels=list(PROVINCE_DATES),
    )
    return plans.issue_plan(users.province, made, D(2024, 8, 1))


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def docx_upload(name="bao-cao-chinh-tri.docx", headings=("Phần thứ nhất", "Phần thứ hai")):
    doc = Document()
    doc.add_paragraph("Dự thảo", style="Title")
    for i, heading in enumerate(headings):
        doc.add_heading(heading, level=1)
        doc.add_paragraph(f"Nội dung phần {i + 1}.")
    out = io.BytesIO()
    doc.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def all_congresses():
    return Congress.objects.all()
