"""The compare matrix (questions × voices) as Markdown, CSV or JSON, for `explorer compare`."""

from __future__ import annotations

import csv
import io
import json

from explorer.analysis.queries import CorpusIndex
from explorer.analysis.walks import Cell, Matrix, compare_matrix
from explorer.model import Node
from explorer.outputs.markdown import inline
from explorer.outputs.show import check_tag


def cell_text(cell: Cell | None) -> str:
    if cell is None:
        return ""

    def title(node: Node) -> str:
        return f"{node.title} (as reported)" if node.id in cell.reported else node.title

    parts = [title(node) for node in cell.alternatives]
    parts += [f"against: {title(node)}" for node in cell.against]
    return "; ".join(parts)


def to_markdown(matrix: Matrix) -> str:
    if not matrix.questions:
        return "No questions to compare.\n"
    out = ["| question | " + " | ".join(inline(v.name) for v in matrix.voices) + " |"]
    out.append("|" + " --- |" * (len(matrix.voices) + 1))
    for question in matrix.questions:
        cells = [inline(cell_text(matrix.cell(question.id, v.key))) or "—" for v in matrix.voices]
        out.append(f"| {inline(question.title)} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def to_csv(matrix: Matrix) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["question_id", "question", *(v.key for v in matrix.voices)])
    for question in matrix.questions:
        writer.writerow(
            [
                question.id,
                question.title,
                *(cell_text(matrix.cell(question.id, v.key)) for v in matrix.voices),
            ]
        )
    return buffer.getvalue()


def to_json(matrix: Matrix) -> str:
    data = {
        "voices": [{"key": v.key, "name": v.name} for v in matrix.voices],
        "questions": [
            {
                "id": q.id,
                "title": q.title,
                "alternatives": [c.id for c in q.children],
                "cells": {
                    v.key: {
                        "for": [n.id for n in cell.alternatives],
                        "against": [n.id for n in cell.against],
                        "stances": [s.value for s in cell.stances],
                        "reported": sorted(cell.reported),
                    }
                    for v in matrix.voices
                    if (cell := matrix.cell(q.id, v.key)) is not None
                },
            }
            for q in matrix.questions
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(index: CorpusIndex, format_name: str, tag: str | None) -> str:
    """What `explorer compare` prints; raises UnknownChoice for a tag no node carries."""
    if tag is not None:
        check_tag(index, tag)
    matrix = compare_matrix(index, tag)
    return {"csv": to_csv, "json": to_json}.get(format_name, to_markdown)(matrix)
