"""A commune congress whose committee election is counted and published; the commune's
clerk (organiser) and the district's staff (the higher committee)."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from daihoi.elections import entry, results
from tests.conftest import make_user
from tests.elections.conftest import congress, counting, election  # noqa: F401 (fixtures)
from tests.elections.test_views_results import count


@pytest.fixture
def clerk(tree):
    return make_user("van_thu_xa", tree.east_commune)


@pytest.fixture
def higher(users):
    return users.east  # staff of Huyện Đông, the commune's higher committee


@pytest.fixture
def published(election, counting, users):  # noqa: F811 (fixtures imported above)
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    count(batch, counting)
    results.publish_result(users.east, election)
    election.refresh_from_db()
    return election


def pdf(name="nghi-quyet.pdf", body=b"%PDF-1.4\n%%EOF\n"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture
def full_file(published, clerk):
    """Every uploaded item of the congress file present."""
    from daihoi.approvals import services

    c = published.congress
    for kind in ("sitting_minutes", "resolution", "political_report"):
        services.upload_file(clerk, c, kind=kind, title=kind, uploaded=pdf())
    return c


def zipped(files: dict[str, bytes]) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            z.writestr(name, content)
    return buf.getvalue()


TODAY = dt.date(2025, 7, 1)
