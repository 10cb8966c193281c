"""Wings import one way (ARCHITECTURE.md): no module imports from a wing above its own.

The table, lowest first (a module belongs to the longest prefix that names it):

0 ground    rules, scanning.omr (the pure OMR reader), documents (renderers), hooks, and the
            shared helpers at the top of the package (textnorm, dbfold, dates, listing,
            typeahead, concurrency, memory_cap, request_guards, api_guards, formats,
            rules_texts, errorpages). They import no app.
1 registry  organizations, people; with what the registry itself leans on: accounts (users
            belong to an organisation), audit (its log names users and organisations), jobs
            (background work; handlers are named by dotted path, not imported), api_auth,
            and demo (the demo province; the higher wings' demo steps are named by dotted path).
2 congress  congresses, delegates, personnel, preparation, grading, complaints.
3 counting  elections, scanning, hall.
4 reads all reports, approvals (sign-off over results), and the composition at the top:
            urls, api, cli, cli_count, settings, asgi, wsgi.

A lower wing that must ask a higher one something declares the question with
`daihoi.hooks.Hook`, and the higher wing answers it in its AppConfig.ready().

Every `import` and `from … import` is read from the syntax tree, wherever it sits (a function
body included); relative imports are resolved against the module's package.
"""

import ast
from pathlib import Path

import daihoi

WINGS = {
    0: (
        "rules scanning.omr documents hooks textnorm dbfold dates listing typeahead concurrency"
        " memory_cap request_guards api_guards formats rules_texts errorpages"
    ),
    1: "organizations people accounts audit jobs api_auth demo",
    2: "congresses delegates personnel preparation grading complaints",
    3: "elections scanning hall",
    4: "reports approvals urls api cli cli_count settings asgi wsgi",
}
LEVEL = {f"daihoi.{name}": level for level, names in WINGS.items() for name in names.split()}
ROOT = Path(daihoi.__file__).parent


def wing_of(module: str) -> str | None:
    """The longest table prefix of a dotted module name (daihoi.scanning.omr.grid → scanning.omr)."""
    parts = module.split(".")
    for end in range(len(parts), 1, -1):
        prefix = ".".join(parts[:end])
        if prefix in LEVEL:
            return prefix
    return None


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imported(tree: ast.Module, module: str, is_package: bool):
    """(line, dotted name) of every import in the tree, relative ones resolved."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # The alias may name a module, and so a wing: `from daihoi import elections`,
            # `from daihoi.scanning import omr`.
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def upward_imports(source: str, path: str, module: str, is_package: bool = False) -> list[str]:
    """`path:line: module (wing) imports name (higher wing)` for each import that goes up."""
    mine = wing_of(module)
    found = []
    for line, name in imported(ast.parse(source, path), module, is_package):
        theirs = wing_of(name)
        if theirs is not None and LEVEL[theirs] > LEVEL[mine]:
            found.append(
                f"{path}:{line}: {mine[7:]} (wing {LEVEL[mine]}) imports {name}"
                f" ({theirs[7:]}, wing {LEVEL[theirs]})"
            )
    return found


def modules():
    for path in sorted(ROOT.rglob("*.py")):
        yield path, module_name(path)


def test_every_module_has_a_wing():
    missing = sorted({name for _path, name in modules() if wing_of(name) is None} - {"daihoi"})
    assert not missing, "Place these in the wing table of tests/test_wings.py: " + ", ".join(
        missing
    )


def test_no_module_imports_from_a_wing_above_its_own():
    found = []
    for path, name in modules():
        if wing_of(name) is None:
            continue  # reported by test_every_module_has_a_wing
        shown = path.relative_to(ROOT.parent)
        found += upward_imports(path.read_text(), str(shown), name, path.name == "__init__.py")
    assert not found, "Imports that go up a wing:\n" + "\n".join(found)


# The checker itself, on made-up modules.


def test_it_finds_an_upward_import_inside_a_function():
    source = "import os\n\ndef f():\n    from daihoi.elections.models import Election\n"
    found = upward_imports(source, "daihoi/people/x.py", "daihoi.people.x")
    assert found == [
        "daihoi/people/x.py:4: people (wing 1) imports "
        "daihoi.elections.models.Election (elections, wing 3)"
    ]


def test_it_finds_a_wing_named_in_the_alias_and_a_plain_import():
    source = "from daihoi import congresses\nimport daihoi.delegates.models\n"
    found = upward_imports(source, "daihoi/people/x.py", "daihoi.people.x")
    assert [line.split(":")[1] for line in found] == ["1", "2"]


def test_it_resolves_relative_imports_against_the_package():
    source = "from ...elections import lists\nfrom ..selectors import member_count\n"
    found = upward_imports(
        source, "daihoi/organizations/restructure/p.py", "daihoi.organizations.restructure.p"
    )
    assert found == [
        "daihoi/organizations/restructure/p.py:1: organizations (wing 1) imports "
        "daihoi.elections.lists (elections, wing 3)"
    ]


def test_it_lets_a_wing_import_downward_and_sideways():
    source = "from daihoi.rules import tally\nfrom daihoi.personnel import checks\n"
    assert upward_imports(source, "daihoi/delegates/x.py", "daihoi.delegates.x") == []


def test_the_omr_reader_sits_below_its_scanning_app():
    source = "from daihoi.scanning.models import Scan\nfrom daihoi.scanning import omr\n"
    found = upward_imports(source, "daihoi/scanning/omr/x.py", "daihoi.scanning.omr.x")
    assert len(found) == 1 and "scanning.omr (wing 0)" in found[0]
    assert upward_imports(source.splitlines()[1], "daihoi/rules/x.py", "daihoi.rules.x") == []
