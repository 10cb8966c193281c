from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("<str:public_id>/", views.job_page, name="job"),
    path("<str:public_id>/download/<str:name>", views.download, name="download"),
]
