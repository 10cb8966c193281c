"""Comment rounds on a draft: who may comment, the comments, the answers, the final summary.

A round is opened to chosen audiences with a deadline: the organisations below
the congress's organisation, its members, the congress's delegates, and the
public where the level so decides (CT 45-CT/TW 2025 leaves to each level which
drafts are published for comment). Each comment points to a section and comes
from one source. The documents subcommittee answers every comment: accepted
(tiếp thu), explained (giải trình) or not accepted, always with a reply; the
summary report can be made final only when no comment is left unanswered.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.utils import timezone

from daihoi.audit.services import record
from daihoi.delegates.models import Credentials
from daihoi.organizations.selectors import can_see

from .errors import PreparationError
from .models import Answer, Comment, CommentRound, Draft, DraftVersion, RoundStatus, Source

AUDIENCES = ("to_lower_organizations", "to_members", "to_delegates", "to_public")
MAX_TEXT = 5000


@transaction.atomic
def open_round(
    actor,
    draft: Draft,
    *,
    title: str,
    deadline: dt.datetime,
    version: DraftVersion | None = None,
    **audiences: bool,
) -> CommentRound:
    version = version or draft.versions.order_by("-number").first()
    if version is None or version.draft_id != draft.pk:
        raise PreparationError("round.no_version", f"{draft.title}: chưa tải lên tệp dự thảo.")
    chosen = {name: bool(audiences.get(name)) for name in AUDIENCES}
    if not any(chosen.values()):
        raise PreparationError("round.no_audience", "Chọn ít nhất một đối tượng lấy ý kiến.")
    if chosen["to_delegates"] and draft.congress.kind != "delegates":
        raise PreparationError(
            "round.no_delegates", "Đại hội đảng viên không có đại biểu: chọn đối tượng khác."
        )
    if deadline <= timezone.now():
        raise PreparationError("round.deadline_past", "Hạn góp ý phải sau thời điểm hiện tại.")
    if draft.rounds.filter(status=RoundStatus.OPEN, deadline__gt=timezone.now()).exists():
        raise PreparationError("round.already_open", f"{draft.title} đang có đợt lấy ý kiến mở.")
    item = CommentRound.objects.create(
        draft=draft,
        version=version,
        title=title.strip() or f"Góp ý {draft.title} (dự thảo lần {version.number})",
        deadline=deadline,
        opened_by=actor,
        **chosen,
    )
    record(
        actor,
        "preparation.round_open",
        item,
        summary=item.title,
        after={**chosen, "deadline": deadline, "version": version.number},
    )
    return item


def is_open(item: CommentRound, now: dt.datetime | None = None) -> bool:
    return item.status == RoundStatus.OPEN and (now or timezone.now()) <= item.deadline


def _refuse_unless_open(item: CommentRound) -> None:
    if not is_open(item):
        raise PreparationError(
            "comment.closed", f"Đợt lấy ý kiến “{item.title}” đã hết hạn hoặc đã kết thúc."
        )


def _not_audience(item: CommentRound, who: str) -> PreparationError:
    return PreparationError(
        "comment.not_audience", f"{who} không thuộc đối tượng được lấy ý kiến đợt “{item.title}”."
    )


def audience_check(
    item: CommentRound, source: str, *, organization=None, member=None, delegate=None
):
    """Raise unless this source is among the round's audiences (see the module docstring)."""
    root = item.draft.congress.organization
    if source == Source.ORGANIZATION:
        below = organization.pk != root.pk and organization.path.startswith(root.path)
        if not (item.to_lower_organizations and below):
            raise _not_audience(item, organization.name)
    elif source == Source.MEMBER:
        inside = member.active and member.organization.path.startswith(root.path)
        if not (item.to_members and inside):
            raise _not_audience(item, member.full_name)
    elif source == Source.DELEGATE:
        summoned = (
            delegate.congress_id == item.draft.congress_id
            and delegate.credentials != Credentials.REJECTED
        )
        if not (item.to_delegates and summoned):
            raise _not_audience(item, f"Đại biểu số {delegate.number}")
    elif source == Source.PUBLIC:
        if not item.to_public:
            raise _not_audience(item, "Người ngoài đảng")
    else:
        raise PreparationError("comment.source", f"Nguồn ý kiến không hợp lệ: {source}.")


def _check_actor(actor, item: CommentRound, source: str, **who) -> None:
    """Comments of organisations and members are entered by staff who see that organisation
    (its own, or the congress's; not a view-only account); delegates and the public come
    through the portal."""
    if source not in (Source.ORGANIZATION, Source.MEMBER):
        return
    org = who["organization"] if source == Source.ORGANIZATION else who["member"].organization
    staff = actor is not None and actor.is_authenticated and actor.can_edit
    if not (staff and can_see(actor, org)):
        raise PreparationError(
            "comment.not_allowed", f"Tài khoản này không nhập ý kiến thay cho {org.name}."
        )


def _check_text(item: CommentRound, section, text: str) -> str:
    text = text.strip()
    if not text:
        raise PreparationError("comment.empty", "Nội dung góp ý: chưa nhập.")
    if len(text) > MAX_TEXT:
        raise PreparationError("comment.too_long", f"Nội dung góp ý: dài quá {MAX_TEXT} ký tự.")
    if section is not None and section.draft_id != item.draft_id:
        raise PreparationError("comment.section", "Phần, mục không thuộc văn kiện này.")
    return text


@transaction.atomic
def add_comment(
    actor,
    item: CommentRound,
    *,
    source: str,
    text: str,
    section=None,
    author: str = "",
    contact: str = "",
    **who,
) -> Comment:
    """One comment from one source. ``who`` holds organization, member or delegate (by source);
    public comments carry the author's name (and contact) only."""
    item = CommentRound.objects.select_for_update().get(pk=item.pk)
    _refuse_unless_open(item)
    audience_check(item, source, **who)
    _check_actor(actor, item, source, **who)
    text = _check_text(item, section, text)
    name = _author(source, author, **who)
    if not name:
        raise PreparationError("comment.author", "Người góp ý: chưa nhập họ tên.")
    comment = Comment.objects.create(
        round=item,
        section=section,
        source=source,
        author=name[:150],
        contact=contact.strip()[:150],
        text=text,
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        organization=who.get("organization"),
        member=who.get("member"),
        delegate=who.get("delegate"),
    )
    record(
        actor if getattr(actor, "is_authenticated", False) else None,
        "preparation.comment_add",
        comment,
        summary=f"{item.title} — {name}",
        after={"source": source, "section": section.title if section else ""},
    )
    return comment


def _author(source: str, typed: str, **who) -> str:
    if source == Source.ORGANIZATION:
        return who["organization"].name
    if source == Source.MEMBER:
        return who["member"].full_name
    if source == Source.DELEGATE:
        delegate = who["delegate"]
        return f"Đại biểu {delegate.member.full_name} (số {delegate.number:03d})"
    return " ".join(typed.split())


ANSWERS = (Answer.ACCEPTED, Answer.EXPLAINED, Answer.NOT_ACCEPTED)


@transaction.atomic
def answer_comment(actor, comment: Comment, *, answer: str, reply: str) -> Comment:
    comment = Comment.objects.select_for_update().select_related("round").get(pk=comment.pk)
    label = f"Ý kiến số {comment.pk} ({comment.author})"
    if comment.round.status == RoundStatus.FINAL:
        raise PreparationError("answer.final", f"{label}: báo cáo tổng hợp đã hoàn thành.")
    if answer not in ANSWERS:
        raise PreparationError(
            "answer.kind", f"{label}: chọn tiếp thu, giải trình hoặc không tiếp thu."
        )
    if not reply.strip():
        raise PreparationError("answer.reply_required", f"{label}: chưa nhập nội dung trả lời.")
    before = {"answer": comment.answer, "reply": comment.reply}
    comment.answer, comment.reply = answer, reply.strip()
    comment.answered_by, comment.answered_at = actor, timezone.now()
    comment.save(update_fields=["answer", "reply", "answered_by", "answered_at"])
    record(
        actor,
        "preparation.comment_answer",
        comment,
        summary=label,
        before=before,
        after={"answer": answer, "reply": comment.reply},
    )
    return comment


@transaction.atomic
def close_round(actor, item: CommentRound) -> CommentRound:
    item = CommentRound.objects.select_for_update().get(pk=item.pk)
    if item.status != RoundStatus.OPEN:
        raise PreparationError("round.not_open", "Đợt lấy ý kiến đã kết thúc.")
    item.status = RoundStatus.CLOSED
    item.save(update_fields=["status"])
    record(actor, "preparation.round_close", item, summary=item.title)
    return item


def issues_before_final(item: CommentRound) -> list[str]:
    """What stops the summary from being final: the round still open, comments unanswered."""
    issues = []
    if is_open(item):
        issues.append(
            f"Đợt lấy ý kiến còn mở đến {timezone.localtime(item.deadline):%H:%M %d/%m/%Y}."
        )
    pending = item.comments.filter(answer=Answer.PENDING).count()
    if pending:
        issues.append(f"Còn {pending} ý kiến chưa được tiếp thu, giải trình.")
    return issues


@transaction.atomic
def finalise_round(actor, item: CommentRound) -> CommentRound:
    item = CommentRound.objects.select_for_update().get(pk=item.pk)
    if item.status == RoundStatus.FINAL:
        raise PreparationError("round.already_final", "Báo cáo tổng hợp đã hoàn thành.")
    issues = issues_before_final(item)
    if issues:
        raise PreparationError("round.not_ready", issues[0], issues[1:])
    item.status, item.finalised_at, item.finalised_by = RoundStatus.FINAL, timezone.now(), actor
    item.save(update_fields=["status", "finalised_at", "finalised_by"])
    counts = Counter(item.comments.values_list("answer", flat=True))
    record(actor, "preparation.round_final", item, summary=item.title, after=dict(counts))
    return item
