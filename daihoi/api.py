"""The JSON API (OpenAPI schema at /api/openapi.json, docs at /api/docs).

Same users, same subtree rule as the pages: a browser session works; scripts send
a token (`Authorization: Bearer …`, made on the "Khóa API" page), or HTTP Basic
credentials (for tests: a password hash per request), throttled like the login page. Anything outside
the user's subtree answers 404.
"""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.security import django_auth

from daihoi import api_guards
from daihoi.api_auth import ThrottledBasicAuth, TokenAuth
from daihoi.organizations.api import router as organizations_router
from daihoi.people.api import router as people_router

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
