"""The test lock pins every dependency pyproject.toml names, within its range, with hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "tests" / "requirements.lock"


def _locked() -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) for every pin in the lock."""
    pins: dict[str, tuple[str, int]] = {}
    text = LOCK.read_text(encoding="utf-8")
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        pin = re.match(r"([A-Za-z0-9._-]+)==([^\s\\]+)", block)
        if pin:
            pins[canonicalize_name(pin.group(1))] = (pin.group(2), block.count("--hash=sha256:"))
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return [Requirement(name) for name in names]


def test_every_dependency_is_pinned_within_its_range() -> None:
    pins = _locked()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is in pyproject.toml but not in the lock"
        version, _ = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"the lock pins {name}=={version}, outside pyproject.toml's {requirement.specifier}"
        )


def test_every_pin_is_exact_and_hashed() -> None:
    pins = _locked()
    assert len(pins) > len(_declared())  # the transitive dependencies are locked too
    for name, (_, hashes) in pins.items():
        assert hashes >= 1, f"{name} has no hash in the lock"
