"""The programme, its show-of-hands decisions (the elections' ShowOfHands rows), the printed
programme and the minutes' section; pilot lessons published to later congresses."""

import datetime as dt
import io

import pypdfium2 as pdfium
import pytest
from docx import Document

from daihoi.congresses import services as congress_services
from daihoi.congresses import tracking
from daihoi.congresses.bottom_up import LateException
from daihoi.elections.models import ShowOfHands
from daihoi.preparation import lessons, programme, programme_docs
from daihoi.preparation.errors import PreparationError
from daihoi.preparation.models import Decision, SessionKind

D = dt.date


@pytest.fixture
def sessions(congresses, users):
    congress_services.update_attendance(
        users.province, congresses.province, summoned=350, present=340
    )
    congresses.province.refresh_from_db()
    return programme.add_standard_programme(
        users.province, congresses.province, day=D(2025, 10, 15)
    )


def test_the_standard_programme_has_both_sessions_in_order(sessions):
    prep, official = sessions
    assert (prep.kind, prep.day) == (SessionKind.PREPARATORY, D(2025, 10, 14))
    assert (official.kind, official.day) == (SessionKind.OFFICIAL, D(2025, 10, 15))
    decisions = [i.decision for i in prep.items.order_by("position") if i.decision]
    assert decisions == ["presidium", "secretariat", "credentials", "agenda", "working_rules"]
    assert Decision.COUNTING in official.items.values_list("decision", flat=True)


def test_a_decision_is_recorded_as_a_show_of_hands_of_the_congress(sessions, users, congresses):
    item = sessions[0].items.get(decision=Decision.PRESIDIUM)
    item = programme.record_decision(
        users.province, item, votes_for=338, votes_against=1, abstain=1
    )
    vote = ShowOfHands.objects.get(congress=congresses.province)
    assert item.vote == vote and vote.passed and vote.subject == "Bầu Đoàn Chủ tịch đại hội"
    with pytest.raises(PreparationError) as error:
        programme.record_decision(users.province, item, votes_for=300)
    assert error.value.code == "decision.recorded"


def test_more_votes_than_delegates_present_are_refused_and_nothing_linked(sessions, users):
    item = sessions[0].items.get(decision=Decision.SECRETARIAT)
    with pytest.raises(PreparationError) as error:
        programme.record_decision(users.province, item, votes_for=340, votes_against=5)
    assert error.value.code == "decision.invalid"
    assert "345" in error.value.message
    item.refresh_from_db()
    assert item.vote is None and not ShowOfHands.objects.exists()


def test_half_of_those_present_is_not_enough(sessions, users):
    item = sessions[1].items.get(decision=Decision.COMMITTEE_SIZE)
    item = programme.record_decision(users.province, item, votes_for=170, votes_against=170)
    assert item.vote.passed is False


def test_items_move_and_an_item_without_a_decision_has_no_vote(sessions, users):
    official = sessions[1]
    first, second = official.items.order_by("position")[:2]
    programme.move_item(users.province, second, -1)
    assert list(official.items.order_by("position")[:2]) == [second, first]
    with pytest.raises(PreparationError) as error:
        programme.record_decision(users.province, first, votes_for=1)
    assert error.value.code == "decision.none"


def test_the_printed_programme_renders_vietnamese_text(sessions, congresses):
    data = programme_docs.programme_pdf(
        congresses.province, programme.sessions(congresses.province), D(2025, 10, 1)
    )
    pdf = pdfium.PdfDocument(data)
    text = pdf[0].get_textpage().get_text_range()
    assert "CHƯƠNG TRÌNH" in text and "PHIÊN TRÙ BỊ" in text and "Bầu Đoàn Chủ tịch đại hội" in text
    assert "Thứ ba, ngày 14/10/2025" not in text  # the session line starts with its part of day
    assert "Chiều thứ ba, ngày 14/10/2025" in text


def test_the_minutes_section_lists_each_decision_with_its_counts(sessions, users, congresses):
    item = sessions[0].items.get(decision=Decision.PRESIDIUM)
    programme.record_decision(users.province, item, votes_for=338, votes_against=2)
    data = programme_docs.minutes_docx(congresses.province, programme.sessions(congresses.province))
    doc = Document(io.BytesIO(data))
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows[1] == ["1", "Bầu Đoàn Chủ tịch đại hội", "338 (99,41%)", "2", "0", "thông qua"]
    assert rows[2][-1] == "chưa biểu quyết"


def held(users, congress, on):
    tracking.prepare_congress(users.province, congress)
    # Some of these congresses' subordinates are not held: the province allowed it (bottom_up).
    tracking.hold_congress(users.province, congress, on, LateException("01-QĐ/TU", on))
    congress.refresh_from_db()


def test_a_lesson_needs_a_held_pilot(congresses, users):
    with pytest.raises(PreparationError) as error:
        lessons.record_lesson(
            users.province, congresses.east_commune, title="", worked_well="A", to_change="B"
        )
    assert error.value.code == "lesson.not_pilot"
    congresses.east_commune.pilot = True
    congresses.east_commune.save(update_fields=["pilot"])
    with pytest.raises(PreparationError) as error:
        lessons.record_lesson(
            users.province, congresses.east_commune, title="", worked_well="A", to_change="B"
        )
    assert error.value.code == "lesson.not_held"


def test_a_published_lesson_reaches_later_congresses_in_its_scope_only(congresses, users, tree):
    pilot = congresses.east_commune
    pilot.pilot = True
    pilot.save(update_fields=["pilot"])
    held(users, pilot, D(2025, 4, 10))
    lesson = lessons.record_lesson(
        users.east,
        pilot,
        title="Kinh nghiệm xã Đông Hòa",
        worked_well="Chuẩn bị văn kiện sớm.",
        to_change="Rút ngắn phần phát biểu chào mừng.",
    )
    assert lessons.lessons_for_congress(congresses.east_cell) == []  # not published yet
    with pytest.raises(PreparationError) as error:
        lessons.publish_lesson(
            users.east, lesson, tree.province
        )  # the district user cannot publish above
    assert error.value.code == "lesson.scope"
    lessons.publish_lesson(users.east, lesson, tree.east)
    assert lessons.lessons_for_congress(congresses.east_cell) == [lesson]
    assert lessons.lessons_for_congress(congresses.east) == [lesson]
    assert lessons.lessons_for_congress(congresses.west_commune) == []  # outside the scope
    assert lessons.lessons_for_congress(pilot) == []
    held(users, congresses.east_cell, D(2025, 2, 20))  # held before the pilot: nothing to learn
    assert lessons.lessons_for_congress(congresses.east_cell) == []
    assert lessons.lessons_for_user(users.west, "2025-2030") == []
    assert lessons.lessons_for_user(users.province, "2025-2030") == [lesson]


def test_an_item_is_edited_but_a_voted_one_keeps_its_title(sessions, users, congresses):
    item = sessions[1].items.get(decision=Decision.COUNTING)
    programme.update_item(
        users.province, item, speaker="Đồng chí Chủ tịch đoàn", starts_at=dt.time(9, 0)
    )
    item.refresh_from_db()
    assert (item.speaker, item.starts_at) == ("Đồng chí Chủ tịch đoàn", dt.time(9, 0))
    programme.record_decision(users.province, item, votes_for=330)
    with pytest.raises(PreparationError) as error:
        programme.update_item(users.province, item, title="Bầu Ban Kiểm phiếu (sửa)")
    assert error.value.code == "item.voted"
    programme.update_item(users.province, item, speaker="Đồng chí Trưởng ban Tổ chức")


def test_the_programme_page_edits_an_item(client, sessions, users, congresses):
    item = sessions[0].items.order_by("position").first()
    client.force_login(users.province)
    data = {
        f"i{item.pk}-title": item.title,
        f"i{item.pk}-starts_at": "14:05",
        f"i{item.pk}-speaker": "Ban Tổ chức",
    }
    client.post(f"/preparation/items/{item.pk}/edit/", data)
    item.refresh_from_db()
    assert (item.starts_at, item.speaker) == (dt.time(14, 5), "Ban Tổ chức")
    client.force_login(users.west)
    assert client.post(f"/preparation/items/{item.pk}/edit/", data).status_code == 404
