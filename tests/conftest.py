"""Shared test settings: hypothesis profiles (CI runs more examples than a quick local run), each
test's own settings and cache, and the fixtures many modules use (see tests/shared.py)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from tests.shared import copy_corpus

# The warm-start cache writes under XDG_CACHE_HOME: tests keep it away from the user's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="explorer-test-cache-")


@pytest.fixture(autouse=True)
def _own_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each test starts from the default settings (theme, split) and keeps its own."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """The mini corpus (its seeds folder inside) copied to the test's own folder, to be edited."""
    return copy_corpus(tmp_path)


# CI: four times a local run's examples, derandomized, inside the suite's ten minutes on two
# cores; `deep` runs 1,000 for an on-purpose search (before a release, after a reader change).
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
settings.register_profile(
    "deep",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# For a first look at a failure without waiting for the shrinker.
settings.register_profile(
    "fast",
    max_examples=100,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
