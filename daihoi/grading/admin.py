"""Django admin for staff: the cycles and units of the annual review, read mostly.

Grades are changed through the grading pages (rules checked, audited), not here.
"""

from django.contrib import admin

from .models import ReviewCycle, StepLog, UnitReview


@admin.register(ReviewCycle)
class ReviewCycleAdmin(admin.ModelAdmin):
    list_display = ("year", "organization", "rules_version", "decision_due", "report_due")
    list_filter = ("year",)
    readonly_fields = ("organization", "year", "rules_version", "opened_by", "opened_at")


class StepLogInline(admin.TabularInline):
    model = StepLog
    extra = 0
    can_delete = False
    readonly_fields = ("step", "done_on", "actor_name", "note", "created_at")
    exclude = ("actor",)


@admin.register(UnitReview)
class UnitReviewAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "status", "proposed_on", "decided_on", "published_on")
    list_filter = ("year", "status", "organization__level")
    search_fields = ("organization__name", "organization__code")
    readonly_fields = ("cycle", "organization", "year", "status", "returned_count")
    inlines = [StepLogInline]
