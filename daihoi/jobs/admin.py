from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["public_id", "kind", "state", "stage", "done", "total", "attempts", "created"]
    list_filter = ["state", "kind"]
    readonly_fields = [f.name for f in Job._meta.fields]
