"""The `daihoi` console script.

`daihoi count FILE...` is pure (no database, no Django set-up) so that anyone can
recount an exported election on any machine. Every other sub-command is a Django
management command run with the project's settings (`daihoi demo`,
`daihoi audit verify`, `daihoi import_members`, `daihoi migrate`, ...).
"""

import os
import sys

USAGE = """usage: daihoi COMMAND [ARGS...]

  count FILE [FILE...]      count elections from JSON files (see README)
  demo [--seed N] [--small] [--if-empty] [--flush] [--shape 2020|2025]
                            load the demo province (2025: then restructure it as in 2025)
  scan ELECTION FILE [FILE...] [--batch N] [--round R] [--workers K]
                            read scanned ballots (PDF or images) into a ballot box
  audit verify              check the audit log's hash chain
  import_members FILE.xlsx  import organisations and members from Excel
  export_members FILE.xlsx  export organisations and members to Excel
  serve [GUNICORN ARGS]     run the production server (gunicorn; --bind, --workers…)
  worker [--burst]          run background jobs (imports, scan reading, exports)
  <any Django management command>
"""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    if argv[0] == "count":
        from daihoi.cli_count import main as count_main

        return count_main(argv[1:])
    if argv[0] == "serve":
        return _serve(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["daihoi", *argv])
    return 0


DEFAULT_BIND = "127.0.0.1:8000"


def serve_command(args: list[str]) -> list[str]:
    """gunicorn's command line: the caller's arguments, and 127.0.0.1:8000 only when
    neither they nor GUNICORN_CMD_ARGS name an address (gunicorn binds every one given)."""
    given = [*args, *os.environ.get("GUNICORN_CMD_ARGS", "").split()]
    binds = any(a in ("-b", "--bind") or a.startswith(("-b", "--bind=")) for a in given)
    default = [] if binds else ["--bind", DEFAULT_BIND]
    return [sys.executable, "-m", "gunicorn", "daihoi.wsgi", *default, *args]


def _serve(args: list[str]) -> int:
    """Production server: gunicorn with the WSGI app; extra args go to gunicorn."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
    command = serve_command(args)
    os.execvp(command[0], command)
    return 0  # pragma: no cover - execvp does not return


if __name__ == "__main__":
    sys.exit(main())
