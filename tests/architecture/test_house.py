"""The house rules of pipeline/: stages import only earlier stages, no cycles, every module says its job."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from leersignalen.errors import Errors, raised_codes

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"
# Rooms in stage order; a module may import its own room and any room before it, never one after it.
STAGES = (
    ("errors", "defaults", "resources", "categories", "metrics", "__init__"),
    ("output",), ("read",), ("privacy",), ("language",), ("tag",), ("learn",), ("run",), ("analyse",),
    ("agreement",), ("exchange",), ("report",), ("cli",), ("__main__",),
)
PACKAGE_NAMES = ("leersignalen", "pipeline")
RANK = {room: rank for rank, rooms in enumerate(STAGES) for room in rooms}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def room_of(module: str) -> str:
    return module.split(".")[0]


def imports_of(path: Path) -> set[str]:
    """The package modules that ``path`` imports, as dotted names inside the package."""
    module = module_name(path)
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join([*base, node.module] if node.module else base)
            if node.module is None:
                found.update(".".join([*base, alias.name]) for alias in node.names)
            else:
                found.add(target)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PACKAGE_NAMES:
            found.add(node.module.split(".", 1)[1] if "." in node.module else "__init__")
    return {name for name in found if name}


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_room_is_a_known_stage():
    unknown = {room_of(module_name(path)) for path in MODULES} - set(RANK)
    assert not unknown, f"rooms without a stage in STAGES: {unknown}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_stage_imports_a_later_stage(path):
    here = RANK[room_of(module_name(path))]
    later = [name for name in imports_of(path) if RANK.get(room_of(name), -1) > here]
    assert not later, f"{module_name(path)} (stage {here}) imports later stage(s): {later}"


def test_no_import_cycles_between_modules():
    graph = {module_name(path): {name for name in imports_of(path)} for path in MODULES}
    graph = {node: {edge for edge in edges if edge in graph and edge != node} for node, edges in graph.items()}
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for edge in graph[node]:
            if state.get(edge) == 1:
                pytest.fail("import cycle: " + " -> ".join([*trail[trail.index(edge):], edge]))
            if edge not in state:
                visit(edge, [*trail, edge])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_every_module_says_its_job_in_a_one_line_docstring(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    if path.name == "__init__.py" and not tree.body:
        pytest.skip("empty package marker")
    assert docstring, f"{module_name(path)} has no module docstring"
    assert docstring.splitlines()[0].strip(), f"{module_name(path)}: the first line must say the room's job"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_long_modules_say_why(path):
    text = path.read_text(encoding="utf-8")
    if len(text.splitlines()) > 300:
        docstring = ast.get_docstring(ast.parse(text)) or ""
        assert "Longer than 300 lines because" in docstring, f"{module_name(path)}: over 300 lines without a reason"


def defined_codes() -> set[str]:
    return {name for name in vars(Errors) if name[:1] == "E" and name[1:].isdigit()}


def test_every_defined_error_code_is_raised_somewhere():
    source = "\n".join(path.read_text(encoding="utf-8") for path in MODULES)
    never = defined_codes() - raised_codes(source)
    assert not never, f"error codes defined but never raised: {sorted(never)}"


def test_no_module_writes_an_error_code_outside_the_errors_class():
    import re

    inline = re.compile(r"""["']E0\d\d\s""")
    offenders = [module_name(p) for p in MODULES if p.name != "errors.py" and inline.search(p.read_text("utf-8"))]
    assert not offenders, f"inline error codes (put them in class Errors): {offenders}"


def test_the_error_reference_lists_every_code():
    reference = (PACKAGE.parent / "docs" / "errors.md").read_text(encoding="utf-8")
    missing = [code for code in sorted(defined_codes()) if f"`{code}`" not in reference]
    assert not missing, f"docs/errors.md lacks {missing}; run `python scripts/make_docs.py`"


def test_nothing_imports_the_folder_name_pipeline():
    """The package installs as ``leersignalen``; importing ``pipeline`` would load a second copy from the checkout."""
    import re

    roots = [PACKAGE.parent / "tests", PACKAGE.parent / "scripts", PACKAGE]
    pattern = re.compile(r"^\s*(from|import)\s+pipeline\b", re.M)
    offenders = [str(p) for root in roots for p in root.rglob("*.py") if pattern.search(p.read_text("utf-8"))]
    assert not offenders, f"import leersignalen, not pipeline: {offenders}"
