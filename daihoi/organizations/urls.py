from django.urls import path

from . import views, views_lookup, views_restructure

app_name = "organizations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("lookup/", views_lookup.organization_lookup, name="lookup"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/children/", views.tree_children, name="children"),
    path("<int:pk>/compare/", views_restructure.compare_page, name="compare"),
    path(
        "<int:pk>/restructure/<slug:op>/",
        views_restructure.restructure_form,
        name="restructure",
    ),
    path("restructure/", views_restructure.restructure_index, name="restructure_index"),
    path(
        "restructure/<int:pk>/",
        views_restructure.restructuring_detail,
        name="restructuring",
    ),
    path(
        "restructure/plan-template.xlsx",
        views_restructure.plan_template_file,
        name="plan_template",
    ),
    path("restructure/plan/", views_restructure.plan_import, name="plan_import"),
]
