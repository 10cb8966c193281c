from django.urls import path

from . import views, views_review

app_name = "scanning"
urlpatterns = [
    # A ballot box's scans: upload, and the scan compared with the keyboard entries.
    path("batches/<int:batch_pk>/", views.batch_scans, name="batch"),
    path("batches/<int:batch_pk>/upload/", views.upload, name="upload"),
    path("batches/<int:batch_pk>/crosscheck/", views_review.crosscheck_page, name="crosscheck"),
    # One scan: progress, review, its end.
    path("<int:scan_pk>/", views.scan_page, name="scan"),
    path("<int:scan_pk>/progress/", views.progress, name="progress"),
    path("<int:scan_pk>/review/", views_review.review, name="review"),
    path("<int:scan_pk>/files/", views.add_files, name="add_files"),
    path("<int:scan_pk>/typed/", views.type_ballot, name="type_ballot"),
    path("<int:scan_pk>/finalise/", views.finalise, name="finalise"),
    path("<int:scan_pk>/discard/", views.discard, name="discard"),
    # One sheet: its picture, its rows, the decisions.
    path("pages/<int:page_pk>/", views_review.page_detail, name="page"),
    path("pages/<int:page_pk>/crop/<int:position>.png", views.crop, name="crop"),
    path("pages/<int:page_pk>/decide/", views_review.decide, name="decide"),
    path("pages/<int:page_pk>/remove/", views.remove_typed, name="remove_typed"),
]
