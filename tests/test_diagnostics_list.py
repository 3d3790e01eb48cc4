"""The diagnostics panel's list: errors before warnings, each in the order given, at most
MAX_SHOWN, and a last line that counts the rest (checked against a plain sort)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explorer.checks.diagnostics import Diagnostic
from explorer.tui.widgets.diagnostics import MAX_SHOWN, more_line, shown_diagnostics

diagnostics = st.lists(
    st.builds(
        Diagnostic,
        st.sampled_from(["E001", "E011", "W101", "W102"]),
        st.text(min_size=1, max_size=5),
        st.just("tree.yaml"),
        st.integers(1, 9),
        st.integers(1, 9),
    ),
    max_size=MAX_SHOWN + 40,
)


@given(diagnostics)
def test_errors_come_first_at_most_max_shown_and_the_rest_are_counted(
    found: list[Diagnostic],
) -> None:
    expected = sorted(found, key=lambda d: not d.is_error)[:MAX_SHOWN]  # a stable sort
    assert shown_diagnostics(found) == expected
    more = more_line(found)
    if len(found) <= MAX_SHOWN:
        assert more is None
    else:
        assert more is not None and f"and {len(found) - MAX_SHOWN} more" in more.plain
