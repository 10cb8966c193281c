"""Comment rounds: only the chosen audiences may comment, every comment is answered before the
summary is final, and the summary counts by section and by source."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document

from daihoi.audit.models import AuditEntry
from daihoi.delegates import roster
from daihoi.preparation import drafts, rounds, summary
from daihoi.preparation.errors import PreparationError
from daihoi.preparation.models import Answer, RoundStatus, Source
from tests.conftest import make_member, make_user

from .conftest import docx_upload


@pytest.fixture
def draft(congresses, users):
    made = drafts.create_draft(
        users.province, congresses.province, kind="political_report", title="Báo cáo chính trị"
    )
    drafts.upload_version(users.province, made, docx_upload())
    return made


def open_round(draft, users, **audiences):
    deadline = timezone.now() + dt.timedelta(days=7)
    return rounds.open_round(users.province, draft, title="", deadline=deadline, **audiences)


@pytest.fixture
def delegate(congresses, users, members, tree):
    return roster.add_delegate(
        users.province, congresses.province, members.an, kind="elected", delegation=tree.east
    )


def test_a_lower_organisation_can_comment_and_a_sibling_cannot(draft, users, tree, congresses):
    item = open_round(draft, users, to_lower_organizations=True)
    section = draft.sections.first()
    comment = rounds.add_comment(
        users.east,
        item,
        source=Source.ORGANIZATION,
        organization=tree.east,
        text="Bổ sung số liệu.",
        section=section,
    )
    assert comment.author == tree.east.name
    # The district's user cannot speak for the other district.
    with pytest.raises(PreparationError) as error:
        rounds.add_comment(
            users.east, item, source=Source.ORGANIZATION, organization=tree.west, text="…"
        )
    assert error.value.code == "comment.not_allowed"
    # A view-only account of the district does not speak for it either.
    with pytest.raises(PreparationError) as error:
        rounds.add_comment(
            users.east_viewer, item, source=Source.ORGANIZATION, organization=tree.east, text="…"
        )
    assert error.value.code == "comment.not_allowed"
    # The congress's own organisation is not a "lower" organisation.
    with pytest.raises(PreparationError) as error:
        rounds.add_comment(
            users.province, item, source=Source.ORGANIZATION, organization=tree.province, text="…"
        )
    assert error.value.code == "comment.not_audience"


def test_a_round_for_organisations_does_not_take_members_delegates_or_the_public(
    draft, users, members, delegate
):
    item = open_round(draft, users, to_lower_organizations=True)
    for source, who in (
        (Source.MEMBER, {"member": members.an}),
        (Source.DELEGATE, {"delegate": delegate}),
        (Source.PUBLIC, {}),
    ):
        with pytest.raises(PreparationError) as error:
            rounds.add_comment(
                users.province, item, source=source, text="Ý kiến", author="Nguyễn Văn Dân", **who
            )
        assert error.value.code == "comment.not_audience"
    assert not item.comments.exists()


def test_members_of_the_subtree_comment_and_outsiders_do_not(
    draft, users, members, tree, congresses
):
    item = open_round(draft, users, to_members=True)
    rounds.add_comment(
        users.east, item, source=Source.MEMBER, member=members.an, text="Đề nghị làm rõ."
    )
    outside_org = type(tree.province).objects.create(
        code="T02", name="Đảng bộ tỉnh B", level="province", kind="province", path="9999999."
    )
    stranger = make_member(outside_org, "X001", given="Lạ")
    with pytest.raises(PreparationError) as error:
        rounds.add_comment(
            make_user("b", outside_org), item, source=Source.MEMBER, member=stranger, text="…"
        )
    assert error.value.code == "comment.not_audience"


def test_a_delegate_of_the_congress_comments_and_a_delegate_of_another_does_not(
    draft, users, delegate, congresses, members, tree
):
    item = open_round(draft, users, to_delegates=True)
    comment = rounds.add_comment(
        None, item, source=Source.DELEGATE, delegate=delegate, text="Tán thành."
    )
    assert comment.author.startswith("Đại biểu Nguyễn Văn An")
    other = roster.add_delegate(
        users.east, congresses.east, members.binh, kind="elected", delegation=tree.east_commune
    )
    with pytest.raises(PreparationError) as error:
        rounds.add_comment(None, item, source=Source.DELEGATE, delegate=other, text="…")
    assert error.value.code == "comment.not_audience"


def test_the_public_comments_only_when_the_level_opens_the_round_to_it(draft, users):
    item = open_round(draft, users, to_public=True)
    rounds.add_comment(
        None,
        item,
        source=Source.PUBLIC,
        author="  Trần   Văn Dân ",
        contact="Thôn 1",
        text="Ý kiến",
    )
    with pytest.raises(PreparationError) as error:
        rounds.add_comment(None, item, source=Source.PUBLIC, author="", text="Ý kiến")
    assert error.value.code == "comment.author"
    assert item.comments.get().author == "Trần Văn Dân"


def test_a_closed_round_takes_no_comment(draft, users, tree):
    item = open_round(draft, users, to_lower_organizations=True)
    rounds.close_round(users.province, item)
    with pytest.raises(PreparationError) as error:
        rounds.add_comment(
            users.east, item, source=Source.ORGANIZATION, organization=tree.east, text="Muộn"
        )
    assert error.value.code == "comment.closed"


def test_a_round_past_its_deadline_takes_no_comment(draft, users, tree):
    item = open_round(draft, users, to_lower_organizations=True)
    type(item).objects.filter(pk=item.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(PreparationError) as error:
        rounds.add_comment(
            users.east, item, source=Source.ORGANIZATION, organization=tree.east, text="Muộn"
        )
    assert error.value.code == "comment.closed"


def test_a_round_needs_an_audience_and_a_future_deadline(draft, users):
    with pytest.raises(PreparationError) as error:
        open_round(draft, users)
    assert error.value.code == "round.no_audience"
    with pytest.raises(PreparationError) as error:
        rounds.open_round(users.province, draft, title="", deadline=timezone.now(), to_members=True)
    assert error.value.code == "round.deadline_past"


def test_the_summary_is_final_only_when_every_comment_is_answered(draft, users, tree, delegate):
    item = open_round(draft, users, to_lower_organizations=True, to_delegates=True)
    first = rounds.add_comment(
        users.east, item, source=Source.ORGANIZATION, organization=tree.east, text="Một"
    )
    second = rounds.add_comment(None, item, source=Source.DELEGATE, delegate=delegate, text="Hai")
    rounds.close_round(users.province, item)
    rounds.answer_comment(
        users.province, first, answer=Answer.ACCEPTED, reply="Đã bổ sung tại mục 2."
    )
    with pytest.raises(PreparationError) as error:
        rounds.finalise_round(users.province, item)
    assert error.value.code == "round.not_ready"
    assert "1 ý kiến" in error.value.message
    with pytest.raises(PreparationError) as error:
        rounds.answer_comment(users.province, second, answer=Answer.EXPLAINED, reply="  ")
    assert error.value.code == "answer.reply_required"
    rounds.answer_comment(
        users.province, second, answer=Answer.EXPLAINED, reply="Đã có trong phần II."
    )
    done = rounds.finalise_round(users.province, item)
    assert done.status == RoundStatus.FINAL
    assert AuditEntry.objects.get(action="preparation.round_final").after == {
        "accepted": 1,
        "explained": 1,
    }
    with pytest.raises(PreparationError) as error:
        rounds.answer_comment(users.province, second, answer=Answer.ACCEPTED, reply="Đổi ý")
    assert error.value.code == "answer.final"


def test_an_open_round_cannot_be_final_even_with_every_comment_answered(draft, users, tree):
    item = open_round(draft, users, to_lower_organizations=True)
    comment = rounds.add_comment(
        users.east, item, source=Source.ORGANIZATION, organization=tree.east, text="Một"
    )
    rounds.answer_comment(
        users.province, comment, answer=Answer.NOT_ACCEPTED, reply="Không phù hợp."
    )
    with pytest.raises(PreparationError) as error:
        rounds.finalise_round(users.province, item)
    assert "còn mở" in error.value.message


def text_of(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    header = " ".join(p.text for p in doc.sections[0].header.paragraphs)
    return "\n".join([header, *(p.text for p in doc.paragraphs), *cells])


def test_the_summary_counts_by_section_and_by_source(draft, users, tree, delegate, members):
    item = open_round(draft, users, to_lower_organizations=True, to_delegates=True, to_members=True)
    one, two = draft.sections.order_by("position")
    rounds.add_comment(
        users.east, item, source=Source.ORGANIZATION, organization=tree.east, text="A", section=one
    )
    rounds.add_comment(
        users.west, item, source=Source.ORGANIZATION, organization=tree.west, text="B", section=one
    )
    rounds.add_comment(None, item, source=Source.DELEGATE, delegate=delegate, text="C", section=two)
    rounds.add_comment(users.east, item, source=Source.MEMBER, member=members.binh, text="D")
    data = summary.tables(item)
    assert [(x.label, x.total) for x in data["sections"]] == [
        ("Phần thứ nhất", 2),
        ("Phần thứ hai", 1),
        (summary.GENERAL, 1),
    ]
    assert [(x.label, x.total) for x in data["sources"]] == [
        ("Tổ chức đảng", 2),
        ("Đảng viên", 1),
        ("Đại biểu", 1),
    ]
    text = text_of(summary.summary_docx(item, dt.date(2025, 9, 1)))
    assert "BẢN TỔNG HỢP CHƯA HOÀN THÀNH — còn 4 ý kiến chưa xử lý" in text
    assert "Phần thứ nhất" in text and "Tổ chức đảng" in text
    assert "Đã nhận 4 ý kiến của 4 tổ chức, cá nhân" in text


def test_sections_come_from_the_word_headings_and_a_used_one_stays(draft, users, tree):
    assert [s.title for s in draft.sections.order_by("position")] == [
        "Phần thứ nhất",
        "Phần thứ hai",
    ]
    item = open_round(draft, users, to_lower_organizations=True)
    used = draft.sections.order_by("position").last()
    rounds.add_comment(
        users.east, item, source=Source.ORGANIZATION, organization=tree.east, text="A", section=used
    )
    with pytest.raises(PreparationError) as error:
        drafts.set_sections(users.province, draft, ["Phần thứ nhất"])
    assert error.value.code == "draft.section_in_use"
    drafts.set_sections(users.province, draft, ["Phần I", "Phần II", "Phần III"])
    assert [s.title for s in draft.sections.order_by("position")] == [
        "Phần I",
        "Phần II",
        "Phần III",
    ]


def test_versions_are_numbered_hashed_and_wrong_files_refused(draft, users):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    second = drafts.upload_version(
        users.province, draft, SimpleUploadedFile("v2.pdf", b"%PDF-1.4 test")
    )
    assert (second.number, len(second.sha256), second.size) == (2, 64, 13)
    with pytest.raises(ValidationError) as error:
        drafts.upload_version(users.province, draft, SimpleUploadedFile("v3.exe", b"MZ"))
    assert "chỉ nhận tệp DOCX, PDF" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        drafts.upload_version(users.province, draft, SimpleUploadedFile("gia.pdf", b"not a pdf"))
    assert "không phải PDF" in error.value.messages[0]
    assert draft.versions.count() == 2
