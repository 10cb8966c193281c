"""How the JSON API knows its caller: a token, HTTP Basic, or the browser's session.

The whole API uses `TokenAuth`, `ThrottledBasicAuth`, then ninja's `django_auth`;
the counting hall's ballot save uses `SessionIdAuth` in place of the last, which
takes the session's user id without reading the user's row: the save's own read
confirms it (`accounts.session_actor`).
"""

from django.conf import settings
from django.contrib.auth import authenticate
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBasicAuth, HttpBearer

from daihoi.accounts import ratelimit
from daihoi.accounts.session_actor import session_actor
from daihoi.accounts.tokens import user_for_token


class ThrottledBasicAuth(HttpBasicAuth):
    def authenticate(self, request, username: str, password: str):
        attempt = ratelimit.begin(username, ratelimit.client_address(request))
        if isinstance(attempt, ratelimit.Lockout):
            raise HttpError(429, f"too many failed logins; try again in {attempt.seconds_left} s")
        user = authenticate(request, username=username, password=password)
        if user is None or not user.is_active:
            ratelimit.failed(attempt)
            return None
        ratelimit.succeeded(attempt)
        request.user = user
        return user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer dh_…`: a token made on the "Khóa API" page."""

    def __call__(self, request):
        # Any other scheme is Basic's business; ninja would log the header (a password) here.
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        return self.authenticate(request, token.strip()) if scheme.lower() == "bearer" else None

    def authenticate(self, request, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionIdAuth(APIKeyCookie):
    """The browser's session, CSRF checked as ninja's `django_auth` checks it, giving a
    `SessionActor` (the user's id) instead of loading `request.user`. Only for endpoints
    whose service confirms the actor in its own read and raises otherwise."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        return session_actor(request) if key else None


def hot_path_auth() -> list:
    """The API's authentication with the session taken as a `SessionActor`."""
    return [TokenAuth(), ThrottledBasicAuth(), SessionIdAuth()]
