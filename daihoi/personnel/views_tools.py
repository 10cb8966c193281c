"""The what-if simulator, the nomination steps and the family ties of a plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.people.models import Member

from . import checks, services, steps, summary
from .forms import RelationshipForm, StepForm
from .models import Relationship
from .selectors import access_plan, load_plan_data, relationships_of
from .views import flash_errors


def _share(value) -> float | None:
    return None if value is None else round(value * 100, 2)


def whatif_payload(plan, report) -> dict:
    """Everything the page's script needs to recompute the structure for any selection."""
    rules, reference = checks.rules_of(plan), checks.reference_of(plan)
    people = []
    for person in report.people:
        facts = summary.person_facts(person, rules, reference)
        people.append(
            {
                "id": person.key,
                "name": person.name,
                "post": person.post,
                "female": person.gender == "female",
                "minority": person.ethnicity != "01",
                "reelected": person.re_elected,
                "standing": person.standing,
                "age": facts["age"],
            }
        )
    targets = report.targets
    return {
        "seats": plan.committee_size,
        "youthAge": rules.youth_age,
        "targets": {
            "women": _share(targets.women),
            "youth": _share(targets.youth),
            "minority": _share(targets.ethnic_minority),
            "renewal": _share(targets.renewal),
        },
        "people": people,
    }


@require_GET
@login_required
def whatif(request, pk: int):
    plan = access_plan(request.user, pk)
    report = checks.evaluate(plan, load_plan_data(plan))
    payload = whatif_payload(plan, report)
    return render(request, "personnel/whatif.html", {"plan": plan, "payload": payload})


@login_required
def nomination(request, pk: int):
    plan = access_plan(request.user, pk, edit=request.method == "POST")
    listed = steps.next_list(plan)
    form = StepForm(request.POST or None, listed=listed)
    if request.method == "POST" and form.is_valid():
        try:
            _record(request, plan, form, listed)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Đã ghi kết quả bước giới thiệu."))
            return redirect("personnel:nomination", plan.pk)
    elif request.method == "POST":
        flash_errors(request, form)
    names = {str(c.pk): str(c.member) for c in plan.candidates.select_related("member")}
    context = {
        "plan": plan,
        "results": steps.step_results(plan),
        "names": names,
        "form": form,
        "listed": listed,
    }
    return render(request, "personnel/nomination.html", context)


def _record(request, plan, form, listed) -> None:
    data = form.cleaned_data
    if data["ballots"].strip():
        votes, collected, _invalid = steps.votes_from_ballots(data["ballots"].splitlines(), listed)
        present = collected
    else:
        missing = [c for c in listed if data.get(f"votes_{c.pk}") is None]
        if missing:
            raise ValidationError(_("Nhập số phiếu của %(name)s.") % {"name": missing[0].member})
        votes, present = {c.pk: data[f"votes_{c.pk}"] for c in listed}, data["present"]
    steps.record_step(
        request.user,
        plan,
        name=data["name"],
        voters_kind=data["voters_kind"],
        summoned=data["summoned"],
        present=present,
        votes=votes,
        held_on=data["held_on"],
    )


def _members_of(plan):
    ids = plan.candidates.values_list("member_id", flat=True)
    return Member.objects.filter(pk__in=ids).order_by("given_name", "family_name")


@login_required
def relations(request, pk: int):
    plan = access_plan(request.user, pk, edit=request.method == "POST")
    members = _members_of(plan)
    form = RelationshipForm(request.POST or None, members=members)
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.declare_relationship(
                    request.user, d["member_a"], d["member_b"], d["kind"], d["note"]
                )
            except ValidationError as exc:
                flash_errors(request, exc)
            else:
                messages.success(request, _("Đã ghi quan hệ gia đình."))
                return redirect("personnel:relations", plan.pk)
        else:
            flash_errors(request, form)
    ties = relationships_of(list(members.values_list("pk", flat=True)))
    return render(request, "personnel/relations.html", {"plan": plan, "form": form, "ties": ties})


@require_POST
@login_required
def relation_remove(request, pk: int, tie_pk: int):
    plan = access_plan(request.user, pk, edit=True)
    ids = list(plan.candidates.values_list("member_id", flat=True))
    tie = get_object_or_404(Relationship, pk=tie_pk, member_a_id__in=ids)
    services.remove_relationship(request.user, tie)
    messages.success(request, _("Đã xóa quan hệ."))
    return redirect("personnel:relations", plan.pk)
