"""The settings kept between runs: any file gives valid settings or the defaults, never an error;
what is written is read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.tui.settings import (
    SPLIT_MAX,
    SPLIT_MIN,
    THEMES,
    Settings,
    parse_settings,
    read_settings,
    settings_file,
    write_settings,
)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=10,
)


def valid(settings: Settings) -> bool:
    return (
        settings.theme in THEMES
        and SPLIT_MIN <= settings.split <= SPLIT_MAX
        and (settings.corpus is None or isinstance(settings.corpus, str))
    )


@given(st.text())
def test_any_text_gives_valid_settings(text: str) -> None:
    assert valid(parse_settings(text))


@given(
    st.fixed_dictionaries(
        {}, optional={"theme": JSON_VALUES, "split": JSON_VALUES, "corpus": JSON_VALUES}
    )
)
def test_any_json_object_gives_valid_settings(data: dict[str, object]) -> None:
    assert valid(parse_settings(json.dumps(data)))


@given(
    st.builds(
        Settings,
        theme=st.sampled_from(THEMES),
        split=st.integers(SPLIT_MIN, SPLIT_MAX),
        corpus=st.none() | st.text(min_size=1).filter(lambda t: "\0" not in t),
    )
)
def test_what_is_written_is_read_back(settings: Settings) -> None:
    assert parse_settings(settings.to_json()) == settings


def test_settings_live_in_the_config_folder_and_survive_a_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings_file() == tmp_path / "scenario-explorer" / "settings.json"
    assert read_settings() == Settings()  # no file yet
    chosen = Settings(theme=THEMES[1], split=35, corpus="/data/library/other")
    assert write_settings(chosen)
    assert read_settings() == chosen
    assert write_settings(Settings(split=60))
    assert read_settings().split == 60
    assert [p.name for p in settings_file().parent.iterdir()] == ["settings.json"]  # no leftovers


@pytest.mark.parametrize(
    "content", [b"", b"{", b"\xff\xfe", b"[1, 2]", b'{"split": 5000, "theme": 3}', b"x" * 100_000]
)
def test_a_corrupt_file_gives_the_defaults(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    assert read_settings(path) == Settings()


def test_an_unreadable_or_unwritable_place_is_no_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-file"
    folder.write_text("not a folder", encoding="utf-8")
    assert read_settings(folder / "settings.json") == Settings()
    assert not write_settings(Settings(split=30), folder / "settings.json")
    assert read_settings(tmp_path) == Settings()  # a folder where the file should be
