"""Reads of complaints, scoped by what a user may see (the member's organisation subtree)."""

from django.http import Http404

from daihoi.organizations.selectors import visible_organizations

from .models import CLOSED, Complaint


def visible_complaints(user):
    if not (user.is_authenticated and user.handles_personnel):
        return Complaint.objects.none()
    return Complaint.objects.filter(
        member__organization__in=visible_organizations(user)
    ).select_related("member__organization", "congress")


def access_complaint(user, pk) -> Complaint:
    letter = visible_complaints(user).filter(pk=pk).first()
    if letter is None:
        raise Http404("complaint not found")
    return letter


def open_complaints(qs):
    return qs.exclude(status__in=CLOSED)
