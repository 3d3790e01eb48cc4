"""Print a pip constraints file holding `name==floor` for every dependency pyproject.toml declares
(runtime and test), the lowest release its range allows, so that .ci/oldest installs what the
ranges promise to work with. A runtime dependency without a lower bound is an error (its floor
would be whatever release is oldest); a test tool without one is left to pip (it says so)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


def floor(requirement: Requirement) -> str | None:
    lowest = [spec.version for spec in requirement.specifier if spec.operator in (">=", "==")]
    return f"{requirement.name}=={lowest[0]}" if len(lowest) == 1 else None


def main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    groups = [
        ("runtime", project["dependencies"]),
        ("test", project["optional-dependencies"]["test"]),
    ]
    for group, declared in groups:
        for requirement in map(Requirement, declared):
            pin = floor(requirement)
            if pin is not None:
                print(pin)
            elif group == "runtime":
                sys.exit(f"floors: {requirement} has no single lower bound (>= or ==)")
            else:
                print(f"floors: {requirement} has no floor; pip picks its release", file=sys.stderr)


if __name__ == "__main__":
    main()
