"""Template helpers of the preparation pages, and the panels other apps' pages include.

``{% congress_preparation_panel congress %}`` (a congress's tracking page) and
``{% preparation_dashboard_panel root term %}`` (the tracking dashboard, loaded after the
page by HTMX from ``preparation:dashboard_panel``) show the inherited deadlines, the
working groups' visits and the pilot lessons; they read through this app's selectors, so
the including page needs no change in its view.
"""

from django import template
from django.utils.translation import gettext as _

from .. import panels
from ..labels import STATE_CLASS, STATE_LABELS

register = template.Library()


@register.filter
def audiences(item) -> str:
    """Who a comment round is open to, in words."""
    chosen = [
        str(label)
        for flag, label in (
            (item.to_lower_organizations, _("các tổ chức đảng trực thuộc")),
            (item.to_members, _("đảng viên")),
            (item.to_delegates, _("đại biểu dự đại hội (qua cổng đại biểu)")),
            (item.to_public, _("nhân dân")),
        )
        if flag
    ]
    return "; ".join(chosen)


@register.filter
def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


@register.filter
def state_class(state: str) -> str:
    return STATE_CLASS.get(state, "none")


@register.inclusion_tag("preparation/_state.html")
def state_badge(state: str):
    return {"label": state_label(state), "css": state_class(state)}


@register.inclusion_tag("preparation/_panel_congress.html")
def congress_preparation_panel(congress):
    return panels.congress(congress)


@register.inclusion_tag("preparation/_panel_dashboard_slot.html")
def preparation_dashboard_panel(root, term):
    """A slot the page fills after it loads (HTMX), so the dashboard's own query count stays
    fixed; without script, a link to the same figures."""
    return {"root": root, "term": term}
