from django.urls import path

from . import views, views_actions

app_name = "approvals"
urlpatterns = [
    path("congress/<int:pk>/", views.page, name="page"),
    path("congress/<int:pk>/committee.csv", views.committee_csv, name="committee_csv"),
    path("congress/<int:pk>/ho-so.zip", views.file_zip, name="file_zip"),
    path("file/<int:pk>/", views.uploaded_file, name="uploaded_file"),
    path("congress/<int:pk>/<slug:action>/", views_actions.congress_action, name="action"),
    path("election/<int:pk>/<slug:action>/", views_actions.election_action, name="election_action"),
]
