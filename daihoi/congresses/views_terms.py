"""The term register: every signed-in user reads it; the top administrators keep it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.organizations.models import Level

from . import terms
from .forms_terms import TermForm
from .models import Term


def can_manage_terms(user) -> bool:
    """Terms are the same for the whole tree: a superuser or an administrator of a province."""
    if user.is_superuser:
        return True
    org = user.organization
    return user.is_administrator and org is not None and org.level == Level.PROVINCE


def _require_manager(user) -> None:
    if not can_manage_terms(user):
        raise Http404("not a term manager")


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for text in exc.messages:
            form.add_error(None, text)


def _render_list(request, form=None, status=200):
    manager = can_manage_terms(request.user)
    levels = [(Level(level).label, rows) for level, rows in terms.terms_by_level().items()]
    if manager and form is None:
        form = TermForm()
    context = {"levels": levels, "manager": manager, "form": form if manager else None}
    return render(request, "congresses/terms.html", context, status=status)


@require_GET
@login_required
def term_list(request):
    return _render_list(request)


@require_POST
@login_required
def term_create(request):
    _require_manager(request.user)
    form = TermForm(request.POST)
    if form.is_valid():
        try:
            term = terms.create_term(request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm nhiệm kỳ %(term)s.") % {"term": term})
            return redirect("congresses:terms")
    return _render_list(request, form, status=400)


@require_http_methods(["GET", "POST"])
@login_required
def term_edit(request, pk: int):
    _require_manager(request.user)
    term = get_object_or_404(Term, pk=pk)
    form = TermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in terms.EDITABLE}
        try:
            terms.update_term(request.user, term, **fields)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Đã sửa nhiệm kỳ %(term)s.") % {"term": term})
            return redirect("congresses:terms")
    status = 400 if request.method == "POST" else 200
    return render(request, "congresses/term_edit.html", {"form": form, "term": term}, status=status)
