"""`explorer serve` without a browser: where it listens, the warning for other hosts, what each
tab runs, and the not-a-terminal rule that must not fire under Textual's web driver."""

from __future__ import annotations

import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.cli import main
from explorer.tui import serve_command
from explorer.tui.app import ExplorerApp
from explorer.tui.serve_command import app_command, exposure_warning, is_local, public_url

MINI = Path(__file__).parent / "fixtures" / "mini"
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"  # what textual-serve sets


class FakeServer:
    """Stands in for textual-serve's Server: notes how it was made and that it was started."""

    made: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, command: str, **options: Any) -> None:
        FakeServer.made.append({"command": command, **options})

    def serve(self) -> None:
        FakeServer.made[-1]["served"] = True


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import textual_serve.server

    FakeServer.made = []
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    return FakeServer.made


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_addresses_are_local_and_get_no_warning(host: str) -> None:
    assert is_local(host)
    assert exposure_warning(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.org"])
def test_any_other_host_is_warned_about_in_one_sentence(host: str) -> None:
    warning = exposure_warning(host)
    assert warning is not None
    assert f"listening on {host}" in warning
    assert "anyone who can reach this address can read the corpus" in warning
    assert "\n" not in warning


def test_serve_listens_on_127_0_0_1_by_default_without_a_warning(
    fake_server: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(MINI)]) == 0
    (made,) = fake_server
    assert (made["host"], made["port"], made["public_url"]) == (
        "127.0.0.1",
        8000,
        "http://127.0.0.1:8000",
    )
    assert made["served"]
    out, err = capsys.readouterr()
    assert err == ""
    assert "serving tests/fixtures/mini at http://127.0.0.1:8000 (read-only)" in out


def test_serve_on_another_host_warns_before_it_starts(
    fake_server: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123", str(MINI)]) == 0
    (made,) = fake_server
    assert (made["host"], made["port"]) == ("0.0.0.0", 8123)
    err = capsys.readouterr().err
    assert err.startswith("explorer: warning: listening on 0.0.0.0: anyone who can reach")


def test_public_url_is_what_the_page_connects_back_to(
    fake_server: list[dict[str, Any]],
) -> None:
    url = "https://explorer.example.org"
    assert main(["serve", "--host", "0.0.0.0", "--public-url", url, str(MINI)]) == 0
    assert fake_server[0]["public_url"] == url
    assert public_url("::1", 8000) == "http://[::1]:8000"


def test_each_tab_runs_this_python_s_explorer_on_the_corpus_by_its_absolute_path(
    fake_server: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(MINI.parent)
    assert main(["serve", "mini"]) == 0
    argv = shlex.split(fake_server[0]["command"])
    assert argv == [sys.executable, "-m", "explorer", str(MINI.resolve())]


@given(st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\0"), min_size=1))
def test_the_tab_command_keeps_any_folder_name_whole_through_the_shell(name: str) -> None:
    # textual-serve runs the command through a shell: quotes, spaces, `$(…)` stay a name.
    folder = Path("/corpora") / name.replace("/", "_")
    assert shlex.split(app_command(folder))[-1] == str(folder.resolve())


def test_an_unreadable_path_is_a_sentence_before_any_server_starts(
    fake_server: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path / "nowhere")]) == 2
    assert fake_server == []
    err = capsys.readouterr().err
    assert err.startswith("explorer: ") and "Traceback" not in err


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_a_port_out_of_range_is_a_usage_error(
    port: str, fake_server: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--port", port, str(MINI)])
    assert exit_info.value.code == 2
    assert f"'{port}' is not a port number (1 to 65535)" in capsys.readouterr().err
    assert fake_server == []


def test_a_port_in_use_is_a_sentence_not_a_traceback() -> None:
    # In a process of its own: serving sets up logging and signal handlers for good.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "explorer", "serve", "--port", str(port), str(MINI)],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.startswith(f"explorer: cannot listen on 127.0.0.1 port {port}: ")
    assert "Traceback" not in result.stderr


def test_under_the_web_driver_explorer_opens_the_app_served_not_the_printed_tree(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """textual-serve runs `explorer PATH` with pipes for stdin and stdout: the not-a-terminal
    rule must let the app start (else the page says the application failed to start)."""
    started: list[bool] = []
    monkeypatch.setattr(ExplorerApp, "run", lambda self: started.append(self.served))
    monkeypatch.setenv("TEXTUAL_DRIVER", WEB_DRIVER)
    assert main([str(MINI)]) == 0
    assert started == [True]
    assert capsys.readouterr().out == ""


def test_without_a_terminal_or_the_web_driver_explorer_prints_the_tree(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[bool] = []
    monkeypatch.setattr(ExplorerApp, "run", lambda self: started.append(self.served))
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert main([str(MINI)]) == 0
    assert started == []
    assert "harbour" in capsys.readouterr().out.lower()
    assert not serve_command.in_browser()
