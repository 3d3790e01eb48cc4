"""What a newcomer meets at the command line: a misspelt command, --version, the --format help,
one wording (with a 'did you mean') for an unknown node, and passages cut between words."""

from __future__ import annotations

import argparse
import importlib.metadata
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import explorer
from explorer.analysis.quotes import SeedText
from explorer.cli import command_parser, main
from explorer.editing.init import init_corpus
from explorer.outputs.options import FORMAT_WORDS, format_help
from tests.shared import run_explorer

MINI = Path(__file__).parent / "fixtures" / "mini"
ROOT = Path(__file__).resolve().parent.parent


_explorer = run_explorer


def test_a_misspelt_command_suggests_the_command() -> None:
    result = _explorer("chek")
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr == "explorer: chek: no such command, file or folder; did you mean 'check'?\n"
    )


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["chek", "--strict"], "check"),  # its options do not turn it into a usage message
        (["shwo"], "show"),
        (["exprot", "--format", "dot"], "export"),
        (["scorecrd"], "scorecard"),
        (["comapre"], "compare"),
    ],
)
def test_each_misspelt_command_is_one_sentence_and_exit_2(
    argv: list[str], command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"explorer: {argv[0]}: no such command, file or folder; did you mean '{command}'?\n"
    )


def test_a_folder_named_like_a_command_is_still_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "chek").symlink_to(MINI)
    monkeypatch.chdir(tmp_path)
    assert main(["chek"]) == 0  # no terminal in a test: the tree is printed
    assert "Do the fishing crews leave?" in capsys.readouterr().out
    assert main(["elsewhere"]) == 2  # far from every command: the path is what was meant
    assert capsys.readouterr().err == "explorer: elsewhere: no such file or folder\n"


def test_version_is_the_installed_one() -> None:
    result = _explorer("--version")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"explorer {explorer.__version__}\n"
    assert explorer.__version__ == importlib.metadata.version("scenario-explorer")


def _format_options() -> dict[str, argparse.Action]:
    parser = command_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found = {}
    for name, sub_parser in commands.choices.items():
        for action in sub_parser._actions:
            if "--format" in action.option_strings:
                found[name] = action
    return found


def test_every_format_option_names_its_formats_in_its_help() -> None:
    options = _format_options()
    assert {"check", "export", "walk", "compare", "scorecard"} <= set(options)
    for command, action in options.items():
        assert action.choices is not None and action.help, command
        for choice in action.choices:
            assert f"{choice} (" in action.help, (command, choice)
        assert f"{action.default} (" in action.help.split("the default")[0]


def test_the_help_printed_names_the_formats(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "json (JSON, for programs; the default), markdown (Markdown" in text
    assert "dot (a Graphviz DOT diagram)" in text  # then any format added after it


@given(st.lists(st.sampled_from([*FORMAT_WORDS, "html", "yaml", "x"]), min_size=1, unique=True))
def test_format_help_names_every_choice_in_order_and_the_first_as_default(
    names: list[str],
) -> None:
    text = format_help(tuple(names))
    described = re.findall(r"(\w+)(?: \(([^)]*)\))?(?:, | or |$)", text)
    assert [name for name, _ in described] == names
    for i, (name, words) in enumerate(described):
        assert ("the default" in words) == (i == 0)
        assert (FORMAT_WORDS.get(name, "") in words) or not words


@pytest.mark.parametrize("node", ["crews-mov", "crews-m", "boatyard", "nothing-like-it"])
def test_walk_and_show_name_an_unknown_node_alike(
    node: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["walk", str(MINI), "--through", node]) == 2
    walked = capsys.readouterr().err
    assert main(["show", str(MINI), "--node", node]) == 2
    shown = capsys.readouterr().err
    assert walked == shown
    assert walked.startswith(f"explorer: no node '{node}' in the corpus")
    if node != "nothing-like-it":
        assert "; did you mean '" in walked


# Words none of which begins another: a passage cut inside a word leaves a token not among them.
WORDS = ["harshly", "punished", "perpetrators", "promised", "sanctions", "retaliation", "envoy"]


@settings(max_examples=200, deadline=None)
@given(
    seed_words=st.lists(st.sampled_from(WORDS), min_size=3, max_size=120),
    spaces=st.sampled_from([" ", "\n", "  ", " \u00a0"]),
    quote_at=st.integers(min_value=0),
    quote_len=st.integers(min_value=1, max_value=60),
    typo_at=st.integers(min_value=0),
    typo=st.sampled_from(["", "q", "qq"]),  # a letter dropped, replaced, or one more
)
def test_the_closest_passage_is_cut_between_words(
    seed_words: list[str], spaces: str, quote_at: int, quote_len: int, typo_at: int, typo: str
) -> None:
    seed = SeedText("seed.txt", spaces.join(seed_words) + ".")
    start = quote_at % len(seed_words)
    quote = " ".join(seed_words[start : start + quote_len])
    at = typo_at % len(quote)
    quote = quote[:at] + typo + quote[at + 1 :]  # the quote is no longer in the seed
    passage = seed.closest(quote)
    assert passage is not None
    assert set(passage.text.rstrip(".").split()) <= set(WORDS), passage.text


def test_check_shortens_a_long_closest_passage_between_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The bundled corpus, with one quote made long (over the 200 characters a message shows of
    # the closest passage) and misspelt, so that it is not found.
    init_corpus(tmp_path / "copy")
    tree = tmp_path / "copy" / "scenarios" / "soleimani" / "iran-response.yaml"
    short = "Following his death, Iran's Supreme Leader promised that the perpetrators would be "
    long = (
        "General Qassem Soleimani, the charismatic commander of the Iranian Revolutionary "
        "Guards' Quds Force and a bete noire of the United States and its regional allies, was "
        "finally kiled by the U.S. military while leaving the Baghdad airport. " + short
    )
    text = tree.read_text(encoding="utf-8")
    assert text.count(short) == 1
    tree.write_text(text.replace(short, long), encoding="utf-8")
    assert main(["check", str(tmp_path / "copy")]) == 1
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "E011" in line]
    passage = line.split('reads: "', 1)[1].removesuffix('"')
    assert passage.endswith("...") and len(passage) <= 200
    seed = (tmp_path / "copy" / "seeds" / "001_15346fee54f07480.txt").read_text(encoding="utf-8")
    words = set(seed.split())
    assert passage.removesuffix("...").split()[-1] in words, passage
