"""The core never imports the UI: proven in a fresh interpreter, by what lands in sys.modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import explorer

CORE_MODULES = sorted(
    f"explorer.{path.stem}"
    for path in Path(explorer.__file__).parent.glob("*.py")
    if path.stem not in {"__init__", "__main__", "cli"}
)


def test_there_is_a_core_to_check() -> None:
    assert {"explorer.model", "explorer.load", "explorer.queries", "explorer.validate"} <= set(
        CORE_MODULES
    )


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
        "explorer.load",
        "explorer.model",
        "explorer.queries",
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
