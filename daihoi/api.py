"""The JSON API (OpenAPI schema at /api/openapi.json, docs at /api/docs).

Same users, same subtree rule as the pages: a browser session works; scripts send
a token (`Authorization: Bearer …`, made on the "Khóa API" page), or HTTP Basic
credentials (for tests: a password hash per request), throttled like the login page. Anything outside
the user's subtree answers 404.
"""

from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.security import HttpBasicAuth, HttpBearer, django_auth

from daihoi import api_guards
from daihoi.accounts import ratelimit
from daihoi.accounts.tokens import user_for_token
from daihoi.organizations.api import router as organizations_router
from daihoi.people.api import router as people_router


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


api = NinjaAPI(
    title="daihoi API",
    version="1",
    description="Tổ chức đảng và đảng viên, trong phạm vi của người dùng.",
    urls_namespace="api",
    # Basic first: it answers only when the header is present, while the session
    # check would refuse a PATCH without a CSRF token before Basic is tried.
    auth=[TokenAuth(), ThrottledBasicAuth(), django_auth],
    docs_decorator=login_required,
)
api_guards.install(api)
api.add_router("/organizations", organizations_router)
api.add_router("/members", people_router)
api.add_router("/elections/", "daihoi.elections.api.router")
api.add_router("/congresses/", "daihoi.congresses.api.router")
api.add_router("/reports/", "daihoi.reports.api.router")
