"""Where the bundled corpus is: inside the installed package, or in the source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # explorer/, from explorer/reading/


def bundled_scenarios() -> Path:
    """The bundled `scenarios/` folder.

    A wheel carries it as `explorer/_bundled/scenarios` (see pyproject.toml); a source checkout or
    an editable install has it once, at the top of the repository.
    """
    installed = _PACKAGE / "_bundled" / "scenarios"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "scenarios"
