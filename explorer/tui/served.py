"""The explorer drawn in a browser by `explorer serve`: textual-serve runs it under Textual's web
driver, its standard input and output pipes to the server."""

from __future__ import annotations

from textual import messages
from textual.drivers.web_driver import WebDriver


class ServedDriver(WebDriver):
    """Textual's web driver, which also ends the explorer when the server's end of standard
    input closes. The server asks an explorer to quit when its tab closes; a server stopped
    without asking (killed, crashed) leaves only this end of file, and no tab can reach the
    explorer again."""

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # the input ended, not the app
            self._app.post_message(messages.ExitApp())
