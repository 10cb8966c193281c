"""Django admin for staff: look-ups of the preparation records (writes go through the pages,
which audit them; here the records are read-only)."""

from django.contrib import admin

from .models import (
    AgendaItem,
    Announcement,
    Body,
    BodyMember,
    Comment,
    CommentRound,
    Draft,
    DraftVersion,
    Lesson,
    Milestone,
    Plan,
    Session,
    Task,
    Visit,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MilestoneInline(ReadOnlyInline):
    model = Milestone


class MemberInline(ReadOnlyInline):
    model = BodyMember


class VersionInline(ReadOnlyInline):
    model = DraftVersion
    exclude = ["file"]


class ItemInline(ReadOnlyInline):
    model = AgendaItem


@admin.register(Plan)
class PlanAdmin(ReadOnly):
    list_display = ["title", "organization", "term", "status", "issued_on", "version"]
    list_filter = ["term", "status"]
    inlines = [MilestoneInline]


@admin.register(Task)
class TaskAdmin(ReadOnly):
    list_display = ["title", "plan", "due_on", "status"]
    list_filter = ["status"]


@admin.register(Body)
class BodyAdmin(ReadOnly):
    list_display = ["name", "kind", "organization", "term"]
    list_filter = ["kind", "term"]
    inlines = [MemberInline]


@admin.register(Visit)
class VisitAdmin(ReadOnly):
    list_display = ["body", "organization", "visited_on", "follow_up_due", "follow_up_done_on"]


@admin.register(Draft)
class DraftAdmin(ReadOnly):
    list_display = ["title", "kind", "congress"]
    inlines = [VersionInline]


@admin.register(CommentRound)
class RoundAdmin(ReadOnly):
    list_display = ["title", "draft", "deadline", "status"]


@admin.register(Comment)
class CommentAdmin(ReadOnly):
    list_display = ["author", "source", "round", "answer"]
    list_filter = ["source", "answer"]


@admin.register(Session)
class SessionAdmin(ReadOnly):
    list_display = ["title", "congress", "day", "starts_at"]
    inlines = [ItemInline]


@admin.register(Lesson)
class LessonAdmin(ReadOnly):
    list_display = ["title", "congress", "scope", "published_at"]


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnly):
    list_display = ["title", "congress", "pinned", "published_at"]
