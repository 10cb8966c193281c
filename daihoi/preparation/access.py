"""Who may see and change what in the preparation workspace.

- A user sees their organisation's subtree (organizations.selectors); outside it, 404.
- Plans and bodies issued *above* the user's organisation are readable too: a
  commune must see the provincial plan it works under and the working group
  that inspects it. Only organisers of the issuing organisation change them.
- Organisers are staff and administrators (``user.can_edit``) who see the
  organisation. The owner of a task (an organisation below, or a body's
  organisation) may report its progress and evidence.
"""

from django.db.models import Q
from django.http import Http404

from daihoi.congresses.models import Congress
from daihoi.organizations.selectors import can_see

from .models import Body, CommentRound, Draft, Plan, Task


def is_organiser(user, organization) -> bool:
    return user.is_authenticated and user.can_edit and can_see(user, organization)


def lineage_filter(user, field: str = "organization") -> Q:
    """Rows whose ``field`` organisation is in the user's subtree or above the user's organisation."""
    if user.is_superuser:
        return Q()
    if not user.is_authenticated or user.organization_id is None:
        return Q(pk__in=[])
    org = user.organization
    return Q(**{f"{field}__path__startswith": org.path}) | Q(
        **{f"{field}_id__in": org.ancestor_ids}
    )


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("not found") from None


def access_congress(user, pk, *, organiser: bool = False) -> Congress:
    if not user.is_authenticated:
        raise Http404("congress not found")
    congress = _get_or_404(Congress.objects.select_related("organization__parent"), pk)
    if not can_see(user, congress.organization):
        raise Http404("congress not found")
    if organiser and not is_organiser(user, congress.organization):
        raise Http404("congress not found")
    return congress


def visible_plans(user):
    return Plan.objects.filter(lineage_filter(user)).select_related("organization")


def access_plan(user, pk, *, edit: bool = False) -> Plan:
    plan = _get_or_404(visible_plans(user), pk)
    if edit and not is_organiser(user, plan.organization):
        raise Http404("plan not found")
    return plan


def can_report_task(user, task: Task) -> bool:
    """Organisers of the plan's level, or of the owner (an organisation or a body's level)."""
    if not (user.is_authenticated and user.can_edit):
        return False
    owner_org = task.owner_organization or (task.owner_body and task.owner_body.organization)
    return can_see(user, task.plan.organization) or bool(owner_org and can_see(user, owner_org))


def access_task(user, pk, *, report: bool = False) -> Task:
    tasks = Task.objects.select_related(
        "plan__organization", "owner_body__organization", "owner_organization"
    )
    task = _get_or_404(tasks, pk)
    visible = can_see(user, task.plan.organization) or can_report_task(user, task)
    if not visible and not visible_plans(user).filter(pk=task.plan_id).exists():
        raise Http404("task not found")
    if report and not can_report_task(user, task):
        raise Http404("task not found")
    return task


def visible_bodies(user):
    return Body.objects.filter(lineage_filter(user)).select_related("organization")


def access_body(user, pk, *, edit: bool = False) -> Body:
    body = _get_or_404(visible_bodies(user), pk)
    if edit and not is_organiser(user, body.organization):
        raise Http404("body not found")
    return body


def access_draft(user, pk, *, edit: bool = False) -> Draft:
    drafts = Draft.objects.select_related("congress__organization", "body")
    draft = _get_or_404(drafts, pk)
    org = draft.congress.organization
    if not can_see(user, org) or (edit and not is_organiser(user, org)):
        raise Http404("draft not found")
    return draft


def access_round(user, pk, *, edit: bool = False) -> CommentRound:
    rounds = CommentRound.objects.select_related(
        "draft__congress__organization", "version", "draft__body"
    )
    item = _get_or_404(rounds, pk)
    org = item.draft.congress.organization
    if edit:
        if not is_organiser(user, org):
            raise Http404("round not found")
    elif not (can_see(user, org) or _audience_user(user, item)):
        raise Http404("round not found")
    return item


def _audience_user(user, item: CommentRound) -> bool:
    """A user of a lower organisation reads a round open to lower organisations or members."""
    if not user.is_authenticated or user.organization_id is None:
        return False
    org = item.draft.congress.organization
    below = user.organization.path.startswith(org.path) and user.organization_id != org.pk
    return below and (item.to_lower_organizations or item.to_members)
