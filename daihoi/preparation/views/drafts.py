"""Draft documents and their comment rounds: upload, sections, open a round, comments,
answers, the summary report; and the public comment page of a round open to the public."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.accounts.ratelimit import client_address
from daihoi.organizations.selectors import ancestors, can_see
from daihoi.people.models import Member

from .. import drafts as services
from .. import rounds, summary
from ..access import access_congress, access_draft, access_round, is_organiser
from ..errors import PreparationError
from ..forms import (
    AnswerForm,
    DraftForm,
    PublicCommentForm,
    RoundForm,
    SectionsForm,
    StaffCommentForm,
    UploadForm,
)
from ..models import Body, Comment, CommentRound, DraftVersion, RoundStatus, Source
from .common import DOCX, download, flash_error, flash_form, stored_file


@login_required
@require_POST
def draft_add(request, pk):
    congress = access_congress(request.user, pk, organiser=True)
    bodies = Body.objects.filter(organization=congress.organization)
    form = DraftForm(request.POST, bodies=bodies)
    if not form.is_valid():
        flash_form(request, form)
        return redirect("preparation:congress", congress.pk)
    try:
        draft = services.create_draft(request.user, congress, **form.cleaned_data)
    except PreparationError as error:
        flash_error(request, error)
        return redirect("preparation:congress", congress.pk)
    messages.success(request, _("Đã tạo văn kiện. Tải lên tệp dự thảo."))
    return redirect("preparation:draft", draft.pk)


@login_required
@require_GET
def draft_detail(request, pk):
    draft = access_draft(request.user, pk)
    organiser = is_organiser(request.user, draft.congress.organization)
    sections = list(draft.sections.order_by("position"))
    context = {
        "draft": draft,
        "congress": draft.congress,
        "organiser": organiser,
        "versions": draft.versions.select_related("uploaded_by").order_by("-number"),
        "sections": sections,
        "rounds": draft.rounds.select_related("version").order_by("-opened_at"),
        "crumbs": [a for a in ancestors(draft.congress.organization) if can_see(request.user, a)],
    }
    if organiser:
        context["upload_form"] = UploadForm()
        context["sections_form"] = SectionsForm(
            initial={"sections": "\n".join(s.title for s in sections)}
        )
        context["round_form"] = RoundForm(
            initial={
                "deadline": RoundForm.default_deadline(),
                "to_delegates": draft.congress.kind == "delegates",
            }
        )
    return render(request, "preparation/draft.html", context)


@login_required
@require_POST
def draft_upload(request, pk):
    draft = access_draft(request.user, pk, edit=True)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            version = services.upload_version(
                request.user, draft, form.cleaned_data["file"], form.cleaned_data["note"]
            )
        except (PreparationError, ValidationError) as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã tải lên dự thảo lần %(n)s.") % {"n": version.number})
    return redirect("preparation:draft", draft.pk)


@login_required
@require_POST
def draft_sections(request, pk):
    draft = access_draft(request.user, pk, edit=True)
    form = SectionsForm(request.POST)
    if form.is_valid():
        try:
            services.set_sections(request.user, draft, form.cleaned_data["sections"].splitlines())
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã lưu các phần, mục."))
    return redirect("preparation:draft", draft.pk)


@login_required
@require_GET
def version_file(request, pk):
    version = DraftVersion.objects.select_related("draft").filter(pk=pk).first()
    if version is None:
        raise Http404("version not found")
    # Lower organisations read the version a round open to them is about (not the others).
    visible = version.rounds.filter(Q(to_lower_organizations=True) | Q(to_members=True)).exists()
    try:
        access_draft(request.user, version.draft_id)
    except Http404:
        if not (visible and _below(request.user, version.draft.congress.organization)):
            raise
    return stored_file(version.file, version.filename)


def _below(user, org) -> bool:
    return user.organization_id is not None and user.organization.path.startswith(org.path)


@login_required
@require_POST
def round_open(request, pk):
    draft = access_draft(request.user, pk, edit=True)
    form = RoundForm(request.POST)
    if not form.is_valid():
        flash_form(request, form)
        return redirect("preparation:draft", draft.pk)
    data = form.cleaned_data
    try:
        item = rounds.open_round(
            request.user, draft, title=data["title"], deadline=data["deadline"], **form.audiences()
        )
    except PreparationError as error:
        flash_error(request, error)
        return redirect("preparation:draft", draft.pk)
    messages.success(request, _("Đã mở đợt lấy ý kiến."))
    return redirect("preparation:round", item.pk)


def _staff_comment_form(request, item: CommentRound, data=None):
    org = item.draft.congress.organization
    user_org = request.user.organization
    lower = org.children.order_by("name") if can_see(request.user, org) else None
    if lower is None and user_org is not None:
        lower = type(org).objects.filter(pk=user_org.pk)
    return StaffCommentForm(
        data, organizations=lower, sections=item.draft.sections.order_by("position")
    )


@login_required
@require_GET
def round_detail(request, pk):
    item = access_round(request.user, pk)
    org = item.draft.congress.organization
    organiser = is_organiser(request.user, org)
    comments = item.comments.select_related("section", "answered_by").order_by(
        "section__position", "id"
    )
    if not can_see(request.user, org):  # a lower organisation sees its own comments only
        comments = comments.filter(entered_by=request.user)
    comments = list(comments)
    if organiser:
        for c in comments:
            initial = {"answer": c.answer, "reply": c.reply} if c.reply else None
            c.form = AnswerForm(prefix=f"c{c.pk}", initial=initial)
    context = {
        "round": item,
        "draft": item.draft,
        "organiser": organiser,
        "comments": comments,
        "open": rounds.is_open(item),
        "issues": rounds.issues_before_final(item) if organiser else [],
        "counts": summary.tables(item)["total"].counts if organiser else None,
        "comment_form": _staff_comment_form(request, item)
        if rounds.is_open(item) and request.user.can_edit
        else None,
        "public_url": request.build_absolute_uri(
            reverse("preparation:public_round", args=[item.pk])
        )
        if item.to_public
        else "",
        "crumbs": [a for a in ancestors(org) if can_see(request.user, a)],
    }
    return render(request, "preparation/round.html", context)


@login_required
@require_POST
def round_comment(request, pk):
    item = access_round(request.user, pk)
    form = _staff_comment_form(request, item, request.POST)
    if not form.is_valid():
        flash_form(request, form)
        return redirect("preparation:round", item.pk)
    data = form.cleaned_data
    who = {}
    if data["source"] == Source.ORGANIZATION:
        if data["organization"] is None:
            messages.error(request, _("Tổ chức: chưa chọn."))
            return redirect("preparation:round", item.pk)
        who["organization"] = data["organization"]
    else:
        member = Member.objects.filter(code=data["member_code"].strip()).first()
        if member is None:
            messages.error(
                request, _("Không tìm thấy đảng viên có mã %(c)s.") % {"c": data["member_code"]}
            )
            return redirect("preparation:round", item.pk)
        who["member"] = member
    try:
        rounds.add_comment(
            request.user,
            item,
            source=data["source"],
            text=data["text"],
            section=data["section"],
            **who,
        )
    except PreparationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Đã ghi ý kiến góp ý."))
    return redirect("preparation:round", item.pk)


@login_required
@require_POST
def comment_answer(request, pk):
    comment = Comment.objects.select_related("round").filter(pk=pk).first()
    if comment is None:
        raise Http404("comment not found")
    item = access_round(request.user, comment.round_id, edit=True)
    form = AnswerForm(request.POST, prefix=f"c{comment.pk}")
    if not form.is_valid():
        flash_form(request, form)
    else:
        try:
            rounds.answer_comment(request.user, comment, **form.cleaned_data)
        except PreparationError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("Đã ghi kết quả xử lý ý kiến."))
    return redirect(f"{reverse('preparation:round', args=[item.pk])}#comment-{comment.pk}")


@login_required
@require_POST
def round_close(request, pk):
    item = access_round(request.user, pk, edit=True)
    try:
        rounds.close_round(request.user, item)
    except PreparationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Đã kết thúc đợt lấy ý kiến."))
    return redirect("preparation:round", item.pk)


@login_required
@require_POST
def round_final(request, pk):
    item = access_round(request.user, pk, edit=True)
    try:
        rounds.finalise_round(request.user, item)
    except PreparationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Báo cáo tổng hợp đã hoàn thành."))
    return redirect("preparation:round", item.pk)


@login_required
@require_GET
def round_summary(request, pk):
    item = access_round(request.user, pk, edit=True)
    data = summary.summary_docx(item, timezone.localdate())
    suffix = "" if item.status == RoundStatus.FINAL else "-chua-hoan-thanh"
    return download(data, f"tong-hop-y-kien-{item.pk}{suffix}.docx", DOCX)


PUBLIC_LIMIT = 20  # comments per address per hour on a public round


def _too_many(request) -> bool:
    key = f"prep-public:{client_address(request)}"
    count = cache.get(key, 0)
    if count >= PUBLIC_LIMIT:
        return True
    cache.set(key, count + 1, timeout=3600)
    return False


@require_http_methods(["GET", "POST"])
def public_round(request, pk):
    """The page a round open to the public prints or links to: no sign-in, name required."""
    item = CommentRound.objects.select_related("draft__congress", "version").filter(pk=pk).first()
    if item is None or not item.to_public:
        raise Http404("round not found")
    sections = item.draft.sections.order_by("position")
    form = PublicCommentForm(request.POST or None, sections=sections)
    done = False
    if request.method == "POST" and _too_many(request):
        form.add_error(None, _("Đã gửi nhiều ý kiến trong thời gian ngắn; vui lòng thử lại sau."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rounds.add_comment(
                None,
                item,
                source=Source.PUBLIC,
                text=data["text"],
                section=data["section"],
                author=data["author"],
                contact=data["contact"],
            )
        except PreparationError as error:
            form.add_error(None, error.message)
        else:
            done, form = True, PublicCommentForm(sections=sections)
    context = {"round": item, "form": form, "open": rounds.is_open(item), "done": done}
    return render(request, "preparation/public_round.html", context)


@require_GET
def public_round_file(request, pk):
    """The version a public round is about, for anyone (the level chose to publish it)."""
    item = CommentRound.objects.select_related("version").filter(pk=pk, to_public=True).first()
    if item is None:
        raise Http404("round not found")
    return stored_file(item.version.file, item.version.filename)
