"""Reads for the panels other apps' pages show (the tracking dashboard and a congress's
tracking page): the inherited deadlines, the working groups' visits, the pilot lessons."""

from django.utils import timezone

from . import bodies, deadlines, lessons
from .labels import STATE_LABELS


def dashboard(root, term) -> dict:
    today = timezone.localdate()
    return {
        "root": root,
        "term": term,
        "summary": deadlines.summary(root, term, today, limit=10),
        "visits": bodies.visit_summary(root, today, term, limit=5),
        "labels": STATE_LABELS,
    }


def congress(congress) -> dict:
    today = timezone.localdate()
    return {
        "congress": congress,
        "outlook": deadlines.congress_outlook(congress, today),
        "visits": bodies.visits_to(congress.organization, limit=5),
        "lessons": lessons.lessons_for_congress(congress)[:3],
        "today": today,
    }
