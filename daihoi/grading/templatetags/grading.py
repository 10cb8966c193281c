"""Template helpers of the annual review, and the grades block other apps' pages include."""

from django import template

from daihoi.documents.common import vn_percent

from ..selectors import member_history

register = template.Library()


@register.inclusion_tag("grading/_member_grades.html")
def member_grades(member):
    """A member's grades by year (member page): ``{% load grading %}{% member_grades member %}``."""
    return {"evaluations": member_history(member)}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def share(row, grade):
    """The share of a summary row's graded holding ``grade``, written the Vietnamese way."""
    value = row.share(grade)
    return vn_percent(None if value is None else 100 * value, 1)
