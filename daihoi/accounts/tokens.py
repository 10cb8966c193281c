"""API tokens: created (shown once), used as `Authorization: Bearer …`, revoked.

A token is 256 random bits; a plain SHA-256 of it is enough to store (a slow
password hash would bring back the ~0.5 s per request that Basic costs)."""

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from daihoi.audit.services import record

from .models import ApiToken

TOKEN_PREFIX = "dh_"
LAST_USED_EVERY = dt.timedelta(minutes=5)  # written at most this often: a read stays a read


class TokenError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_token(user, name: str) -> tuple[ApiToken, str]:
    """The new token and its plain text, which is never stored nor shown again."""
    name = (name or "").strip()
    if not name:
        raise TokenError("name_required", "Hãy đặt tên cho khóa (ví dụ: máy chủ báo cáo).")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:80], prefix=plain[:10], digest=digest(plain)
    )
    record(user, "api_token.create", token, summary=f"{token.name} ({token.prefix}…)")
    return token, plain


@transaction.atomic
def revoke_api_token(user, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise TokenError("not_found", "Không có khóa này.")
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
        record(user, "api_token.revoke", token, summary=f"{token.name} ({token.prefix}…)")
    return token


def user_for_token(plain: str):
    """The active user owning this live token, or None; notes its use."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user__organization")
        .filter(digest=digest(plain), revoked__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user
