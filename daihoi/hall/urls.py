from django.urls import path

from . import views

app_name = "hall"
urlpatterns = [
    path("congress/<int:pk>/", views.congress_hall, name="congress"),
    path("congress/<int:pk>/package/", views.issue_package, name="issue"),
    path("congress/<int:pk>/return/", views.upload_return, name="upload_return"),
    path("congress/<int:pk>/merges/<str:public_id>/", views.merge_job, name="merge"),
    path("packages/<uuid:package_id>/download/", views.download_package, name="download"),
]
