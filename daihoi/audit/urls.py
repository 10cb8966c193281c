from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_log, name="log"),
    path("export.xlsx", views.audit_export, name="export"),
    path("verify/", views.audit_verify, name="verify"),
    path("anchor.json", views.audit_anchor, name="anchor"),
]
