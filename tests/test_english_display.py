"""The English interface translates the words the system keeps in Vietnamese (a result's
invalid-ballot reasons, a base's lines, credentials findings, statistics' bands) when it
shows them, and never rewrites what is stored (issue 19)."""

import pytest
from django.urls import reverse
from django.utils import translation

from daihoi import rules_texts
from daihoi.elections import entry, results
from daihoi.elections.models import PublishedResult
from daihoi.grading.models import GradeChoice
from daihoi.rules import quorum
from daihoi.rules.grading import LABELS, Grade
from tests.elections.conftest import congress, counting, election  # noqa: F401

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_catalogue_literals_still_equal_the_rules_words():
    assert rules_texts.QUORUM_PRACTICE == quorum.PRACTICE
    with translation.override("vi"):
        assert {g.value: str(GradeChoice(g.value).label) for g in Grade} == {
            g.value: LABELS[g] for g in Grade
        }


def test_every_rules_word_shown_has_an_english_translation():
    words = [rules_texts.QUORUM_PRACTICE, rules_texts.OTHER_ETHNICITIES, *LABELS.values()]
    words += [w for w in rules_texts.AGE_BANDS if not w[0].isdigit()]
    with translation.override("en"):
        untranslated = [w for w in words if translation.gettext(w) == w]
    assert untranslated == []


@pytest.fixture
def published(election, counting, users):  # noqa: F811
    batch = entry.create_batch(None, election, team=counting.team, number=1)
    for op in (counting.op1, counting.op2):
        e = entry.start_entry(op, batch)
        for struck in ([5], [1], [2], [3]):
            entry.save_ballot(op, e, {"struck": struck})
        entry.save_ballot(op, e, {"invalid": "written_in"})
        entry.finalise_entry(op, e)
    results.publish_result(users.east, election)
    return election


def test_the_result_page_shows_invalid_reasons_in_english_and_keeps_them_vietnamese(
    client, users, published
):
    client.force_login(users.east)
    page = client.get(reverse("elections:results", args=[published.pk]), **EN).text
    assert "A name added from outside the list" in page
    assert "Ghi thêm tên người ngoài danh sách" not in page
    assert "Full delegates summoned" in page or "Full members" in page  # the base's lines
    stored = PublishedResult.objects.get(election=published).data
    assert stored["invalid_reason_labels"]["written_in"] == "Ghi thêm tên người ngoài danh sách"
    vietnamese = client.get(reverse("elections:results", args=[published.pk])).text
    assert "Ghi thêm tên người ngoài danh sách" in vietnamese


def test_the_congress_page_shows_its_base_lines_in_english(client, users, congress):  # noqa: F811
    client.force_login(users.east)
    page = client.get(reverse("congresses:detail", args=[congress.pk]), **EN).text
    assert "Full delegates summoned" in page
    assert "Đại biểu chính thức được triệu tập" not in page


def test_the_statistics_show_their_bands_in_english(client, users, members):
    client.force_login(users.province)
    page = client.get(reverse("reports:statistics"), **EN).text
    assert "Under 30" in page and "60 and over" in page
    assert "Dưới 30" not in page
