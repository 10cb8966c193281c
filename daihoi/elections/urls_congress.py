"""The congress page and its counting actions, under the `congresses:` names and paths.

These views live in the elections wing (views_congress.py); daihoi/urls.py
joins these patterns to daihoi/congresses/urls.py in one `congresses`
namespace, so their names and paths are what they always were.
"""

from django.urls import path

from . import views_congress

urlpatterns = [
    path("<int:pk>/", views_congress.congress_detail, name="detail"),
    path("<int:pk>/elections/", views_congress.create_election, name="create_election"),
    path("<int:pk>/show-of-hands/", views_congress.show_of_hands, name="show_of_hands"),
    path("<int:pk>/teams/", views_congress.create_team, name="create_team"),
]
