"""Scenario Explorer: competing predictions as cited YAML scenario trees."""

__version__ = "0.1.0"
