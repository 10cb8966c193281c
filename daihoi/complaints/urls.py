from django.urls import path

from daihoi.accounts.permissions import personnel_only_patterns

from . import views

app_name = "complaints"
# Complaints name members: the organisation board and those it names only.
urlpatterns = personnel_only_patterns(
    [
        path("", views.complaint_list, name="list"),
        path("<int:pk>/", views.complaint_detail, name="detail"),
    ]
)
