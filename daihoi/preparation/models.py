"""Models of daihoi.preparation (defined in ``tables/``, one module per concept)."""

from .tables.bodies import Assignment, Body, BodyKind, BodyMember, BodyRole, Visit
from .tables.drafts import (
    Answer,
    Comment,
    CommentRound,
    Draft,
    DraftKind,
    DraftVersion,
    RoundStatus,
    Section,
    Source,
)
from .tables.plans import Milestone, Plan, PlanStatus, Task, TaskStatus
from .tables.portal import Announcement, PortalAccount, PortalLink, Seat
from .tables.programme import AgendaItem, Decision, Lesson, Session, SessionKind

__all__ = [
    "AgendaItem",
    "Announcement",
    "Answer",
    "Assignment",
    "Body",
    "BodyKind",
    "BodyMember",
    "BodyRole",
    "Comment",
    "CommentRound",
    "Decision",
    "Draft",
    "DraftKind",
    "DraftVersion",
    "Lesson",
    "Milestone",
    "Plan",
    "PlanStatus",
    "PortalAccount",
    "PortalLink",
    "RoundStatus",
    "Seat",
    "Section",
    "Session",
    "SessionKind",
    "Source",
    "Task",
    "TaskStatus",
    "Visit",
]
