"""The one error importing raises: a sentence for the user, exit 2, nothing written."""

from __future__ import annotations

from explorer.reading.locate import Refused


class ImportRefused(Refused):
    """The page cannot become a seed (unreadable, not an article, refused address …)."""
