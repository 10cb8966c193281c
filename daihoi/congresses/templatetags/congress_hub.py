"""One hub for every congress: the same tabs on its page, tracking, preparation, programme,
personnel plan, delegates and elections, so a clerk moves between them in one click."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# (key, label, url name, anchor). Keys name the page a template says is active.
TABS = (
    ("congress", _("Đại hội"), "congresses:detail", ""),
    ("elections", _("Bầu cử, kiểm phiếu"), "congresses:detail", "#elections"),
    ("tracking", _("Theo dõi tiến độ"), "reports:tracking", ""),
    ("preparation", _("Chuẩn bị"), "preparation:congress", ""),
    ("programme", _("Chương trình"), "preparation:programme", ""),
    ("delegates", _("Đại biểu"), "delegates:overview", ""),
    ("approval", _("Hồ sơ, chuẩn y"), "approvals:page", ""),
)


def _personnel_tab(congress):
    from daihoi.personnel.models import PersonnelPlan

    plan_id = PersonnelPlan.objects.filter(congress=congress).values_list("pk", flat=True).first()
    if plan_id is None:
        return None
    return ("personnel", _("Đề án nhân sự"), reverse("personnel:detail", args=[plan_id]))


@register.inclusion_tag("congresses/_hub.html", takes_context=True)
def congress_hub(context, congress, active=""):
    tabs = []
    for key, label, name, anchor in TABS:
        try:
            tabs.append((key, label, reverse(name, args=[congress.pk]) + anchor))
        except NoReverseMatch:  # a section not installed
            continue
    personnel = _personnel_tab(congress)
    if personnel:
        tabs.insert(4, personnel)
    return {"tabs": tabs, "active": active, "congress": congress}


@register.inclusion_tag("congresses/_org_congresses.html", takes_context=True)
def organization_congresses(context, org):
    """An organisation's page: its congresses (newest term first) and its current leaders."""
    from daihoi.congresses.models import Congress
    from daihoi.people.models import Post

    congresses = Congress.objects.filter(organization=org).order_by("-term", "-starts_on")[:6]
    leaders = (
        Post.objects.filter(organization=org, ended_on__isnull=True, key_post=True)
        .select_related("member")
        .order_by("title")[:8]
    )
    user = context.get("user")
    return {
        "org": org,
        "congresses": congresses,
        "leaders": leaders,
        "can_create": bool(user and getattr(user, "can_edit", False)),
    }
