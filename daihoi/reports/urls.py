from django.urls import path

from . import home, views, views_upward

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("home/attention/", home.attention_panel, name="home_attention"),
    path("congresses/", views.congress_list, name="congress_list"),
    path("congresses/<int:pk>/", views.tracking_page, name="tracking"),
    path("congresses/<int:pk>/<slug:action>/", views.tracking_action, name="tracking_action"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics.xlsx", views.statistics_file, name="statistics_xlsx"),
    path("upward/", views_upward.upward_page, name="upward"),
    path("upward/rows/", views_upward.upward_rows, name="upward_rows"),
    path("upward.xlsx", views_upward.upward_file, {"fmt": "xlsx"}, name="upward_xlsx"),
    path("upward.pdf", views_upward.upward_file, {"fmt": "pdf"}, name="upward_pdf"),
]
