"""Congress pages: the list, a new congress, its attendance and the base's source.

The congress's own page (elections, open votes, counting teams) is counting
work and lives in the elections wing above (elections/views_congress.py),
under the same `congresses:` URL names. Everyone who may see the organisation
reads; only organisers (`access.is_organiser`) change anything. A congress
outside the user's subtree is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.listing import paginate, positive_int, xlsx_download
from daihoi.organizations.models import Level
from daihoi.organizations.selectors import can_see, visible_organizations
from daihoi.people.views.members import is_htmx_partial
from daihoi.typeahead import lookup_response

from . import services
from .access import is_organiser
from .appointments import with_appointed_flag
from .forms import AttendanceForm, CongressForm
from .listing import (
    SORT_LABELS,
    CongressFilters,
    filter_congresses,
    lookup_rows,
    scope_organization,
)
from .models import BaseSource, Congress, CongressKind, CongressStatus
from .terms import term_names


def access_congress(user, pk, *, organiser: bool = False) -> Congress:
    """The congress if its organisation is in the user's sight (and, with `organiser`, the user
    organises it); else 404. Counters who may read the congress's page without seeing its
    organisation are let in by that page (elections/views_congress.py), not here."""
    congress = Congress.objects.select_related("organization").filter(pk=pk).first()
    if congress is None or not user.is_authenticated:
        raise Http404("congress not found")
    if not can_see(user, congress.organization) or (organiser and not is_organiser(user, congress)):
        raise Http404("congress not found")
    return congress


def _flash(request, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


def _flash_form(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def detail_url(congress, anchor: str = "") -> str:
    url = reverse("congresses:detail", args=[congress.pk])
    return f"{url}#{anchor}" if anchor else url


def _organisations_for_new(user):
    return visible_organizations(user) if user.can_edit else None


def _list_rows(congresses):
    # Labels resolved once, not three lazy translations per row (1,742 rows for a province).
    levels, kinds = dict(Level.choices), dict(CongressKind.choices)
    statuses = {value: str(label) for value, label in CongressStatus.choices}
    levels = {value: str(label) for value, label in levels.items()}
    kinds = {value: str(label) for value, label in kinds.items()}
    pilot = _("có")
    for c in congresses:
        yield (
            c.name,
            c.organization.name,
            levels.get(c.organization.level, ""),
            c.term,
            kinds.get(c.kind, ""),
            c.starts_on,
            statuses.get(c.status, ""),
            pilot if c.pilot else "",
        )


def _export_congresses(congresses):
    headers = [
        _("Đại hội"),
        _("Tổ chức đảng"),
        _("Cấp"),
        _("Nhiệm kỳ"),
        _("Hình thức"),
        _("Ngày khai mạc"),
        _("Trạng thái"),
        _("Đại hội điểm"),
    ]
    return xlsx_download(
        "dai-hoi.xlsx",
        "DaiHoi",
        _("Danh sách đại hội"),
        headers,
        _list_rows(congresses.select_related("organization")),
        formats=[None, None, None, None, None, "dd/mm/yyyy", None, None],
        widths=[48, 40, 16, 11, 18, 13, 14, 10],
    )


@require_GET
@login_required
def congress_list(request):
    """Every congress of the user's subtree: search, filters, sort, pages, Excel export."""
    filters = CongressFilters.from_query(request.GET)
    scope = scope_organization(request.user, filters)
    congresses = Congress.objects.filter(organization__in=visible_organizations(request.user))
    congresses = filter_congresses(with_appointed_flag(congresses), filters, scope)
    if request.GET.get("format") == "xlsx":
        return _export_congresses(congresses)
    listing = paginate(request, congresses.select_related("organization"))
    context = {
        "listing": listing,
        "page_obj": listing.page,
        "query": listing.query,
        "filters": filters,
        "scope": scope,
        "terms": term_names(),
        "levels": Level.choices,
        "statuses": CongressStatus.choices,
        "sorts": list(SORT_LABELS.items()),
        "can_create": request.user.can_edit,
    }
    partial = is_htmx_partial(request)
    template = "congresses/_list_results.html" if partial else "congresses/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def congress_lookup(request):
    """``?q=`` → the congresses of the user's subtree for a type-ahead picker."""
    return lookup_response(lookup_rows(request.user, request.GET.get("q", "")))


@require_http_methods(["GET", "POST"])
@login_required
def congress_create(request):
    """ "Tạo đại hội mới" on its own page; the organisation is chosen by type-ahead."""
    organizations = _organisations_for_new(request.user)
    if organizations is None:
        raise Http404("not an organiser")
    org_id = positive_int(request.GET.get("organization"))
    initial = {"organization": org_id} if org_id is not None else {}
    form = CongressForm(request.POST or None, organizations=organizations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            congress = services.create_congress(
                request.user, form.cleaned_data["organization"], **form.service_kwargs()
            )
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("Đã tạo đại hội. Nhập số được triệu tập và có mặt."))
            return redirect(detail_url(congress, "attendance"))
    return render(request, "congresses/create.html", {"form": form})


@require_POST
@login_required
def attendance(request, pk: int):
    congress = access_congress(request.user, pk, organiser=True)
    form = AttendanceForm(request.POST, congress=congress)
    if not form.is_valid():
        _flash_form(request, form)
        return redirect(detail_url(congress, "attendance"))
    try:
        services.update_attendance(request.user, congress, **form.cleaned_data)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Đã cập nhật số đại biểu và cơ sở tính kết quả."))
    return redirect(detail_url(congress, "attendance"))


@require_POST
@login_required
def base_source(request, pk: int):
    """Switch where the base's figures come from (typed or the delegate roster); audited."""
    from daihoi.delegates.attendance import use_roster_for_base  # same wing, below counting

    congress = access_congress(request.user, pk, organiser=True)
    source, reason = request.POST.get("source", ""), request.POST.get("reason", "")
    try:
        if source == BaseSource.ROSTER:
            use_roster_for_base(request.user, congress, reason)
        else:
            services.set_base_source(request.user, congress, source, reason)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(
            request, _("Đã đổi nguồn số liệu của cơ sở tính kết quả (có ghi nhật ký).")
        )
    return redirect(detail_url(congress, "attendance"))
