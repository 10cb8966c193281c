"""`daihoi count FILE [FILE...]`: recount elections from JSON files, without a database.

One JSON object per file on stdout, one per line, in argument order. A file
that cannot be counted prints nothing on stdout and one line on stderr
naming the file, the ballot (1-based) when the problem is in a ballot, and
the problem; the other files are still counted. Exit status 2 if any file
failed, else 0. The file format is described in daihoi/rules/countfile.py.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from daihoi.rules.countfile import CountInputError, count_election

USAGE = "usage: daihoi count FILE [FILE...]"


def main(argv: list[str]) -> int:
    """Count each file named in ``argv``; 0 if all were counted, 2 if any was refused."""
    if argv and argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    if not argv:
        print(USAGE, file=sys.stderr)
        return 2
    status = 0
    for path in argv:
        try:
            result = count_election(_load(path))
        except CountInputError as error:
            where = "" if error.ballot is None else f"ballot {error.ballot}: "
            print(f"{path}: {where}{error.message}", file=sys.stderr)
            status = 2
            continue
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return status


def _load(path: str) -> Any:
    """Read and parse one file; every way it can fail becomes a CountInputError."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CountInputError(f"cannot read the file: {error}") from error
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_nan)
    except ValueError as error:  # JSONDecodeError, and the two hooks below
        raise CountInputError(f"bad JSON: {error}") from error
    except RecursionError as error:  # "[[[[…" thousands deep: no count file nests like that
        raise CountInputError("bad JSON: nested too deeply") from error


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys silently; in a count that hides an entry.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_nan(constant: str) -> Any:
    raise ValueError(f"{constant} is not a number JSON allows")
