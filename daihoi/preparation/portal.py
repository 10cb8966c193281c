"""The delegate portal's writes and reads: one-time links, passwords, seats, announcements.

Delegates are not users of the system: a delegate signs in to the portal of
their own congress only, either with a one-time link (printed as a QR code on
a slip handed out with the delegate card; the card's own QR carries only the
check-in token, see delegates.roster) or with the card number and a password
the delegate chose after the first link. Only a link's SHA-256 is stored, so
a lost slip is replaced by issuing a new link, which revokes the old one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from daihoi.audit.services import record
from daihoi.delegates.models import Credentials, Delegate

from .errors import PreparationError
from .models import (
    Announcement,
    CommentRound,
    Draft,
    DraftVersion,
    PortalAccount,
    PortalLink,
    RoundStatus,
    Seat,
)

LINK_DAYS = 30
SEEN_EVERY = dt.timedelta(minutes=5)
# Hashed once at import: checking a password for an unknown card costs the same time.
_DUMMY = make_password("not-a-delegate-password")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "ignore")).hexdigest()


def summoned(congress):
    return Delegate.objects.filter(congress=congress).exclude(credentials=Credentials.REJECTED)


@transaction.atomic
def issue_links(
    actor, congress, delegates=None, days: int = LINK_DAYS
) -> list[tuple[Delegate, str]]:
    """New one-time links (token in clear, returned once) for the delegates given or all;
    their unused earlier links are revoked."""
    chosen = list(delegates if delegates is not None else summoned(congress).order_by("number"))
    chosen = [d for d in chosen if d.congress_id == congress.pk]
    PortalLink.objects.filter(delegate__in=chosen, used_at__isnull=True, revoked=False).update(
        revoked=True
    )
    expires = timezone.now() + dt.timedelta(days=days)
    issued = [(d, secrets.token_urlsafe(24)) for d in chosen]
    PortalLink.objects.bulk_create(
        PortalLink(delegate=d, token_hash=token_hash(t), expires_at=expires, created_by=actor)
        for d, t in issued
    )
    record(
        actor,
        "portal.links_issue",
        congress,
        summary=congress.name,
        after={"delegates": [d.number for d, _ in issued], "expires": expires},
    )
    return issued


@transaction.atomic
def redeem_link(token: str) -> Delegate | None:
    """The delegate of a valid, unused, unexpired link, which is then spent; None otherwise."""
    link = (
        PortalLink.objects.select_for_update()
        .select_related("delegate")
        .filter(token_hash=token_hash(token))
        .first()
    )
    now = timezone.now()
    if link is None or link.revoked or link.used_at or link.expires_at < now:
        return None
    if link.delegate.credentials == Credentials.REJECTED:
        return None
    link.used_at = now
    link.save(update_fields=["used_at"])
    record(None, "portal.link_used", link.delegate, summary=f"Đại biểu số {link.delegate.number}")
    return link.delegate


@transaction.atomic
def set_password(delegate: Delegate, raw: str) -> PortalAccount:
    try:
        validate_password(raw)
    except ValidationError as error:
        raise PreparationError("portal.weak_password", " ".join(error.messages)) from None
    account, _ = PortalAccount.objects.select_for_update().get_or_create(delegate=delegate)
    account.password, account.password_set_at = make_password(raw), timezone.now()
    account.save(update_fields=["password", "password_set_at"])
    record(None, "portal.password_set", delegate, summary=f"Đại biểu số {delegate.number}")
    return account


@transaction.atomic
def clear_password(actor, delegate: Delegate) -> None:
    PortalAccount.objects.filter(delegate=delegate).update(password="", password_set_at=None)
    record(actor, "portal.password_clear", delegate, summary=f"Đại biểu số {delegate.number}")


def authenticate(congress, number: str, raw: str) -> Delegate | None:
    delegate = None
    if number.strip().isdigit():
        delegate = (
            summoned(congress).filter(number=int(number)).select_related("portal_account").first()
        )
    account = getattr(delegate, "portal_account", None) if delegate else None
    encoded = account.password if account and account.password else _DUMMY
    ok = check_password(raw, encoded)
    return delegate if ok and account and account.password else None


def touch(delegate: Delegate) -> None:
    """Remember when the delegate was last seen (at most one write every few minutes)."""
    now = timezone.now()
    account, _ = PortalAccount.objects.get_or_create(delegate=delegate)
    if account.last_seen_at is None or now - account.last_seen_at > SEEN_EVERY:
        PortalAccount.objects.filter(pk=account.pk).update(last_seen_at=now)


# --- Seats and announcements ----------------------------------------------------------------


@transaction.atomic
def assign_seats(actor, congress, *, per_row: int = 20, block: str = "A") -> int:
    """Seat every summoned delegate, delegation by delegation, in rows of ``per_row``."""
    if not 1 <= per_row <= 100:
        raise PreparationError("seat.per_row", "Số ghế mỗi hàng phải từ 1 đến 100.")
    delegates = list(summoned(congress).order_by("delegation__path", "number"))
    Seat.objects.filter(congress=congress).delete()
    Seat.objects.bulk_create(
        Seat(
            congress=congress, delegate=d, block=block, row=i // per_row + 1, number=i % per_row + 1
        )
        for i, d in enumerate(delegates)
    )
    record(
        actor,
        "portal.seats_assign",
        congress,
        summary=congress.name,
        after={"seats": len(delegates)},
    )
    return len(delegates)


@transaction.atomic
def replace_seats(actor, congress, rows: list[tuple[int, str, int, int]]) -> int:
    """Seats from (card number, block, row, seat) rows, already validated (seating_xlsx)."""
    by_number = {d.number: d for d in summoned(congress)}
    Seat.objects.filter(congress=congress).delete()
    Seat.objects.bulk_create(
        Seat(congress=congress, delegate=by_number[n], block=b, row=r, number=s)
        for n, b, r, s in rows
    )
    record(
        actor, "portal.seats_import", congress, summary=congress.name, after={"seats": len(rows)}
    )
    return len(rows)


@transaction.atomic
def announce(actor, congress, *, title: str, text: str, pinned: bool = False) -> Announcement:
    if not title.strip() or not text.strip():
        raise PreparationError("announcement.empty", "Thông báo: nhập tiêu đề và nội dung.")
    item = Announcement.objects.create(
        congress=congress, title=title.strip(), text=text.strip(), pinned=pinned, published_by=actor
    )
    record(actor, "portal.announce", item, summary=item.title)
    return item


# --- Reads for the portal pages -------------------------------------------------------------


def given_to_delegates(prefix: str = "") -> Q:
    """Drafts marked for delegates, and drafts a round asks the delegates to comment on."""
    return Q(**{f"{prefix}for_delegates": True}) | Q(**{f"{prefix}rounds__to_delegates": True})


def documents(congress) -> list[Draft]:
    """Drafts given to delegates, each with ``latest`` (its newest version): two queries."""
    newest = DraftVersion.objects.order_by("-number").only(
        "id", "draft_id", "number", "filename", "size", "uploaded_at"
    )
    drafts = list(
        Draft.objects.filter(given_to_delegates(), congress=congress)
        .distinct()
        .prefetch_related(Prefetch("versions", queryset=newest, to_attr="newest"))
        .order_by("kind", "id")
    )
    for draft in drafts:
        draft.latest = draft.newest[0] if draft.newest else None
    return [d for d in drafts if d.latest]


def open_rounds(congress, now=None) -> list[CommentRound]:
    now = now or timezone.now()
    qs = CommentRound.objects.filter(
        draft__congress=congress, to_delegates=True, status=RoundStatus.OPEN, deadline__gte=now
    )
    return list(qs.select_related("draft").prefetch_related("draft__sections").order_by("deadline"))


def announcements(congress, limit: int = 20) -> list[Announcement]:
    return list(Announcement.objects.filter(congress=congress)[:limit])


def usage(congress) -> dict:
    qs = summoned(congress)
    return {
        "delegates": qs.count(),
        "with_password": qs.filter(portal_account__password__gt="").count(),
        "seen": qs.filter(portal_account__last_seen_at__isnull=False).count(),
        "links_unused": PortalLink.objects.filter(
            delegate__congress=congress, used_at__isnull=True, revoked=False
        ).count(),
        "seated": Seat.objects.filter(congress=congress).count(),
    }
