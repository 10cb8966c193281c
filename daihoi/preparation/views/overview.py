"""The preparation dashboard of an organisation, a congress's preparation page, pilot lessons."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.organizations.models import Organization
from daihoi.organizations.selectors import access_organization, ancestors, can_see, user_root

from .. import bodies, deadlines, lessons, panels, schedule
from ..access import access_congress, is_organiser, visible_plans
from ..errors import PreparationError
from ..forms import TERMS, DraftForm, LessonForm, PublishForm
from ..labels import STATE_LABELS
from ..models import Body, BodyKind, Lesson, Task, TaskStatus
from .common import flash_error, flash_form, term_of


def _root(request):
    pk = request.GET.get("org")
    root = access_organization(request.user, pk) if pk else user_root(request.user)
    if root is None:
        raise Http404("no organisation")
    return root


def _tasks_needing_attention(user, root, term, today, limit=25):
    """Open tasks of visible plans that are overdue or due soon, owned in the user's scope."""
    plans = visible_plans(user).filter(term=term)
    open_ = Task.objects.filter(plan__in=plans).exclude(
        status__in=[TaskStatus.DONE, TaskStatus.CANCELLED]
    )
    mine = (
        Q(plan__organization__path__startswith=root.path)
        | Q(owner_organization__path__startswith=root.path)
        | Q(owner_body__organization__path__startswith=root.path)
    )
    soon = today + dt.timedelta(days=7)
    qs = open_.filter(mine, due_on__lte=soon).select_related(
        "plan", "owner_body", "owner_organization"
    )
    rows = [(t, schedule.task_state(t.due_on, t.status, today)) for t in qs.order_by("due_on")]
    return [r for r in rows if r[1] in (schedule.OVERDUE, schedule.AT_RISK)][:limit]


@login_required
@require_GET
def index(request):
    root, term = _root(request), term_of(request)
    today = timezone.localdate()
    plans = list(visible_plans(request.user).filter(term=term).order_by("organization__path"))
    above = [p for p in plans if p.organization_id in root.ancestor_ids]
    own = next((p for p in plans if p.organization_id == root.pk), None)
    below = [
        p
        for p in plans
        if p.organization.path.startswith(root.path) and p.organization_id != root.pk
    ]
    context = {
        "root": root,
        "term": term,
        "terms": TERMS,
        "today": today,
        "above": above,
        "own": own,
        "below": below,
        "organiser": is_organiser(request.user, root),
        "summary": deadlines.summary(root, term, today),
        "tasks": _tasks_needing_attention(request.user, root, term, today),
        "visits": bodies.visit_summary(root, today, term),
        "lessons": lessons.lessons_for_user(request.user, term)[:10],
        "bodies": Body.objects.filter(organization=root, term=term).order_by("kind", "name"),
        "crumbs": [a for a in ancestors(root) if can_see(request.user, a)],
        "states": STATE_LABELS,
    }
    return render(request, "preparation/index.html", context)


@login_required
@require_GET
def dashboard_panel(request):
    """The tracking dashboard's preparation panel (fetched by the dashboard after it loads)."""
    root, term = _root(request), term_of(request)
    context = panels.dashboard(root, term)
    return render(request, "preparation/_panel_dashboard.html", context)


@login_required
@require_GET
def congress_page(request, pk):
    congress = access_congress(request.user, pk)
    org = congress.organization
    today = timezone.localdate()
    organiser = is_organiser(request.user, org)
    drafts = congress.drafts.select_related("body").prefetch_related("versions", "rounds")
    context = {
        "congress": congress,
        "organiser": organiser,
        "outlook": deadlines.congress_outlook(congress, today),
        "states": STATE_LABELS,
        "drafts": drafts.order_by("kind", "id"),
        "visits": bodies.visits_to(org),
        "groups": bodies.groups_over(org, congress.term),
        "lessons": lessons.lessons_for_congress(congress),
        "own_lessons": lessons.lessons_of(congress) if congress.pilot else [],
        "sessions": congress.programme_sessions.count(),
        "crumbs": [a for a in ancestors(org) if can_see(request.user, a)],
        "today": today,
    }
    if organiser:
        documents = Body.objects.filter(organization=org, term=congress.term).exclude(
            kind=BodyKind.WORKING_GROUP
        )
        context["draft_form"] = DraftForm(
            bodies=documents.order_by("kind", "name"),
            initial={"for_delegates": congress.kind == "delegates"},
        )
        if congress.pilot and congress.status == "held":
            context["lesson_form"] = LessonForm()
            context["publish_form"] = PublishForm(scopes=_scopes(request.user, org))
    return render(request, "preparation/congress.html", context)


def _scopes(user, org):
    """Where a lesson may be published: the pilot's organisation or one above it that the
    user sees."""
    qs = Organization.objects.filter(pk__in=[*org.ancestor_ids, org.pk])
    if not user.is_superuser:
        qs = qs.filter(path__startswith=user.organization.path)
    return qs.order_by("path")


@login_required
@require_POST
def lesson_add(request, pk):
    congress = access_congress(request.user, pk, organiser=True)
    form = LessonForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            lessons.record_lesson(request.user, congress, **form.cleaned_data)
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(
                request, _("Đã ghi bài học kinh nghiệm. Phổ biến để các nơi tổ chức sau tham khảo.")
            )
    return redirect("preparation:congress", congress.pk)


@login_required
@require_POST
def lesson_publish(request, pk):
    lesson = Lesson.objects.select_related("congress__organization").filter(pk=pk).first()
    if lesson is None:
        raise Http404("lesson not found")
    congress = access_congress(request.user, lesson.congress_id, organiser=True)
    form = PublishForm(request.POST, scopes=_scopes(request.user, congress.organization))
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            lessons.publish_lesson(request.user, lesson, form.cleaned_data["scope"])
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã phổ biến bài học kinh nghiệm."))
    return redirect("preparation:congress", congress.pk)


@login_required
@require_GET
def lesson_list(request):
    term = term_of(request)
    context = {
        "lessons": lessons.lessons_for_user(request.user, term),
        "term": term,
        "terms": TERMS,
    }
    return render(request, "preparation/lessons.html", context)
