"""The JSON API (OpenAPI schema at /api/openapi.json, docs at /api/docs).

Same users, same subtree rule as the pages: a browser session works, and scripts
may send HTTP Basic credentials, throttled like the login page. Anything outside
the user's subtree answers 404.
"""

from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.security import HttpBasicAuth, django_auth

from daihoi import api_guards
from daihoi.accounts import ratelimit
from daihoi.organizations.api import router as organizations_router
from daihoi.people.api import router as people_router


class ThrottledBasicAuth(HttpBasicAuth):
    def authenticate(self, request, username: str, password: str):
        address = ratelimit.client_address(request)
        if ratelimit.lockout(username, address):
            raise HttpError(429, "too many failed logins; try again later")
        user = authenticate(request, username=username, password=password)
        if user is None or not user.is_active:
            ratelimit.register_failure(username, address)
            return None
        ratelimit.clear(username, address)
        request.user = user
        return user


api = NinjaAPI(
    title="daihoi API",
    version="1",
    description="Tổ chức đảng và đảng viên, trong phạm vi của người dùng.",
    urls_namespace="api",
    # Basic first: it answers only when the header is present, while the session
    # check would refuse a PATCH without a CSRF token before Basic is tried.
    auth=[ThrottledBasicAuth(), django_auth],
    docs_decorator=login_required,
)
api_guards.install(api)
api.add_router("/organizations", organizations_router)
api.add_router("/members", people_router)
api.add_router("/elections/", "daihoi.elections.api.router")
