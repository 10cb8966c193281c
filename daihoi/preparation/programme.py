"""The congress programme: sessions, agenda items, and the show-of-hands decisions.

A decision is recorded through ``elections.lists.record_show_of_hands`` (asked
through vote_hooks.py, as elections is a wing above; the same
ShowOfHands rows the election pages and the count minutes read; passed when
more than half of those present agree), then linked to its agenda item.
QĐ 190-QĐ/TW 2024: the congress votes openly on its presidium, secretariat and
credentials committee (Điều 4: the convening committee prepares them "để trình
đại hội xem xét, biểu quyết thông qua") and on its counting committee
(Điều 8.1: "đại hội biểu quyết thông qua"), and on the number to elect and
the list (Điều 3; the 2024 wording of Điều 3 is not verified here).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch

from daihoi.audit.services import record

from .errors import PreparationError
from .models import AgendaItem, Decision, Session, SessionKind
from .vote_hooks import record_open_vote


@transaction.atomic
def add_session(
    actor, congress, *, kind: str, title: str, day: dt.date, starts_at: dt.time, venue=""
):
    if kind not in SessionKind.values:
        raise PreparationError("session.kind", f"Loại phiên không hợp lệ: {kind}.")
    session = Session.objects.create(
        congress=congress,
        kind=kind,
        title=title.strip() or str(SessionKind(kind).label),
        day=day,
        starts_at=starts_at,
        venue=venue.strip() or congress.venue,
    )
    record(actor, "preparation.session_add", session, summary=session.title, after={"day": day})
    return session


@transaction.atomic
def add_item(actor, session: Session, *, title: str, draft=None, decision: str = "", **extra):
    if not title.strip():
        raise PreparationError("item.title_required", f"{session.title}: chưa nhập nội dung.")
    if decision not in Decision.values:
        raise PreparationError("item.decision", f"{title}: loại biểu quyết không hợp lệ.")
    if draft is not None and draft.congress_id != session.congress_id:
        raise PreparationError("item.draft", f"{title}: tài liệu không thuộc đại hội này.")
    Session.objects.select_for_update().get(pk=session.pk)
    position = (session.items.aggregate(n=Max("position"))["n"] or 0) + 1
    item = AgendaItem.objects.create(
        session=session,
        position=position,
        title=title.strip(),
        draft=draft,
        decision=decision,
        starts_at=extra.get("starts_at"),
        minutes=extra.get("minutes"),
        speaker=extra.get("speaker", "").strip(),
    )
    record(actor, "preparation.item_add", item, summary=item.title, after={"position": position})
    return item


ITEM_FIELDS = ("title", "starts_at", "minutes", "speaker", "draft", "decision")


@transaction.atomic
def update_item(actor, item: AgendaItem, **fields) -> AgendaItem:
    """Change an item's wording, time, speaker, document or decision; a voted item keeps its
    title and decision (the minutes quote them)."""
    item = AgendaItem.objects.select_for_update().select_related("session").get(pk=item.pk)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise PreparationError("item.field", f"Không sửa được: {', '.join(sorted(unknown))}.")
    if item.vote_id and any(
        k in fields and fields[k] != getattr(item, k) for k in ("title", "decision")
    ):
        raise PreparationError("item.voted", f"{item.title}: đã biểu quyết, không sửa nội dung.")
    if fields.get("draft") is not None and fields["draft"].congress_id != item.session.congress_id:
        raise PreparationError("item.draft", f"{item.title}: tài liệu không thuộc đại hội này.")
    if "title" in fields and not (fields["title"] or "").strip():
        raise PreparationError("item.title_required", f"{item.session.title}: chưa nhập nội dung.")
    before = {k: getattr(item, k) for k in fields}
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    item.save(update_fields=list(fields))
    after = {k: getattr(item, k) for k in fields}
    record(
        actor,
        "preparation.item_update",
        item,
        summary=item.title,
        before={k: str(v) for k, v in before.items()},
        after={k: str(v) for k, v in after.items()},
    )
    return item


@transaction.atomic
def move_item(actor, item: AgendaItem, step: int) -> AgendaItem:
    """Swap the item with its neighbour above (step -1) or below (+1)."""
    items = list(item.session.items.select_for_update().order_by("position"))
    index = next(i for i, x in enumerate(items) if x.pk == item.pk)
    other = index + step
    if not 0 <= other < len(items):
        return item
    a, b = items[index], items[other]
    parking = max(x.position for x in items) + 1
    a_pos, b_pos = a.position, b.position
    AgendaItem.objects.filter(pk=a.pk).update(position=parking)
    AgendaItem.objects.filter(pk=b.pk).update(position=a_pos)
    AgendaItem.objects.filter(pk=a.pk).update(position=b_pos)
    record(actor, "preparation.item_move", a, summary=a.title, after={"position": b_pos})
    a.position = b_pos
    return a


@transaction.atomic
def remove_item(actor, item: AgendaItem) -> None:
    if item.vote_id:
        raise PreparationError("item.voted", f"{item.title}: đã biểu quyết, không xóa được.")
    record(actor, "preparation.item_remove", item, summary=item.title)
    item.delete()


@transaction.atomic
def record_decision(actor, item: AgendaItem, *, votes_for: int, votes_against=0, abstain=0):
    item = (
        AgendaItem.objects.select_for_update().select_related("session__congress").get(pk=item.pk)
    )
    if not item.decision:
        raise PreparationError("decision.none", f"{item.title}: mục này không có biểu quyết.")
    if item.vote_id:
        raise PreparationError("decision.recorded", f"{item.title}: đã ghi kết quả biểu quyết.")
    if min(votes_for, votes_against, abstain) < 0:
        raise PreparationError("decision.negative", f"{item.title}: số phiếu không được âm.")
    try:
        vote = record_open_vote(
            actor,
            item.session.congress,
            subject=item.title,
            votes_for=votes_for,
            votes_against=votes_against,
            abstain=abstain,
        )
    except ValidationError as error:
        raise PreparationError("decision.invalid", f"{item.title}: {error.messages[0]}") from None
    item.vote = vote
    item.save(update_fields=["vote"])
    record(actor, "preparation.decision", item, summary=item.title, after={"vote": vote.pk})
    return item


def sessions(congress) -> list[Session]:
    """The programme in order, items with their documents and votes: two queries."""
    items = AgendaItem.objects.select_related("draft", "vote").order_by("position")
    qs = Session.objects.filter(congress=congress).prefetch_related(
        Prefetch("items", queryset=items)
    )
    return list(qs.order_by("day", "starts_at", "id"))


# A starting point the organisers edit: the usual order of a congress's two sessions.
STANDARD = {
    SessionKind.PREPARATORY: [
        ("Chào cờ; tuyên bố lý do, giới thiệu đại biểu", ""),
        ("Bầu Đoàn Chủ tịch đại hội", Decision.PRESIDIUM),
        ("Bầu Đoàn Thư ký đại hội", Decision.SECRETARIAT),
        ("Bầu Ban Thẩm tra tư cách đại biểu", Decision.CREDENTIALS),
        ("Thông qua chương trình đại hội", Decision.AGENDA),
        ("Thông qua quy chế làm việc của đại hội", Decision.WORKING_RULES),
    ],
    SessionKind.OFFICIAL: [
        ("Khai mạc đại hội", ""),
        ("Trình bày báo cáo chính trị", ""),
        ("Báo cáo kiểm điểm của cấp ủy nhiệm kỳ qua", ""),
        ("Thảo luận các văn kiện", ""),
        ("Báo cáo thẩm tra tư cách đại biểu", Decision.CREDENTIALS_REPORT),
        ("Bầu Ban Kiểm phiếu", Decision.COUNTING),
        ("Biểu quyết số lượng cấp ủy khóa mới", Decision.COMMITTEE_SIZE),
        ("Thông qua danh sách bầu cử", Decision.ELECTION_LIST),
        ("Bầu cấp ủy khóa mới; bầu đại biểu dự đại hội cấp trên", ""),
        ("Thông qua nghị quyết đại hội", Decision.RESOLUTION),
        ("Bế mạc", ""),
    ],
}


@transaction.atomic
def add_standard_programme(actor, congress, *, day: dt.date) -> list[Session]:
    if Session.objects.filter(congress=congress).exists():
        raise PreparationError("programme.exists", "Đại hội đã có chương trình.")
    """The preparatory session the afternoon before ``day``, the official one on ``day``."""
    made = []
    when = {
        SessionKind.PREPARATORY: (day - dt.timedelta(days=1), dt.time(14, 0)),
        SessionKind.OFFICIAL: (day, dt.time(7, 30)),
    }
    for kind, rows in STANDARD.items():
        on, at = when[kind]
        session = add_session(actor, congress, kind=kind, title="", day=on, starts_at=at, venue="")
        for title, decision in rows:
            add_item(actor, session, title=title, decision=decision)
        made.append(session)
    return made
