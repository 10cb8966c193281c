"""Type-ahead pickers: a search box in place of a <select> of 1,700 organisations.

A ``TypeaheadChoiceField`` is a ``ModelChoiceField`` (so a forged or out-of-scope id
is still an invalid choice, checked against the field's queryset) whose widget renders
only the chosen row's label and a text box. ``static/js/typeahead.js`` asks the
field's lookup URL (``?q=``) as the user types and fills the hidden id; arrows, Enter
and Escape work without a mouse. Lookup views answer with ``lookup_response``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django import forms
from django.http import JsonResponse
from django.urls import reverse_lazy

LOOKUP_LIMIT = 15


class TypeaheadWidget(forms.Widget):
    template_name = "widgets/typeahead.html"

    def __init__(self, url, *, params: dict | None = None, placeholder: str = "", attrs=None):
        super().__init__(attrs)
        self.url = url
        self.params = params or {}
        self.placeholder = placeholder
        self.label_for: Callable[[object], str] = str

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        label = ""
        if value not in (None, ""):
            label = self.label_for(value) or ""
        query = "&".join(f"{k}={v}" for k, v in self.params.items())
        context["widget"].update(
            url=str(self.url), extra=query, label=label, placeholder=self.placeholder
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class TypeaheadChoiceField(forms.ModelChoiceField):
    """A model choice chosen through a search box; ``label`` names a row as the list shows it."""

    def __init__(self, *, url, label_of: Callable = str, params=None, placeholder="", **kw):
        kw.setdefault("queryset", None)
        widget = TypeaheadWidget(url, params=params, placeholder=placeholder)
        super().__init__(widget=widget, **kw)
        self.label_of = label_of
        self.widget.label_for = self._label_for_value

    def __deepcopy__(self, memo):
        # Each form gets its own copy of the field; its widget must ask that copy's queryset.
        result = super().__deepcopy__(memo)
        result.widget.label_for = result._label_for_value
        return result

    def _label_for_value(self, value) -> str:
        if self.queryset is None:
            return ""
        key = value.pk if hasattr(value, "pk") else value
        try:
            row = self.queryset.filter(pk=int(key)).first()
        except (TypeError, ValueError):
            return ""
        return self.label_of(row) if row is not None else ""

    def label_from_instance(self, obj) -> str:
        return self.label_of(obj)


def lookup_response(rows: Iterable[dict]) -> JsonResponse:
    """``{"results": [{"id", "label", "detail"}…]}``, the shape typeahead.js reads."""
    return JsonResponse({"results": list(rows)[:LOOKUP_LIMIT]})


def organization_field(**kwargs) -> TypeaheadChoiceField:
    """An organisation picker; ``params`` narrow the lookup (e.g. {"level": "grassroots,cell"})."""
    kwargs.setdefault("url", reverse_lazy("organizations:lookup"))
    kwargs.setdefault("label_of", lambda org: f"{org.name} ({org.code})")
    return TypeaheadChoiceField(**kwargs)


def congress_field(**kwargs) -> TypeaheadChoiceField:
    """A congress picker (the congresses of the user's subtree)."""
    kwargs.setdefault("url", reverse_lazy("congresses:lookup"))
    kwargs.setdefault("label_of", lambda congress: congress.name)
    return TypeaheadChoiceField(**kwargs)


def member_code_widget(**kwargs) -> TypeaheadWidget:
    """A member picker for a form that takes a member's code (the lookup's ids are codes).
    The box shows the code once chosen: a label looked up from a posted code could name a
    member outside the user's subtree."""
    widget = TypeaheadWidget(reverse_lazy("people:lookup"), **kwargs)
    widget.label_for = str
    return widget
