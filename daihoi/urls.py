from django.contrib import admin
from django.urls import include, path

from daihoi.api import api
from daihoi.congresses import urls as congress_urls
from daihoi.elections import urls_congress
from daihoi.reports.home import home

# One `congresses` namespace over two wings: the congress wing's pages and the congress page
# with its counting actions, which the elections wing above owns (ARCHITECTURE.md, wings).
congress_patterns = congress_urls.urlpatterns + urls_congress.urlpatterns

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("daihoi.accounts.urls")),
    path("organizations/", include("daihoi.organizations.urls")),
    path("", include("daihoi.people.urls")),
    path("api/", api.urls),
    path("jobs/", include("daihoi.jobs.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("elections/", include("daihoi.elections.urls")),
    path("congresses/", include((congress_patterns, congress_urls.app_name))),
    path("personnel/", include("daihoi.personnel.urls")),
    path("complaints/", include("daihoi.complaints.urls")),
    path("delegates/", include("daihoi.delegates.urls")),
    path("reports/", include("daihoi.reports.urls")),
    path("scanning/", include("daihoi.scanning.urls")),
    path("grading/", include("daihoi.grading.urls")),
    path("preparation/", include("daihoi.preparation.urls")),
    path("audit/", include("daihoi.audit.urls")),
    path("approvals/", include("daihoi.approvals.urls")),
    path("hall/", include("daihoi.hall.urls")),
]
