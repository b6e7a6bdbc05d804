"""`aawgen notebook LANG [DEST]`: write one flavour's notebook again.

The notebook and its paired script are rendered from the project's stored
answers. A file the user changed since aawgen wrote it (the snapshot says
what aawgen wrote) is overwritten only with `--force`, and then its previous
content is kept under `.aawgen/backup/`. Running a notebook is not changing
it: outputs and execution counts are ignored when comparing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from generator.console import file_action, set_quiet
from generator.errors import AawgenError
from generator.questions import FLAVOURS
from generator.writer import ANSWERS_FILE, SNAPSHOT_FILE, STATE_DIR

BACKUP_DIR = f"{STATE_DIR}/backup"


class NotebookEdited(AawgenError):
    """The user changed a notebook that a refresh would overwrite."""


def refresh_notebook(dest: Path, flavour: str, force: bool = False,
                     quiet: bool = False) -> None:
    """Render FLAVOUR's notebook from DEST's answers and write it into DEST."""
    from generator.notebooks import KINDS, notebook_files
    from generator.render import environment

    set_quiet(quiet)
    answers = load_project_answers(dest)
    _check_flavour(flavour, answers["flavours"], KINDS)
    from generator.answers import derive

    files = notebook_files(KINDS[flavour], derive(answers), environment())
    snapshot = read_snapshot(dest)
    actions = {path: _action(dest / path, text, (snapshot or {}).get(path))
               for path, text in files.items()}
    edited = sorted(path for path, action in actions.items() if action == "edited")
    if edited and not force:
        raise NotebookEdited(
            f"{' and '.join(edited)} changed since aawgen wrote "
            f"{'them' if len(edited) > 1 else 'it'}; nothing was written. Keep "
            f"your edits, or run `aawgen notebook {flavour} --force` to replace "
            f"them (the current files are then kept under {BACKUP_DIR}/)"
        )

    for path in sorted(files):
        action = actions[path]
        if action == "unchanged":
            file_action("unchanged", path)
            continue
        if action == "edited":
            _atomic_write(dest / BACKUP_DIR / path, (dest / path).read_bytes())
            file_action("backed up", f"{BACKUP_DIR}/{path}")
        _atomic_write(dest / path, files[path].encode("utf-8"))
        file_action("created" if action == "missing" else "updated", path)
    if snapshot is not None:  # a project without one is not aawgen's to mark
        write_snapshot(dest, {**snapshot, **files})


def load_project_answers(dest: Path) -> dict[str, Any]:
    """The validated answers stored in DEST's `.aawgen/answers.yaml`."""
    from generator import answers as answer_book

    path = dest / ANSWERS_FILE
    if not path.is_file():
        raise AawgenError(
            f"{dest} is not an aawgen project: it has no {ANSWERS_FILE}; "
            "create one with `aawgen new`"
        )
    given = answer_book.load_answers_file(path)
    return answer_book.collect(given, prompter=None, base_dir=dest.absolute())


def _check_flavour(flavour: str, chosen: list[str], kinds: dict) -> None:
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
    if flavour not in kinds:
        raise AawgenError(f"this aawgen cannot build a {flavour} notebook yet")


def _action(path: Path, new: str, rendered: str | None) -> str:
    """missing, unchanged (already the new text), updated, or edited."""
    if not path.is_file():
        return "missing"
    try:
        current = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return "edited"
    if _same(path, current, new):
        return "unchanged"
    if rendered is not None and _same(path, current, rendered):
        return "updated"
    return "edited"


def _same(path: Path, one: str, other: str) -> bool:
    if one == other:
        return True
    if path.suffix != ".ipynb":
        return False
    inputs = _notebook_inputs(one)
    return inputs is not None and inputs == _notebook_inputs(other)


def _notebook_inputs(text: str) -> list | None:
    """What a user writes in a notebook: cell types and sources, not outputs."""
    try:
        cells = json.loads(text)["cells"]
        return [(cell["cell_type"], _joined(cell["source"])) for cell in cells]
    except (ValueError, KeyError, TypeError):
        return None


def _joined(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def read_snapshot(dest: Path) -> dict[str, str] | None:
    """What aawgen last wrote, by relative path; None without a snapshot."""
    try:
        record = json.loads((dest / SNAPSHOT_FILE).read_text(encoding="utf-8"))
        return dict(record["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_snapshot(dest: Path, files: dict[str, str]) -> None:
    from generator.writer import snapshot_text

    text = snapshot_text({path: text.encode("utf-8") for path, text in files.items()})
    _atomic_write(dest / SNAPSHOT_FILE, text.encode("utf-8"))


def _atomic_write(path: Path, content: bytes) -> None:
    """Replace PATH in one step, so an interruption leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
