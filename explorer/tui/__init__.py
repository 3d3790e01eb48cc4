"""The Textual explorer: screens, widgets and the command-palette search over a loaded corpus."""
