"""Issue, find and revoke the projector's read-only links (models_screen.ScreenLink)."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from daihoi.audit.services import record

from .models import Election, ScreenLink


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "ignore")).hexdigest()


@transaction.atomic
def issue_screen_link(actor, election: Election, label: str = "") -> tuple[ScreenLink, str]:
    """A new link; the token is returned once and never stored in clear."""
    token = secrets.token_urlsafe(24)
    link = ScreenLink.objects.create(
        election=election, token_hash=_digest(token), label=label[:80], created_by=actor
    )
    record(actor, "election.screen_link.issue", election, summary=label or str(link.pk))
    return link, token


@transaction.atomic
def revoke_screen_link(actor, link: ScreenLink) -> None:
    if link.revoked_at is None:
        ScreenLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now())
        record(actor, "election.screen_link.revoke", link.election, summary=link.label)


def election_for_token(token: str) -> Election:
    """The election a live link shows; a revoked, unknown or malformed token is a 404."""
    if not token or len(token) > 64:
        raise Http404("screen link not found")
    link = (
        ScreenLink.objects.select_related("election__congress")
        .filter(token_hash=_digest(token), revoked_at__isnull=True)
        .first()
    )
    if link is None:
        raise Http404("screen link not found")
    return link.election
