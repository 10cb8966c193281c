"""Accent-insensitive matching inside the database: ``daihoi_fold(text)``.

The Python ``textnorm.fold`` is the one definition of folding ("Đảng bộ xã Ấn" →
"dang bo xa an"). Columns that are searched every keystroke at national scale keep a
folded copy (``Member.search_name``); for the smaller tables (organisations,
congresses) the database folds on the fly with the same mapping:

- SQLite: the Python function itself, registered on every new connection;
- PostgreSQL: ``lower(translate(text, FROM, TO))``, created by the migration
  ``organizations.0004_fold_function`` from the tables below (no extension needed,
  so it works without superuser rights and with any database locale).
"""

from __future__ import annotations

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func

from daihoi.textnorm import fold

_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_VOWELS = "aăâeêioôơuưy"


def _marked_letters() -> list[str]:
    letters = ["đ", "Đ"]
    for base in _VOWELS + _VOWELS.upper():
        for tone in _TONES:
            letter = unicodedata.normalize("NFC", base + tone)
            if len(letter) == 1 and fold(letter) != letter.lower():
                letters.append(letter)
    return letters


FOLD_FROM = "".join(_marked_letters())
FOLD_TO = "".join(fold(ch) for ch in FOLD_FROM)
assert len(FOLD_FROM) == len(FOLD_TO)


_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)
_MARKS = range(0x0300, 0x0370)  # combining marks: text stored decomposed (NFD)


def _sqlite_fold(value):
    # The hot path of a search on SQLite: one translate per row for NFC text, the full
    # Unicode fold only for what is left outside ASCII (combining marks, other scripts).
    if value is None:
        return None
    quick = value.translate(_TABLE).lower()
    if quick.isascii() or not any(ch.isalpha() or ord(ch) in _MARKS for ch in quick if ch > "~"):
        return quick  # what is left outside ASCII is punctuation ("–", "“"): fold keeps it too
    return fold(value)


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("daihoi_fold", 1, _sqlite_fold, deterministic=True)


connection_created.connect(register_sqlite_fold, dispatch_uid="daihoi_fold_sqlite")


def postgres_create_sql() -> str:
    source = FOLD_FROM.replace("'", "''")
    target = FOLD_TO.replace("'", "''")
    return (
        "CREATE OR REPLACE FUNCTION daihoi_fold(value text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT "
        f"AS $$ SELECT lower(translate(value, '{source}', '{target}')) $$"
    )


class Fold(Func):
    """``Fold("name")``: the column folded like ``textnorm.fold`` (spaces not collapsed)."""

    function = "daihoi_fold"
    output_field = CharField()


def tokens(query: str, limit: int = 6) -> list[str]:
    """The folded words of a search box, at most ``limit`` of them, NULs and all dropped."""
    return [word for word in fold((query or "").replace("\x00", " ")).split() if word][:limit]


def matching_all(queryset, column: str, query: str, *, also: str | None = None):
    """Rows whose folded ``column`` contains every word of ``query`` (or ``also`` starts with it)."""
    from django.db.models import Q

    words = tokens(query)
    if not words:
        return queryset
    queryset = queryset.annotate(_folded=Fold(column))
    for word in words:
        condition = Q(_folded__contains=word)
        if also:
            condition |= Q(**{f"{also}__istartswith": word})
        queryset = queryset.filter(condition)
    return queryset
