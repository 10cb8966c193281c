from django.urls import path

from . import views, views_hall

app_name = "delegates"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/plan/", views.plan_page, name="plan"),
    path("<int:pk>/plan/lines/<int:line_pk>/", views.plan_line, name="plan_line"),
    path("<int:pk>/plan/lines/<int:line_pk>/amend/", views.plan_amend, name="plan_amend"),
    path("<int:pk>/plan/approve/", views.plan_approve, name="plan_approve"),
    path("<int:pk>/plan/file.<slug:fmt>", views.plan_file, name="plan_file"),
    path("<int:pk>/roster/", views_hall.roster_page, name="roster"),
    path("<int:pk>/roster/<slug:action>/", views_hall.roster_action, name="roster_action"),
    path("<int:pk>/cards.pdf", views_hall.cards, name="cards"),
    path("<int:pk>/credentials/", views_hall.credentials_page, name="credentials"),
    path(
        "<int:pk>/credentials/<int:delegate_pk>/",
        views_hall.credentials_decide,
        name="credentials_decide",
    ),
    path(
        "<int:pk>/credentials/report.<slug:fmt>",
        views_hall.credentials_file,
        name="credentials_file",
    ),
    path("<int:pk>/checkin/", views_hall.checkin_page, name="checkin"),
    path("<int:pk>/checkin/scan/", views_hall.checkin_scan, name="checkin_scan"),
    path("<int:pk>/checkin/quorum/", views_hall.quorum_panel, name="quorum_panel"),
    path("<int:pk>/checkin/line/", views_hall.quorum_line, name="quorum_line"),
]
