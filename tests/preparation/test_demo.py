"""The demo preparation over the small demo province: a plan the congresses inherit, bodies,
visits, a comment round with comments, a published pilot lesson, a programme."""

import datetime as dt

import pytest

from daihoi.congresses.models import Congress
from daihoi.demo.generator import build_demo
from daihoi.organizations.models import Organization
from daihoi.preparation import deadlines, lessons
from daihoi.preparation.demo import build_demo_preparation
from daihoi.preparation.models import Body, Comment, CommentRound, Plan, Session, Visit
from daihoi.reports.demo import build_demo_congresses


@pytest.fixture
def demo(db):
    build_demo(small=True)
    build_demo_congresses(seed=2025)
    return build_demo_preparation(seed=2025)


def test_the_demo_preparation_is_complete_and_runs_once(demo):
    assert demo["plans"] == 1 and demo["visits"] == Visit.objects.count() > 0
    assert Plan.objects.get().issued
    assert Body.objects.filter(kind="working_group").exists()
    assert Body.objects.filter(kind="documents").get().memberships.exists()
    item = CommentRound.objects.get()
    assert item.to_delegates and Comment.objects.filter(round=item).count() == demo["comments"] > 2
    assert Comment.objects.exclude(answer="pending").count() == 2
    assert Session.objects.count() == 2
    assert build_demo_preparation(seed=2025) == {"plans": 0}


def test_every_demo_congress_inherits_a_deadline(demo):
    province = Organization.objects.get(level="province")
    found = deadlines.summary(province, "2025-2030", dt.date(2025, 7, 15))
    assert found.total == Congress.objects.count()
    assert found.counts.get("no_deadline", 0) == 0


def test_the_pilot_lesson_reaches_a_later_congress(demo):
    later = Congress.objects.filter(organization__level="district").exclude(status="held").first()
    assert [lesson.congress.pilot for lesson in lessons.lessons_for_congress(later)] == [True]
