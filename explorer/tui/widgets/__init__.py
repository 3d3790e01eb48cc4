"""Widgets of the explorer; each builds its text from literal strings, never from markup."""
