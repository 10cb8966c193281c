"""The hall: roster and cards, credentials, check-in at the door and the live count."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.congresses.models import Congress
from daihoi.dbfold import tokens
from daihoi.listing import clean_text, paginate, positive_int
from daihoi.organizations.selectors import can_see
from daihoi.people.models import Member
from daihoi.rules import quorum

from . import attendance, credentials, documents, roster
from .forms import AbsentForm, AddDelegateForm, DecideForm, QuorumLineForm
from .models import Delegate
from .views import DOCX, access_congress, file_response

PDF = "application/pdf"


def _delegate(congress, pk) -> Delegate:
    return get_object_or_404(Delegate.objects.select_related("member"), pk=pk, congress=congress)


@login_required
def roster_page(request, pk):
    """The roster of a congress of 350: search by name or card number, one delegation, pages."""
    congress = access_congress(request.user, pk)
    delegates = (
        Delegate.objects.filter(congress=congress)
        .select_related("member", "delegation", "replaces__member")
        .order_by("delegation__path", "kind", "rank", "number")
    )
    query = clean_text(request.GET.get("q"))
    delegation = positive_int(request.GET.get("delegation"))
    if delegation is not None:
        delegates = delegates.filter(delegation_id=delegation)
    if query.isdigit():
        delegates = delegates.filter(number=int(query))
    else:
        for word in tokens(query):
            delegates = delegates.filter(member__search_name__contains=word)
    listing = paginate(request, delegates)
    lower = Congress.objects.filter(
        organization__parent=congress.organization, term=congress.term
    ).select_related("organization")
    context = {
        "congress": congress,
        "listing": listing,
        "page_obj": listing.page,
        "query": listing.query,
        "q": query,
        "chosen_delegation": delegation,
        "delegations": roster.delegations(congress),
        "lower": lower,
        "form": AddDelegateForm(),
    }
    return render(request, "delegates/roster.html", context)


@login_required
@require_POST
def roster_action(request, pk, action):
    congress = access_congress(request.user, pk, edit=True)
    try:
        text = _roster_action(request, congress, action)
        messages.success(request, text)
    except (roster.RosterError, ValueError) as error:
        messages.error(request, str(error))
    return redirect("delegates:roster", pk=congress.pk)


def _roster_action(request, congress, action) -> str:
    handlers = {"add": _add, "import": _import, "absent": _absent, "seat": _seat}
    if action not in handlers:
        raise Http404("unknown action")
    return handlers[action](request.user, congress, request.POST)


def _add(user, congress, post) -> str:
    form = AddDelegateForm(post)
    if not form.is_valid():
        raise ValueError(_("Thiếu mã đảng viên, loại hoặc đoàn đại biểu."))
    data = form.cleaned_data
    member = Member.objects.filter(code=data["member_code"].strip()).first()
    delegation = next((o for o in roster.delegations(congress) if o.pk == data["delegation"]), None)
    if member is None or delegation is None or not can_see(user, member.organization):
        raise ValueError(_("Không tìm thấy đảng viên hoặc đoàn đại biểu."))
    roster.add_delegate(user, congress, member, kind=data["kind"], delegation=delegation)
    return _("Đã thêm %(name)s.") % {"name": member.full_name}


def _import(user, congress, post) -> str:
    lower = get_object_or_404(
        Congress, pk=post.get("lower"), organization__parent=congress.organization
    )
    added = roster.import_elected(user, congress, lower)
    counts = {"e": added["elected"], "a": added["alternates"]}
    return _("Đã nhập %(e)d đại biểu chính thức, %(a)d dự khuyết.") % counts


def _absent(user, congress, post) -> str:
    delegate = _delegate(congress, post.get("delegate"))
    form = AbsentForm(post)
    attendance.mark_absent(user, delegate, form.cleaned_data["reason"] if form.is_valid() else "")
    return _("Đã ghi vắng mặt: %(name)s.") % {"name": delegate.member.full_name}


def _seat(user, congress, post) -> str:
    absent = _delegate(congress, post.get("delegate"))
    alternate = roster.next_alternate(absent)
    if alternate is None:
        raise ValueError(_("Đoàn không còn đại biểu dự khuyết có mặt."))
    roster.seat_alternate(user, absent, alternate)
    names = {"alt": alternate.member.full_name, "name": absent.member.full_name}
    return _("%(alt)s thay %(name)s.") % names


@login_required
def cards(request, pk):
    congress = access_congress(request.user, pk)
    delegates = list(
        Delegate.objects.filter(congress=congress)
        .select_related("member", "delegation")
        .order_by("number")
    )
    data = documents.cards_pdf(congress, delegates)
    return file_response(data, PDF, f"the-dai-bieu-{congress.organization.code}.pdf")


@login_required
def credentials_page(request, pk):
    congress = access_congress(request.user, pk)
    facts = credentials.facts_for(congress)
    delegates = Delegate.objects.filter(congress=congress).select_related("member", "delegation")
    rows = [(d, credentials.check(facts[d.pk])) for d in delegates.order_by("number")]
    on = congress.starts_on or timezone.localdate()
    query = clean_text(request.GET.get("q"))
    show = request.GET.get("show", "")
    # The checks run on every delegate (the count of those to review is the congress's);
    # the search and the filter only choose the rows shown, a page at a time.
    listing = paginate(request, _credential_rows(rows, query, show))
    context = {
        "congress": congress,
        "listing": listing,
        "page_obj": listing.page,
        "query": listing.query,
        "q": query,
        "show": show,
        "flagged": sum(1 for _, found in rows if _to_review(found)),
        "figures": credentials.report(congress, on),
    }
    return render(request, "delegates/credentials.html", context)


def _to_review(found) -> bool:
    return any(f.severity != "info" for f in found)


def _credential_rows(rows, query: str, show: str) -> list:
    """Rows matching a card number or every word of the name (accents aside), and `show`:
    "review" (something stands against them) or "pending" (not yet decided)."""
    if query.isdigit():
        rows = [(d, found) for d, found in rows if d.number == int(query)]
    else:
        words = tokens(query)
        rows = [(d, f) for d, f in rows if all(w in d.member.search_name for w in words)]
    if show == "review":
        rows = [(d, found) for d, found in rows if _to_review(found)]
    elif show == "pending":
        rows = [(d, found) for d, found in rows if d.credentials == "pending"]
    return rows


@login_required
@require_POST
def credentials_decide(request, pk, delegate_pk):
    congress = access_congress(request.user, pk, edit=True)
    delegate = _delegate(congress, delegate_pk)
    form = DecideForm(request.POST)
    form.is_valid()
    try:
        credentials.decide(
            request.user,
            delegate,
            accepted=form.cleaned_data.get("accepted", False),
            note=form.cleaned_data.get("note", ""),
        )
        messages.success(
            request, _("Đã ghi ý kiến thẩm tra: %(name)s.") % {"name": delegate.member.full_name}
        )
    except ValueError as error:
        messages.error(request, str(error))
    # Back to the same search, filter and page: the clerk works down a list of 200.
    back = QueryDict(request.POST.get("back", "")[:500]).urlencode()
    url = reverse("delegates:credentials", args=[congress.pk])
    return redirect(f"{url}?{back}" if back else url)


@login_required
def credentials_file(request, pk, fmt):
    congress = access_congress(request.user, pk)
    on = congress.starts_on or timezone.localdate()
    figures = credentials.report(congress, on)
    name = f"bao-cao-tham-tra-tu-cach-{congress.organization.code}"
    if fmt == "pdf":
        return file_response(documents.credentials_pdf(congress, figures, on), PDF, name + ".pdf")
    if fmt == "docx":
        return file_response(
            documents.credentials_docx(congress, figures, on), DOCX, name + ".docx"
        )
    raise Http404("unknown format")


@login_required
def checkin_page(request, pk):
    congress = access_congress(request.user, pk, edit=True)
    context = {
        "congress": congress,
        "status": (roster_status := attendance.status(congress)),
        "base_figures": attendance.base_panel(congress, roster_status),
        "practice": quorum.PRACTICE,
    }
    return render(request, "delegates/checkin.html", context)


@login_required
@require_POST
def checkin_scan(request, pk):
    congress = access_congress(request.user, pk, edit=True)
    result = attendance.check_in(
        request.user, congress, request.POST.get("code", ""), request.POST.get("nonce", "")
    )
    delegate = result.delegate
    return JsonResponse(
        {
            "outcome": result.outcome,
            "message": result.message,
            "delegate": {
                "number": delegate.number,
                "name": delegate.member.full_name,
                "delegation": delegate.delegation.name,
                "kind": delegate.get_kind_display(),
            }
            if delegate
            else None,
            "present": result.status.present,
            "summoned": result.status.summoned,
        }
    )


@login_required
def quorum_panel(request, pk):
    congress = access_congress(request.user, pk)
    context = {
        "congress": congress,
        "status": (roster_status := attendance.status(congress)),
        "base_figures": attendance.base_panel(congress, roster_status),
        "practice": quorum.PRACTICE,
    }
    return render(request, "delegates/_quorum.html", context)


@login_required
@require_POST
def quorum_line(request, pk):
    congress = access_congress(request.user, pk, edit=True)
    form = QuorumLineForm(request.POST)
    form.is_valid()
    attendance.set_line(request.user, congress, enabled=form.cleaned_data.get("enabled", False))
    messages.success(request, _("Đã lưu cách hiển thị ngưỡng có mặt."))
    return redirect("delegates:checkin", pk=congress.pk)
