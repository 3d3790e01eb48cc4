"""Printed forms of a corpus: JSON, Markdown, Mermaid, DOT, the tree, walks, the matrix, the
scorecard."""
