"""Three-way merge of one file: the user's version, the snapshot, the new render.

Text files go through merge3 (the line-based merge Breezy uses, as a small
well-kept library) rather than a diff of our own. Notebooks are merged as
text too, since aawgen writes them with stable cell ids and one source line
per JSON line, but the result must also be a valid notebook; when it is not,
or cells clash, the user's notebook is kept and the new render goes beside it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

LABELS = {"name_a": "yours", "name_base": "snapshot", "name_b": "regenerated"}


@dataclass(frozen=True)
class Merged:
    content: bytes
    conflicts: int  # number of clashing regions; 0 means a clean merge


def merge_text(base: bytes, yours: bytes, regenerated: bytes) -> Merged:
    import merge3

    base_lines = _lines(base)
    your_lines = _lines(yours)
    new_lines = _lines(regenerated)
    merger = merge3.Merge3(base_lines, your_lines, new_lines)
    conflicts = sum(1 for region in merger.merge_regions() if region[0] == "conflict")
    merged = "".join(merger.merge_lines(base_marker="|||||||", **LABELS))
    return Merged(merged.encode("utf-8", errors="surrogateescape"), conflicts)


def merge_notebook(base: bytes, yours: bytes, regenerated: bytes) -> Merged:
    """A clean merge only if the merged text is still a valid notebook."""
    merged = merge_text(base, yours, regenerated)
    if merged.conflicts:
        return Merged(yours, merged.conflicts)
    if not _valid_notebook(merged.content):
        return Merged(yours, 1)
    return merged


def _valid_notebook(content: bytes) -> bool:
    import nbformat

    try:
        notebook = nbformat.reads(content.decode("utf-8"), as_version=4)
        nbformat.validate(notebook)
    except (ValueError, UnicodeDecodeError, json.JSONDecodeError,
            nbformat.ValidationError):
        return False
    return True


def _lines(content: bytes) -> list[str]:
    return content.decode("utf-8", errors="surrogateescape").splitlines(True)
