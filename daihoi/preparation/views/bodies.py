"""Bodies: the list for an organisation and term, one body with its members, assignments and
visit log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.organizations.models import Organization
from daihoi.organizations.selectors import ancestors, can_see, subtree
from daihoi.people.models import Member

from .. import bodies as services
from ..access import access_body, is_organiser, visible_bodies
from ..errors import PreparationError
from ..forms import AssignForm, BodyForm, BodyMemberForm, VisitForm
from ..models import Body, BodyKind, BodyMember, Visit
from ..tables.bodies import ROLE_ORDER
from .common import back, flash_error, flash_form, term_of
from .overview import _root


@login_required
@require_http_methods(["GET", "POST"])
def body_list(request):
    root, term = _root(request), term_of(request)
    organiser = is_organiser(request.user, root)
    steering = Body.objects.filter(organization=root, kind=BodyKind.STEERING)
    form = BodyForm(request.POST or None, steering=steering, initial={"term": term})
    if request.method == "POST":
        if not organiser:
            raise Http404("not an organiser")
        if form.is_valid():
            try:
                body = services.create_body(request.user, root, **form.cleaned_data)
            except PreparationError as error:
                flash_error(request, error)
            else:
                messages.success(request, _("Đã thành lập %(name)s.") % {"name": body.name})
                return redirect("preparation:body", body.pk)
        else:
            flash_form(request, form)
    rows = (
        visible_bodies(request.user)
        .filter(term=term)
        .filter(organization__path__startswith=root.path)
        .select_related("parent")
        .order_by("organization__path", "kind", "name")
    )
    context = {
        "root": root,
        "term": term,
        "bodies": rows,
        "above": visible_bodies(request.user).filter(
            term=term, organization_id__in=root.ancestor_ids
        ),
        "form": form if organiser else None,
        "crumbs": [a for a in ancestors(root) if can_see(request.user, a)],
    }
    return render(request, "preparation/bodies.html", context)


def _members(body):
    rank = {role: i for i, role in enumerate(ROLE_ORDER)}
    rows = list(body.memberships.select_related("member__organization"))
    return sorted(rows, key=lambda m: (rank.get(m.role, 9), m.member.given_name))


@login_required
@require_GET
def body_detail(request, pk):
    body = access_body(request.user, pk)
    organiser = is_organiser(request.user, body.organization)
    below = subtree(body.organization, include_self=False).order_by("path")
    assigned = list(body.assignments.select_related("organization"))
    visit_orgs = below if not body.is_working_group else _assigned_subtrees(assigned)
    context = {
        "body": body,
        "organiser": organiser,
        "members": _members(body),
        "children": body.children.order_by("kind", "name"),
        "assignments": assigned,
        "visits": body.visits.select_related("organization").order_by("-visited_on", "-id"),
        "today": timezone.localdate(),
        "crumbs": [a for a in ancestors(body.organization) if can_see(request.user, a)],
    }
    if organiser:
        context["member_form"] = BodyMemberForm()
        context["visit_form"] = VisitForm(
            organizations=visit_orgs, initial={"visited_on": timezone.localdate()}
        )
        if body.is_working_group:
            context["assign_form"] = AssignForm(
                organizations=below.filter(depth__lte=body.organization.depth + 2)
            )
    return render(request, "preparation/body.html", context)


def _assigned_subtrees(assigned):
    where = Q(pk__in=[])
    for a in assigned:
        where |= Q(path__startswith=a.organization.path)
    return Organization.objects.filter(where).order_by("path")


@login_required
@require_POST
def member_add(request, pk):
    body = access_body(request.user, pk, edit=True)
    form = BodyMemberForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
        return redirect("preparation:body", body.pk)
    data = form.cleaned_data
    member = (
        Member.objects.filter(code=data["member_code"].strip())
        .select_related("organization")
        .first()
    )
    if member is None or not can_see(request.user, member.organization):
        messages.error(
            request, _("Không tìm thấy đảng viên có mã %(c)s.") % {"c": data["member_code"]}
        )
        return redirect("preparation:body", body.pk)
    try:
        services.add_member(request.user, body, member, role=data["role"], title=data["title"])
    except PreparationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Đã thêm %(n)s.") % {"n": member.full_name})
    return redirect("preparation:body", body.pk)


@login_required
@require_POST
def member_remove(request, pk, membership_pk):
    body = access_body(request.user, pk, edit=True)
    membership = BodyMember.objects.filter(pk=membership_pk, body=body).first()
    if membership is None:
        raise Http404("not a member")
    services.remove_member(request.user, membership)
    messages.success(request, _("Đã bỏ khỏi danh sách."))
    return redirect("preparation:body", body.pk)


@login_required
@require_POST
def assign(request, pk):
    body = access_body(request.user, pk, edit=True)
    form = AssignForm(request.POST, organizations=subtree(body.organization, include_self=False))
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            services.assign(request.user, body, form.cleaned_data["organization"])
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã phân công địa bàn."))
    return redirect("preparation:body", body.pk)


@login_required
@require_POST
def visit_add(request, pk):
    body = access_body(request.user, pk, edit=True)
    form = VisitForm(request.POST, organizations=subtree(body.organization, include_self=False))
    if not form.is_valid():
        flash_form(request, form)
    else:
        data = form.cleaned_data
        try:
            services.record_visit(request.user, body, data.pop("organization"), **data)
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã ghi kết quả làm việc."))
    return redirect("preparation:body", body.pk)


@login_required
@require_POST
def visit_close(request, pk):
    visit = Visit.objects.select_related("body__organization").filter(pk=pk).first()
    if visit is None:
        raise Http404("visit not found")
    allowed = is_organiser(request.user, visit.body.organization) or is_organiser(
        request.user, visit.organization
    )
    if not allowed:
        raise Http404("visit not found")
    try:
        services.close_follow_up(request.user, visit, timezone.localdate())
    except PreparationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Đã ghi nhận khắc phục kiến nghị."))
    return back(request, reverse("preparation:body", args=[visit.body_id]))
