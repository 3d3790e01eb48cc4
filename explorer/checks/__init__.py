"""Diagnostics and the validator's rules, one check function per rule code."""
