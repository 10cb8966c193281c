from django.urls import path

from . import (
    views,
    views_entry,
    views_list_bulk,
    views_log,
    views_results,
    views_screen,
    views_signers,
    views_sittings,
)

app_name = "elections"
urlpatterns = [
    # Setup: the list, the open votes, ballot papers, ballot boxes (organisers).
    path("<int:pk>/setup/", views.setup, name="setup"),
    path("<int:pk>/members/", views.member_search, name="member_search"),
    path("<int:pk>/candidates/", views.add_candidate, name="add_candidate"),
    path("<int:pk>/candidates/many/", views_list_bulk.preview, name="candidates_many"),
    path("<int:pk>/candidates/many/save/", views_list_bulk.save, name="candidates_many_save"),
    path(
        "<int:pk>/candidates/many/template.xlsx",
        views_list_bulk.sheet_template,
        name="candidates_many_template",
    ),
    path(
        "<int:pk>/candidates/<int:candidate_pk>/withdraw/",
        views.withdraw_candidate,
        name="withdraw_candidate",
    ),
    path("<int:pk>/show-of-hands/", views.show_of_hands, name="show_of_hands"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/unlock/", views.unlock, name="unlock"),
    path("<int:pk>/ballot.pdf", views.ballot_pdf, name="ballot_pdf"),
    path("<int:pk>/issue-sheet.pdf", views.issue_sheet_pdf, name="issue_sheet_pdf"),
    path("<int:pk>/issued/", views.set_issued, name="set_issued"),
    path("<int:pk>/batches/", views.create_batch, name="create_batch"),
    # Counting teams: keyboard entry and reconciliation.
    path("counting/", views_entry.my_batches, name="my_batches"),
    path("batches/<int:batch_pk>/entry/", views_entry.entry_screen, name="entry"),
    path("batches/<int:batch_pk>/entry/start/", views_entry.entry_start, name="entry_start"),
    path("batches/<int:batch_pk>/entry/save/", views_entry.entry_save, name="entry_save"),
    path(
        "batches/<int:batch_pk>/entry/finalise/", views_entry.entry_finalise, name="entry_finalise"
    ),
    path("batches/<int:batch_pk>/reconcile/", views_entry.reconcile, name="reconcile"),
    path(
        "batches/<int:batch_pk>/reconcile/resolve/",
        views_entry.reconcile_resolve,
        name="reconcile_resolve",
    ),
    path("entries/<int:entry_pk>/reopen/", views_entry.entry_reopen, name="entry_reopen"),
    # The new committee's first meeting: roll call, figures, its own elections.
    path(
        "congress/<int:congress_pk>/first-meeting/",
        views_sittings.open_first_meeting,
        name="open_first_meeting",
    ),
    path("sittings/<int:pk>/", views_sittings.sitting_page, name="sitting"),
    path(
        "sittings/<int:pk>/members/<int:member_pk>/",
        views_sittings.mark_member,
        name="sitting_member",
    ),
    path("sittings/<int:pk>/elections/", views_sittings.create_election, name="sitting_election"),
    # Results, documents, the next round; the hall's screen.
    path("<int:pk>/results/", views_results.results_page, name="results"),
    path("<int:pk>/results/progress/", views_results.results_progress, name="progress"),
    path("<int:pk>/publish/", views_results.publish, name="publish"),
    path("<int:pk>/signers/", views_signers.signers, name="signers"),
    path("<int:pk>/minutes.pdf", views_results.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/minutes.docx", views_results.minutes_docx, name="minutes_docx"),
    path("<int:pk>/entry-log.pdf", views_log.election_entry_log, name="entry_log_pdf"),
    path("batches/<int:batch_pk>/entry-log.pdf", views_log.batch_entry_log, name="batch_entry_log"),
    path("<int:pk>/result.xlsx", views_results.result_xlsx, name="result_xlsx"),
    path("<int:pk>/ballots.json", views_results.export_json, name="export_json"),
    path("<int:pk>/next-round/", views_results.next_round, name="next_round"),
    path("<int:pk>/screen/", views_results.screen, name="screen"),
    path("<int:pk>/screen/data/", views_results.screen_data, name="screen_data"),
    path("<int:pk>/screen/links/", views_screen.screen_link_issue, name="screen_link_issue"),
    path(
        "<int:pk>/screen/links/<int:link_pk>/revoke/",
        views_screen.screen_link_revoke,
        name="screen_link_revoke",
    ),
    path("hall/<str:token>/", views_screen.hall_screen, name="hall_screen"),
    path("hall/<str:token>/data/", views_screen.hall_screen_data, name="hall_screen_data"),
]
