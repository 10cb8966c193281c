"""Member pages: list with live search, detail, create and edit.

Access goes through `visible_members` / `access_member` (404 outside the user's
subtree); writes through the audited services, and only for users who can edit.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from daihoi.concurrency import StaleEdit
from daihoi.organizations.selectors import ancestors, can_see

from .. import selectors, services
from ..forms import PAGE_SIZE, MemberFilterForm, MemberForm


def is_htmx_partial(request) -> bool:
    # A history restore asks for the whole page even though it comes from htmx.
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def require_editor(user) -> None:
    if not user.can_edit:
        raise PermissionDenied(_("Tài khoản của bạn chỉ được xem, không được sửa."))


@require_GET
@login_required
def member_list(request):
    form = MemberFilterForm(request.GET, user=request.user)
    members = form.filter(selectors.visible_members(request.user)).select_related(
        "organization__parent"
    )
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page_obj": page, "query": query.urlencode()}
    template = "people/_member_results.html" if is_htmx_partial(request) else "people/list.html"
    response = render(request, template, context)
    # The same URL answers with a page or a fragment; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def member_detail(request, pk: int):
    member = selectors.access_member(request.user, pk)
    context = {
        "member": member,
        "crumbs": [a for a in ancestors(member.organization) if can_see(request.user, a)],
        "posts": member.posts.select_related("organization"),
        "plannings": member.plannings.order_by("-term", "title"),
    }
    return render(request, "people/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def member_create(request):
    require_editor(request.user)
    form = MemberForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            data = {**form.member_data(), "organization": form.cleaned_data["organization"]}
            member = services.create_member(request.user, **data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Đã thêm đảng viên %(name)s.") % {"name": member})
            return redirect("people:member_detail", member.pk)
    return render(request, "people/form.html", {"form": form, "member": None})


@require_http_methods(["GET", "POST"])
@login_required
def member_edit(request, pk: int):
    member = selectors.access_member(request.user, pk)
    require_editor(request.user)
    form = MemberForm(request.POST or None, user=request.user, member=member)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            if changes:
                version = form.edited_version()
                member = services.update_member(
                    request.user, member, expected_version=version, **changes
                )
        except StaleEdit as stale:
            form.report_stale(stale)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if changes:
                messages.success(request, _("Đã lưu thay đổi của %(name)s.") % {"name": member})
            return redirect("people:member_detail", member.pk)
    return render(request, "people/form.html", {"form": form, "member": member})
