from django.urls import path

from .views import excel, lookup, members, transfers

app_name = "people"
urlpatterns = [
    path("members/", members.member_list, name="member_list"),
    path("members/lookup/", lookup.member_lookup, name="lookup"),
    path("members/new/", members.member_create, name="member_create"),
    path("members/<int:pk>/", members.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path("members/<int:pk>/transfer/", transfers.member_transfer, name="member_transfer"),
    path(
        "members/<int:pk>/attachment/end/",
        transfers.member_attachment_end,
        name="member_attachment_end",
    ),
    path("members/<int:pk>/timeline/", transfers.member_timeline, name="member_timeline"),
    path("excel/", excel.excel_page, name="excel"),
    path("excel/template.xlsx", excel.excel_template, name="excel_template"),
    path("excel/export.xlsx", excel.excel_export, name="excel_export"),
    path("excel/import/", excel.excel_import, name="excel_import"),
    path("excel/jobs/<str:job_id>/", excel.excel_job, name="excel_job"),
    path("excel/jobs/<str:job_id>/rejected.xlsx", excel.excel_rejected, name="excel_rejected"),
]
