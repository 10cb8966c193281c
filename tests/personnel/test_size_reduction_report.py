"""Issue 15 point 10 in the personnel report: the 2020 "about 5 %" size, its rounding stated."""

import io

from docx import Document

from daihoi.congresses.services import create_congress
from daihoi.personnel import services
from daihoi.personnel.documents import render_report_docx


def test_the_report_states_about_47_for_a_previous_maximum_of_50(tree, users):
    congress = create_congress(
        users.province, tree.east, name="Đại hội huyện Đông", kind="delegates", term="2020-2025"
    )
    plan = services.create_plan(
        users.east, congress, committee_size=48, standing_size=13, deputy_count=2,
        previous_max_committee=50,
    )  # fmt: skip
    docx = Document(io.BytesIO(render_report_docx(plan)))
    text = "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    text += "\n".join(p.text for p in docx.paragraphs)
    assert "khoảng 47 đồng chí" in text and "0,5 làm tròn lên" in text
