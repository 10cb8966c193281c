from django.urls import path

from . import views

app_name = "congresses"
urlpatterns = [
    path("", views.congress_list, name="list"),
    path("new/", views.congress_create, name="create"),
    path("<int:pk>/", views.congress_detail, name="detail"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/elections/", views.create_election, name="create_election"),
    path("<int:pk>/show-of-hands/", views.show_of_hands, name="show_of_hands"),
    path("<int:pk>/teams/", views.create_team, name="create_team"),
]
