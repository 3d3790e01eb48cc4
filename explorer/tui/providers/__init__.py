"""Command-palette providers."""
