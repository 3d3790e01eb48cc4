"""The core never imports the UI: proven in a fresh interpreter, by what lands in sys.modules.
And a module's `_private` names stay its own: no other module, nor any test, reaches them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import explorer

PACKAGE = Path(explorer.__file__).parent
TESTS = Path(__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


ALL_MODULES = sorted(_module_name(path) for path in PACKAGE.rglob("*.py"))
# Everything but the UI, the benchmark (which drives the UI) and the entry points.
CORE_MODULES = [
    name
    for name in ALL_MODULES
    if not name.startswith(("explorer.tui", "explorer.bench"))
    and name not in {"explorer", "explorer.__main__", "explorer.cli"}
]

# The layers, lowest first. A module may import its own layer and those below it, never one
# above: data flows one way, from the files to the model, the analysis and the views.
LAYERS: list[tuple[str, ...]] = [
    ("explorer.paths", "explorer.model"),
    ("explorer.analysis",),
    ("explorer.checks",),
    ("explorer.reading",),
    ("explorer.outputs", "explorer.editing", "explorer.importing"),
    ("explorer.tui",),
    ("explorer.bench", "explorer.cli", "explorer.__main__"),
]


def _layer(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def _imports(path: Path) -> set[str]:
    """Every explorer module a file imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("explorer."))
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module or "").startswith("explorer.")
        ):
            found.add(node.module or "")
    return found


def test_there_is_a_core_to_check() -> None:
    assert {
        "explorer.model",
        "explorer.reading.load",
        "explorer.analysis.queries",
        "explorer.checks.validate",
        "explorer.outputs.formats",
        "explorer.editing.scaffold",
    } <= set(CORE_MODULES)


def test_the_package_shows_its_layers_and_its_root_stays_small() -> None:
    groups = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert {"analysis", "checks", "reading", "outputs", "editing", "tui", "bench"} <= groups
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root) <= 5, root


def test_no_module_imports_a_layer_above_its_own() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        module = _module_name(path)
        for imported in _imports(path):
            if _layer(imported) > _layer(module):
                wrong.append(f"{module} imports {imported}")
    assert wrong == []


def test_the_layer_rule_catches_a_reach_upwards(tmp_path: Path) -> None:
    """The rule can fail: a core module that imported the UI would be reported."""
    planted = tmp_path / "planted.py"
    planted.write_text("def f():\n    from explorer.tui.app import ExplorerApp\n")
    assert _layer("explorer.analysis.queries") < _layer(next(iter(_imports(planted))))


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'explorer') "
        "and (m.startswith('textual') or m.startswith('explorer.tui')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_check_command_does_not_import_textual() -> None:
    code = (
        "import sys\nfrom explorer.cli import main\n"
        "main(['check', 'tests/fixtures/mini'])\n"
        "print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else 'CLEAN')\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stdout.strip().splitlines()[-1] == "CLEAN"


def test_the_start_up_path_leaves_the_loader_the_screens_and_the_watcher_for_later() -> None:
    """The loading screen is drawn first: the loader (and YAML), the model, the main screen and
    those pushed from it (importing a screen builds its widgets' styles and bindings), the help
    and the file watcher are imported when first used."""
    later = [
        "yaml",
        "explorer.reading.load",
        "explorer.model",
        "explorer.analysis.queries",
        "explorer.tui.screens.main",
        "explorer.tui.screens.help",
        "explorer.tui.screens.walk",
        "explorer.tui.screens.matrix",
        "explorer.tui.screens.scorecard",
        "explorer.tui.screens.source",
        "explorer.tui.screens.pick",
        "watchfiles",
    ]
    code = (
        "import sys\nimport explorer.tui.app\n"
        f"print(','.join(m for m in {later!r} if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stdout.strip() == ""


def test_a_large_corpus_outline_is_shown_before_the_loader_is_imported() -> None:
    """At a warm start of a large corpus, its outline is read (`Session.outline`) and the main
    screen drawn before the load begins: the loader is imported by the load, not before."""
    outline_path = [
        "explorer.tui.app",
        "explorer.tui.session",
        "explorer.tui.screens.main",
        "explorer.analysis.outline",
        "explorer.reading.cache",
        "explorer.reading.reuse",
        "explorer.reading.corpus_file",
        "explorer.reading.result",
    ]
    code = (
        f"import importlib, sys\nfor name in {outline_path!r}: importlib.import_module(name)\n"
        "print(','.join(m for m in ('explorer.reading.load', 'explorer.reading.trees') "
        "if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stdout.strip() == ""


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _dotted(node: ast.expr) -> str | None:
    """'a.b.c' for a chain of names and attributes, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def reaches_into(source: str, modules: set[str]) -> list[str]:
    """The private names of explorer modules that `source` imports or reads: `from explorer.x
    import _name`, and `_name` read off a module it imported (`x._name`, `explorer.x._name`)."""
    tree = ast.parse(source)
    bound: dict[str, str] = {}  # a local name → the explorer module it stands for
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    if alias.asname:
                        bound[alias.asname] = alias.name
                    else:
                        bound[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in modules:
            for alias in node.names:
                if _is_private(alias.name):
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
                elif f"{node.module}.{alias.name}" in modules:
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_private(node.attr):
            owner = _dotted(node.value)
            if owner is None:
                continue
            head, _, rest = owner.partition(".")
            if head in bound:
                module = ".".join(filter(None, [bound[head], rest]))
                if module in modules:
                    found.append(f"line {node.lineno}: {module}.{node.attr}")
    return found


def test_no_module_or_test_reaches_another_modules_private_names() -> None:
    """What is shared is public; a `_name` can be changed knowing only its own module uses it.
    Tests included, as callers and as modules: a test that needs a name is a caller like any
    other, and a helper one test file lends another is public."""
    files = [*PACKAGE.rglob("*.py"), *TESTS.rglob("*.py")]
    modules = {_module_name(path) for path in files}
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} {finding}"
        for path in files
        for finding in reaches_into(path.read_text(encoding="utf-8"), modules)
    ]
    assert wrong == []


def test_the_private_name_rule_catches_each_way_in() -> None:
    modules = {"explorer", "explorer.reading", "explorer.reading.yaml_text"}
    planted = (
        "import explorer.reading.yaml_text\n"
        "import explorer.reading.yaml_text as text\n"
        "from explorer.reading import yaml_text\n"
        "from explorer.reading.yaml_text import _line_col, FORBIDDEN, __doc__\n"
        "explorer.reading.yaml_text._CHAR_NAMES\n"
        "text._SURROGATE\n"
        "yaml_text._may_hold_forbidden(b'')\n"
        "yaml_text.FORBIDDEN, yaml_text.__name__, other._private\n"
    )
    assert reaches_into(planted, modules) == [
        "line 4: from explorer.reading.yaml_text import _line_col",
        "line 5: explorer.reading.yaml_text._CHAR_NAMES",
        "line 6: explorer.reading.yaml_text._SURROGATE",
        "line 7: explorer.reading.yaml_text._may_hold_forbidden",
    ]
