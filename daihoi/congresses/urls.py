from django.urls import path

from . import views, views_appointments, views_terms

# The congress page and its counting actions (detail, create_election, show_of_hands,
# create_team) are the elections wing's (elections/urls_congress.py); daihoi/urls.py joins
# both lists under this namespace.
app_name = "congresses"
urlpatterns = [
    path("", views.congress_list, name="list"),
    path("new/", views.congress_create, name="create"),
    path("lookup/", views.congress_lookup, name="lookup"),
    path("terms/", views_terms.term_list, name="terms"),
    path("terms/new/", views_terms.term_create, name="term_create"),
    path("terms/<int:pk>/", views_terms.term_edit, name="term_edit"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/base-source/", views.base_source, name="base_source"),
    path("<int:pk>/appointment/", views_appointments.save_decision, name="appointment"),
    path(
        "<int:pk>/appointment/withdraw/",
        views_appointments.withdraw_decision,
        name="appointment_withdraw",
    ),
    path("<int:pk>/appointment/people/", views_appointments.add_person, name="appointed_add"),
    path("<int:pk>/appointment/list/", views_appointments.add_list, name="appointed_list"),
    path(
        "<int:pk>/appointment/people/<int:person_pk>/remove/",
        views_appointments.remove_person,
        name="appointed_remove",
    ),
]
