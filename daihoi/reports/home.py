"""The clerk's start page: what needs them today, above the organisation's figures.

Congresses needing attention against their deadlines, the ballot boxes waiting for the
user's entry or decision, scans still being read or waiting for a person, and overdue
preparation tasks of the subtree. Reports read every wing, so the page lives here.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from daihoi.congresses.terms import term_names
from daihoi.elections.models import BallotBatch, BatchEntry, EntryStatus
from daihoi.organizations import selectors
from daihoi.organizations.views import member_statistics, no_scope
from daihoi.preparation.deadlines import summary
from daihoi.preparation.labels import STATE_CLASS, STATE_LABELS
from daihoi.preparation.tables.plans import Task, TaskStatus
from daihoi.scanning.models import ScanBatch, ScanStatus

LIMIT = 8


def waiting_batches(user) -> list[dict]:
    """Boxes of the user's teams not yet entered (finalised) by the user, oldest first."""
    batches = (
        BallotBatch.objects.filter(team__members=user)
        .select_related("election__congress", "team")
        .order_by("election_id", "number")
    )
    done = set(
        BatchEntry.objects.filter(
            batch__in=batches, operator=user, status=EntryStatus.FINALISED
        ).values_list("batch_id", flat=True)
    )
    rows = [
        {"batch": b, "leader": b.team.leader_id == user.pk} for b in batches if b.pk not in done
    ]
    return rows[:LIMIT]


def open_scans(user):
    busy = (ScanStatus.QUEUED, ScanStatus.PROCESSING, ScanStatus.NEEDS_REVIEW, ScanStatus.READY)
    return (
        ScanBatch.objects.filter(batch__team__members=user, status__in=busy)
        .select_related("batch__election")
        .distinct()
        .order_by("-pk")[:LIMIT]
    )


def overdue_tasks(root, today: dt.date):
    open_states = (TaskStatus.TODO, TaskStatus.IN_PROGRESS)
    in_scope = Q(owner_organization__path__startswith=root.path) | Q(
        plan__organization__path__startswith=root.path
    )
    return (
        Task.objects.filter(in_scope, status__in=open_states, due_on__lt=today)
        .select_related("plan")
        .order_by("due_on")[:LIMIT]
    )


@require_GET
@login_required
def attention_panel(request):
    """The congresses of the current term needing attention; loaded after the page (it reads
    every congress of the subtree against its plan's deadline: ~0.3 s for a province)."""
    root = selectors.user_root(request.user)
    terms = term_names()
    rows = []
    if root is not None and terms:
        found = summary(root, terms[0], timezone.localdate(), limit=LIMIT)
        rows = [
            (c, outlook, STATE_LABELS.get(outlook.state, ""), STATE_CLASS.get(outlook.state))
            for c, outlook in found.attention
        ]
    context = {"attention": rows, "term": terms[0] if terms else ""}
    return render(request, "reports/_home_attention.html", context)


@require_GET
@login_required
def home(request):
    root = selectors.user_root(request.user)
    if root is None:
        return no_scope(request)
    today = timezone.localdate()
    context = {
        "root": root,
        "today": today,
        "batches": waiting_batches(request.user),
        "scans": open_scans(request.user),
        "tasks": overdue_tasks(root, today),
        "stats": member_statistics(root),
        "children": selectors.children_with_counts(root),
    }
    return render(request, "reports/home.html", context)
