from django.urls import path

from . import views, views_excel, views_unit

app_name = "grading"

urlpatterns = [
    path("", views.index, name="index"),
    path("open/", views.open_cycle, name="open"),
    path("<int:pk>/", views.dashboard, name="dashboard"),
    path("<int:pk>/summary/", views.summary_page, name="summary"),
    path("<int:pk>/summary.xlsx", views_excel.summary_file, name="summary_xlsx"),
    path("<int:pk>/template.xlsx", views_excel.template_file, name="template"),
    path("<int:pk>/import/", views_excel.import_page, name="import"),
    path("<int:pk>/import/upload/", views_excel.import_file, name="import_upload"),
    path("units/<int:pk>/", views_unit.unit_page, name="unit"),
    path("units/<int:pk>/check/", views_unit.unit_check, name="check"),
    path("units/<int:pk>/step/<slug:action>/", views_unit.unit_step, name="step"),
    path("units/<int:pk>/minutes.<str:fmt>", views_unit.unit_minutes, name="minutes"),
    path("units/<int:pk>/appeal/", views_unit.appeal_file, name="appeal"),
    path("appeals/<int:pk>/resolve/", views_unit.appeal_resolve, name="resolve"),
]
