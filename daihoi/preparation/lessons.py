"""Lessons from pilot congresses (đại hội điểm), published to the congresses that come later.

A lesson is recorded once the pilot congress is held, then published to a
scope: an organisation at or above the pilot's, usually the level that chose
the pilot. Every congress of the same term in that scope's subtree that is not
yet held, or was held after the pilot, sees it on its preparation page.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from daihoi.audit.services import record
from daihoi.organizations.selectors import can_see

from .errors import PreparationError
from .models import Lesson


@transaction.atomic
def record_lesson(actor, congress, *, title: str, worked_well: str, to_change: str) -> Lesson:
    if not congress.pilot:
        raise PreparationError("lesson.not_pilot", f"{congress.name} không phải đại hội điểm.")
    if congress.status != "held":
        raise PreparationError("lesson.not_held", f"{congress.name} chưa tổ chức xong.")
    if not (worked_well.strip() and to_change.strip()):
        raise PreparationError(
            "lesson.empty", "Ghi cả những việc làm tốt và những việc cần điều chỉnh."
        )
    lesson = Lesson.objects.create(
        congress=congress,
        title=title.strip() or f"Kinh nghiệm {congress.name}",
        worked_well=worked_well.strip(),
        to_change=to_change.strip(),
        recorded_by=actor,
    )
    record(actor, "preparation.lesson_record", lesson, summary=lesson.title)
    return lesson


@transaction.atomic
def publish_lesson(actor, lesson: Lesson, scope) -> Lesson:
    pilot_org = lesson.congress.organization
    if not pilot_org.path.startswith(scope.path):
        raise PreparationError(
            "lesson.scope", f"{scope.name} không phải cấp của {pilot_org.name} hoặc cấp trên."
        )
    if not can_see(actor, scope):
        raise PreparationError("lesson.scope", f"Tài khoản này không phổ biến trong {scope.name}.")
    lesson.scope, lesson.published_at = scope, timezone.now()
    lesson.save(update_fields=["scope", "published_at"])
    record(
        actor,
        "preparation.lesson_publish",
        lesson,
        summary=lesson.title,
        after={"scope": scope.code},
    )
    return lesson


def _held_on(congress):
    return congress.ends_on or congress.starts_on


def _published():
    return Lesson.objects.filter(published_at__isnull=False).select_related(
        "congress__organization", "scope"
    )


def lessons_for_congress(congress) -> list[Lesson]:
    """Published lessons of earlier pilots whose scope covers this congress."""
    org = congress.organization
    scopes = [*org.ancestor_ids, org.pk]
    qs = _published().filter(scope_id__in=scopes, congress__term=congress.term)
    qs = qs.exclude(congress=congress)
    mine = _held_on(congress) if congress.status == "held" else None
    return [
        lesson
        for lesson in qs.order_by("-published_at")
        if mine is None or (_held_on(lesson.congress) and _held_on(lesson.congress) < mine)
    ]


def lessons_for_user(user, term: str) -> list[Lesson]:
    """Lessons published to the user's organisation or above it, and those of pilots below it."""
    qs = _published().filter(congress__term=term)
    if not user.is_superuser:
        org = user.organization
        if org is None:
            return []
        qs = qs.filter(
            Q(scope_id__in=[*org.ancestor_ids, org.pk])
            | Q(congress__organization__path__startswith=org.path)
        )
    return list(qs.order_by("-published_at")[:50])


def lessons_of(congress) -> list[Lesson]:
    return list(congress.pilot_lessons.select_related("scope").order_by("-recorded_at"))
