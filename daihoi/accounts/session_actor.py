"""The signed-in user of a browser session, known without reading the user's row.

Django's `request.user` costs a query per request (the whole user row), and the
counting hall's ballot save needs only the user's id: the save's own read (one
statement it runs anyway) brings the two columns that decide whether the session
still stands, and `confirmed()` checks them as `django.contrib.auth.get_user` does:
the user is active and the session's hash matches the current password's.

When it does not confirm (a changed password, a deactivated user, a hash made under
an older SECRET_KEY), the caller falls back to `request.user`, which settles every
such case the standard way (fallback keys, flushing a dead session).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils.crypto import constant_time_compare

# The backend whose users these are: ModelBackend's rule is "active users only".
_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass(frozen=True)
class SessionActor:
    """A session's user id and hash, not yet checked against the user's row."""

    pk: int
    session_hash: str
    is_authenticated = True


def session_actor(request) -> SessionActor | None:
    """The session's user, if the session names one signed in with the model backend."""
    session = request.session
    try:
        user_id, backend, session_hash = (
            session[SESSION_KEY],
            session[BACKEND_SESSION_KEY],
            session[HASH_SESSION_KEY],
        )
    except KeyError:
        return None
    if backend != _MODEL_BACKEND or backend not in settings.AUTHENTICATION_BACKENDS:
        return None
    try:
        return SessionActor(pk=int(user_id), session_hash=session_hash)
    except (TypeError, ValueError):
        return None


def confirmed(actor, is_active: bool | None, password: str | None) -> bool:
    """Whether ``actor`` stands, given its row's `is_active` and `password` (None: no row).

    A full user object was authenticated by Django already (a token, Basic, a page)."""
    if not isinstance(actor, SessionActor):
        return True
    if not is_active or password is None:
        return False
    # The user model's own hash (salted HMAC of the password), on a row never saved.
    user = get_user_model()(pk=actor.pk, password=password)
    return constant_time_compare(actor.session_hash, user.get_session_auth_hash())
