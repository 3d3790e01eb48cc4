"""`explorer show`: the tree printed with Rich, its filters, and YAML text shown literally.

The plain-text golden file is tests/golden/mini.show.txt; `UPDATE_GOLDEN=1` rewrites it (see
tests/test_formats.py).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from explorer.cli import main
from explorer.model import Corpus
from explorer.outputs.show import ShowOptions, UnknownChoice, build, print_tree, render_text
from tests.shared import run_explorer as run
from tests.test_formats import HOSTILE_TITLES, MINI, check_golden, hostile_copy, load

ANSI = re.compile(r"\x1b\[[0-9;]*m")
HOSTILE_NAMES = {"Ada Gale": "Ada [i]Gale[/i] :smile:", "Mara Quay": "[@click=app.quit]Mara[/]"}


@pytest.fixture
def mini() -> Corpus:
    return load(MINI)


@pytest.fixture
def hostile(tmp_path: Path) -> Corpus:
    folder = hostile_copy(tmp_path)
    corpus_file = folder / "corpus.yaml"
    text = corpus_file.read_text(encoding="utf-8")
    for plain, hostile in HOSTILE_NAMES.items():
        text = text.replace(f"name: {plain}\n", f'name: "{hostile}"\n')
    corpus_file.write_text(text, encoding="utf-8")
    return load(folder)


def tree_lines(text: str) -> list[str]:
    """The lines of the tree itself: between the blank line after the header and the legend."""
    return text.split("\n\n")[1].splitlines()


# -- the whole tree --------------------------------------------------------------------------


def test_plain_text_matches_golden_file(mini: Corpus) -> None:
    check_golden("mini.show.txt", render_text(mini))


def test_cli_show_prints_the_golden_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(MINI)]) == 0
    assert capsys.readouterr().out == render_text(load(MINI))


def test_explorer_without_a_terminal_prints_the_same_as_show() -> None:
    shown, opened = run("show", str(MINI)), run(str(MINI))
    assert shown.returncode == opened.returncode == 0
    assert opened.stdout == shown.stdout == render_text(load(MINI))


def test_piped_output_is_never_wrapped() -> None:
    result = run("show", env={"COLUMNS": "40"})
    long_lines = [line for line in result.stdout.splitlines() if len(line) > 100]
    assert any("Responsible Statecraft analysis (established via MIT" in x for x in long_lines)
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_opponents_are_marked(mini: Corpus) -> None:
    assert "• Crews move north  [AG]  [against: LW]" in tree_lines(render_text(mini))[2]


# -- colour: only on a terminal that wants it -------------------------------------------------


def test_piped_output_has_no_escape_codes() -> None:
    assert "\x1b" not in run("show", str(MINI)).stdout


def test_forced_terminal_gets_stance_colours() -> None:
    result = run("show", str(MINI), env={"FORCE_COLOR": "1"})
    assert "\x1b[" in result.stdout
    assert "\x1b[31mLW" in result.stdout  # LW doubts "Crews move north": red
    assert ANSI.sub("", result.stdout).startswith(render_text(load(MINI)))
    assert "Stances: predicts · warns" in ANSI.sub("", result.stdout)


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_and_dumb_terminals_get_no_escape_codes(env: dict[str, str]) -> None:
    result = run("show", str(MINI), env={"FORCE_COLOR": "1", **env})
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert result.stdout.startswith(render_text(load(MINI)))


# -- YAML text is never markup ---------------------------------------------------------------


def test_markup_in_titles_and_names_prints_as_written(hostile: Corpus) -> None:
    text = render_text(hostile)
    for title in HOSTILE_TITLES.values():
        assert " ".join(title.split()) in text
    # Initials come from the words that start with a letter: "Ada", "[i]Gale[/i]" → AD.
    assert "\n  AD  Ada [i]Gale[/i] :smile: — Columnist" in text
    assert "\n  MA  [@click=app.quit]Mara[/] — Chair" in text


def test_markup_stays_literal_on_a_colour_terminal(hostile: Corpus) -> None:
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=True, color_system="truecolor", width=300, _environ={}
    )
    console.print(build(hostile, colour=True))
    output = buffer.getvalue()
    assert "\x1b]8;" not in output  # no hyperlink from [link=…]
    visible = ANSI.sub("", output)
    for title in HOSTILE_TITLES.values():
        assert " ".join(title.split()) in visible
    assert "Ada [i]Gale[/i] :smile:" in visible


# -- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "person", ["ledger", "source:ledger", "LW", "Ledger Weekly (author not named)"]
)
def test_person_keeps_only_their_paths(mini: Corpus, person: str) -> None:
    text = render_text(mini, ShowOptions(person=person))
    assert "showing: paths argued by Ledger Weekly (author not named)" in text
    lines = tree_lines(text)
    assert [line.split("  [")[0] for line in lines] == [
        "• The council closes the old harbour",
        "├── ? Do the fishing crews leave?",
        "│   └── • Crews move north",
        "└── ? What becomes of the waterfront?",
        "    ├── • A tourism boom",
        "    └── • The waterfront stands idle",
    ]


def test_person_by_id_and_legend_lists_only_shown_voices(mini: Corpus) -> None:
    text = render_text(mini, ShowOptions(person="mara-quay"))
    assert [line.split("  [")[0] for line in tree_lines(text)] == [
        "• The council closes the old harbour",
        "└── ? Do the fishing crews leave?",
        "    └── • Crews stay and fight",
    ]
    assert "LW  Ledger" not in text and "MQ  Mara Quay" in text


def test_tag_keeps_tagged_nodes_and_their_ancestors(mini: Corpus) -> None:
    lines = tree_lines(render_text(mini, ShowOptions(tag="tourism")))
    assert [line.split("  [")[0] for line in lines] == [
        "• The council closes the old harbour",
        "└── ? What becomes of the waterfront?",
    ]


def test_node_shows_the_subtree(mini: Corpus) -> None:
    text = render_text(mini, ShowOptions(node="crews-move"))
    assert "showing: under crews-move" in text
    assert [line.split("  [")[0] for line in tree_lines(text)] == [
        "• Crews move north",
        "└── • Boatyards follow the crews",
    ]


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (0, ["• The council closes the old harbour", "└── … 7 more below"]),
        (
            1,
            [
                "• The council closes the old harbour",
                "├── ? Do the fishing crews leave?",
                "│   └── … 3 more below",
                "└── ? What becomes of the waterfront?",
                "    └── … 2 more below",
            ],
        ),
    ],
)
def test_depth_limits_levels(mini: Corpus, depth: int, expected: list[str]) -> None:
    lines = tree_lines(render_text(mini, ShowOptions(depth=depth)))
    assert [line.split("  [")[0] for line in lines] == expected


def test_filters_combine(mini: Corpus) -> None:
    text = render_text(mini, ShowOptions(person="ada-gale", tag="jobs", node="crews", depth=1))
    assert "showing: under crews; paths argued by Ada Gale; tag jobs; depth 1" in text
    assert [line.split("  [")[0] for line in tree_lines(text)] == [
        "? Do the fishing crews leave?",
        "└── • Crews move north",
    ]


def test_no_match_says_so(mini: Corpus) -> None:
    text = render_text(mini, ShowOptions(person="mara-quay", tag="tourism"))
    assert text.endswith("\nno node matches\n")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--person", "ada", "no person 'ada' in the corpus; did you mean 'ada-gale'?"),
        (
            "--person",
            "zz",
            "no person 'zz' in the corpus; known: ada-gale, mara-quay, source:ledger",
        ),
        ("--tag", "job", "no tag 'job' in the corpus; did you mean 'jobs'?"),
        ("--tag", "zz", "no tag 'zz' in the corpus; known: jobs, tourism"),
        ("--node", "crews-mov", "no node 'crews-mov' in the corpus; did you mean 'crews-move'?"),
    ],
)
def test_unknown_value_is_one_line_and_exit_2(
    option: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", str(MINI), option, value]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"explorer: {message}\n"


@pytest.mark.parametrize("depth", ["-1", "two"])
def test_bad_depth_is_a_usage_error(depth: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["show", str(MINI), "--depth", depth])
    assert exit_info.value.code == 2
    assert "is not a whole number of 0 or more" in capsys.readouterr().err


def test_unknown_value_prints_nothing_before_failing(mini: Corpus) -> None:
    buffer = io.StringIO()
    with pytest.raises(UnknownChoice):
        print_tree(mini, ShowOptions(tag="nope"), buffer)
    assert buffer.getvalue() == ""
