"""`aawgen notebook LANG [DEST]`: write one flavour's notebook again.

The notebook and its paired script are rendered from the project's stored
answers. A file the user changed since aawgen wrote it (the snapshot says
what aawgen wrote) is overwritten only with `--force`, and then its previous
content is kept under `.aawgen/backup/<time>/`, as regenerate keeps it.
Running a notebook is not changing it: outputs and execution counts are
ignored when comparing.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.console import file_action, set_quiet
from generator.errors import AawgenError
from generator.questions import FLAVOURS
from generator.writer import SNAPSHOT_FILE, STATE_DIR, replace_file, write_backup

BACKUP_DIR = f"{STATE_DIR}/backup"


class NotebookEdited(AawgenError):
    """The user changed a notebook that a refresh would overwrite."""


def refresh_notebook(dest: Path, flavour: str, force: bool = False,
                     quiet: bool = False) -> None:
    """Render FLAVOUR's notebook from DEST's answers and write it into DEST."""
    from generator.answers import derive
    from generator.notebooks import notebook_files, shared_environment

    set_quiet(quiet)
    answers = load_project_answers(dest)
    kind = _notebook_kind(flavour, answers["flavours"])
    files = {
        path: text.encode("utf-8")
        for path, text in notebook_files(kind, derive(answers),
                                         shared_environment()).items()
    }
    snapshot = _snapshot_or_none(dest)
    actions = {path: _action(dest / path, content, (snapshot or {}).get(path))
               for path, content in files.items()}
    edited = sorted(path for path, action in actions.items() if action == "edited")
    if edited and not force:
        them = "them" if len(edited) > 1 else "it"
        raise NotebookEdited(
            f"{' and '.join(edited)} changed since aawgen wrote {them}; nothing "
            f"was written. Keep your edits, or run `aawgen notebook {flavour} "
            f"--force` to replace {them} (a copy goes under {BACKUP_DIR}/)"
        )
    _write(dest, files, actions)
    if snapshot is not None:  # without one, the files stay the user's own
        from generator.writer import snapshot_text

        text = snapshot_text({**snapshot, **files})
        replace_file(dest / SNAPSHOT_FILE, text.encode("utf-8"))


def load_project_answers(dest: Path) -> dict[str, Any]:
    """The validated answers stored in DEST's `.aawgen/answers.yaml`."""
    from generator.answers import collect
    from generator.snapshot import read_answers

    return collect(read_answers(dest), prompter=None, base_dir=dest.absolute())


def _notebook_kind(flavour: str, chosen: list[str]):
    from generator.notebooks import buildable_kind

    if flavour not in FLAVOURS:
        raise AawgenError(
            f"no flavour {flavour!r}; choose one of {', '.join(FLAVOURS)}"
        )
    if flavour not in chosen:
        raise AawgenError(
            f"this project has no {flavour} flavour (it has {', '.join(chosen)}); "
            f"add it with `aawgen regenerate --set flavours="
            f"{','.join([*chosen, flavour])}`"
        )
    kind = buildable_kind(flavour)
    if kind is None:
        raise AawgenError(f"this aawgen cannot build a {flavour} notebook yet")
    return kind


def _snapshot_or_none(dest: Path) -> dict[str, bytes] | None:
    from generator.snapshot import ProjectStateError, read_snapshot

    try:
        return read_snapshot(dest)
    except ProjectStateError:
        return None


def _action(path: Path, new: bytes, rendered: bytes | None) -> str:
    """missing, unchanged (already the new text), updated, or edited."""
    if not path.is_file():
        return "missing"
    current = path.read_bytes()
    if _same(path, current, new):
        return "unchanged"
    if rendered is not None and _same(path, current, rendered):
        return "updated"
    return "edited"


def _same(path: Path, one: bytes, other: bytes) -> bool:
    if one == other:
        return True
    if path.suffix != ".ipynb":
        return False
    inputs = _notebook_inputs(one)
    return inputs is not None and inputs == _notebook_inputs(other)


def _notebook_inputs(content: bytes) -> list | None:
    """What a user writes in a notebook: cell types and sources, not outputs."""
    try:
        cells = json.loads(content)["cells"]
        return [(cell["cell_type"], _joined(cell["source"])) for cell in cells]
    except (ValueError, KeyError, TypeError):
        return None


def _joined(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def _write(dest: Path, files: dict[str, bytes], actions: dict[str, str]) -> None:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = dest / BACKUP_DIR / stamp
    for path in sorted(files):
        action = actions[path]
        if action == "unchanged":
            file_action("unchanged", path)
            continue
        if action == "edited":
            write_backup(dest, backup, path)
            file_action("backed up", f"{BACKUP_DIR}/{stamp}/{path}")
        replace_file(dest / path, files[path])
        file_action("created" if action == "missing" else "updated", path)
