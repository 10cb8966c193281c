"""Dates as Vietnamese clerks type and read them: dd/mm/yyyy, whatever the browser's language.

A browser's date picker follows the browser's locale (an English Chromium shows
mm/dd/yyyy, so "12/10/2024" under "10/12/2024"); a text box with a day-first format
is the same everywhere and faster to type. ISO (yyyy-mm-dd) is accepted too: it is what
scripts, tests and old links send.
"""

from __future__ import annotations

import datetime as dt

from django import forms

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    """A text box typed as dd/mm/yyyy."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


def parse_date(value: str | None) -> dt.date | None:
    """A date from a URL or a form in any accepted format; None when absent or not a date."""
    text = (value or "").strip()
    for fmt in DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
