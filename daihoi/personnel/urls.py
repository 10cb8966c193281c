from django.urls import path, re_path

from daihoi.accounts.permissions import personnel_only_patterns

from . import views, views_docs, views_tools

app_name = "personnel"
# Dossiers, family ties, vetting: the organisation board and those it names only.
urlpatterns = personnel_only_patterns(
    [
        path("", views.plan_list, name="list"),
        path("new/", views.plan_create, name="create"),
        path("<int:pk>/", views.plan_detail, name="detail"),
        path("<int:pk>/edit/", views.plan_update, name="update"),
        path("<int:pk>/candidates/", views.candidate_add, name="candidate_add"),
        path(
            "<int:pk>/candidates/<int:candidate_pk>/", views.candidate_edit, name="candidate_edit"
        ),
        path(
            "<int:pk>/candidates/<int:candidate_pk>/remove/",
            views.candidate_remove,
            name="candidate_remove",
        ),
        path("<int:pk>/candidates/<int:candidate_pk>/override/", views.override, name="override"),
        path("<int:pk>/checks/", views.run_checks, name="run_checks"),
        path("<int:pk>/what-if/", views_tools.whatif, name="whatif"),
        path("<int:pk>/nomination/", views_tools.nomination, name="nomination"),
        path("<int:pk>/relations/", views_tools.relations, name="relations"),
        path(
            "<int:pk>/relations/<int:tie_pk>/remove/",
            views_tools.relation_remove,
            name="relation_remove",
        ),
        re_path(
            r"^(?P<pk>\d+)/download/(?P<kind>report\.pdf|report\.docx|dossiers\.pdf|findings\.xlsx)$",
            views_docs.download,
            name="download",
        ),
    ]
)
