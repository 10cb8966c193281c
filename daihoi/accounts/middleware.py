"""Sessions that end after an idle time, and the Content-Security-Policy header."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout

# The session is saved (its expiry pushed back) at most this often, not on every
# request: counting teams save a ballot every few seconds.
TOUCH_EVERY_SECONDS = 60
LAST_SEEN = "_last_seen"


def note_sign_in(sender, request, user, **kwargs):
    """Start the idle clock at sign-in, so the first page costs no session write."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class IdleSessionMiddleware:
    """Logs out a session idle for more than SESSION_IDLE_SECONDS (a shared office PC)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The session says whether someone signed in; asking request.user would read the
        # user's row on every request, which the ballot save does without (session_actor).
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            last = session.get(LAST_SEEN, now)
            if now - last > settings.SESSION_IDLE_SECONDS:
                logout(request)
            elif now - last >= TOUCH_EVERY_SECONDS or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Django 5.2 has no CSP of its own: the policy comes from CONTENT_SECURITY_POLICY."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response
