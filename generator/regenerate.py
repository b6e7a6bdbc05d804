"""`aawgen regenerate` and `aawgen check`: re-render and merge, file by file.

The snapshot of the last render is the merge base. A file the user did not
touch takes the new render; a file only the user changed is kept; a file both
changed is merged three-way. Every file about to change is first copied
under `.aawgen/backup/<time>/`, and the snapshot and answers are replaced
only after every file was written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.console import file_action, say, set_quiet
from generator.errors import AawgenError
from generator.writer import ANSWERS_FILE, SNAPSHOT_FILE, STATE_DIR

BESIDE_SUFFIX = ".regenerated"
SHOWN = ("created", "updated", "merged", "conflict", "kept", "removed",
         "deleted")


@dataclass(frozen=True)
class Change:
    path: str
    action: str
    content: bytes | None = None  # what the file becomes; None: leave or remove
    beside: bytes | None = None  # the new render, written next to a conflict
    note: str = ""


def plan_file(path: str, base: bytes | None, new: bytes | None,
              current: bytes | None) -> Change:
    """Decide what happens to one file; pure, so it is easy to test."""
    from generator.merge import merge_notebook, merge_text

    if new is None:  # the new answers no longer produce it
        if current is None or base is None:
            return Change(path, "unchanged")
        if current == base:
            return Change(path, "removed")
        return Change(path, "kept", note="no longer generated; edited by you")
    if current is None:
        if base is None:
            return Change(path, "created", content=new)
        if new == base:
            return Change(path, "unchanged")
        return Change(path, "deleted", note="deleted by you; left deleted")
    if current == new:
        return Change(path, "unchanged")
    if base is None:  # no record of what we wrote: the file is the user's
        return Change(path, "conflict", beside=new,
                      note=f"yours kept; new render in {path}{BESIDE_SUFFIX}")
    if current == base:
        return Change(path, "updated", content=new)
    if new == base:
        return Change(path, "unchanged", note="edited by you")
    merge = merge_notebook if path.endswith(".ipynb") else merge_text
    merged = merge(base, current, new)
    if not merged.conflicts:
        return Change(path, "merged", content=merged.content)
    if path.endswith(".ipynb"):
        return Change(path, "conflict", beside=new,
                      note=f"cells clash; new render in {path}{BESIDE_SUFFIX}")
    return Change(path, "conflict", content=merged.content,
                  note=f"{merged.conflicts} clash(es) marked in the file")


def plan_changes(dest: Path, snapshot: dict[str, bytes] | None,
                 files: dict[str, bytes],
                 pending: dict[str, bytes] | None = None) -> list[Change]:
    """Plan every file; `pending` is what an interrupted run had rendered."""
    base_files = snapshot or {}
    pending = pending or {}
    changes = []
    for path in sorted(set(base_files) | set(files)):
        target = dest / path
        current = target.read_bytes() if target.is_file() else None
        base = base_files.get(path)
        if current is not None and current == pending.get(path):
            base = current  # written by the interrupted run, not by the user
        changes.append(plan_file(path, base, files.get(path), current))
    return changes


def regenerate_project(
    dest: Path,
    answers_file: Path | None = None,
    sets: list[str] | None = None,
    dry_run: bool = False,
    show_diff: bool = False,
    as_json: bool = False,
    adopt: bool = False,
    quiet: bool = False,
) -> int:
    """Re-render DEST with the changed answers; returns the exit code."""
    from generator import answers as answer_book
    from generator.project import render
    from generator.snapshot import read_pending, read_snapshot

    set_quiet(quiet or as_json)
    given = _given_answers(dest, answers_file, sets or [])
    snapshot = None if adopt else read_snapshot(dest)
    answers = answer_book.collect(given)
    files = render(answers)
    changes = plan_changes(dest, snapshot, files, read_pending(dest))

    if show_diff:
        _show_diffs(dest, changes)
    backup = None
    if not dry_run:
        from generator.writer import PENDING_FILE, replace_file, snapshot_text

        new_snapshot = snapshot_text(files).encode("utf-8")
        replace_file(dest / PENDING_FILE, new_snapshot)
        backup = apply_changes(dest, changes, {
            SNAPSHOT_FILE: new_snapshot,
            ANSWERS_FILE: answer_book.dump(answers).encode("utf-8"),
        })
        (dest / PENDING_FILE).unlink()
    _report(changes, backup, dest, dry_run, as_json)
    return 1 if any(change.action == "conflict" for change in changes) else 0


def _given_answers(
    dest: Path, answers_file: Path | None, sets: list[str]
) -> dict[str, Any]:
    """Stored answers, overridden by an answers file, then by `--set`."""
    from generator.answers import load_answers_file, parse_sets
    from generator.snapshot import read_answers

    # A project whose answers file is lost can still be regenerated from a
    # file the user gives; otherwise the stored answers are the starting point.
    given = {}
    if answers_file is None or (dest / ANSWERS_FILE).is_file():
        given = read_answers(dest)
    if answers_file is not None:
        given.update(load_answers_file(answers_file))
    given.update(parse_sets(sets))
    return given


def apply_changes(dest: Path, changes: list[Change],
                  state: dict[str, bytes]) -> Path | None:
    """Write every change, backing up each file first; state files go last."""
    from generator.writer import replace_file, write_backup

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = dest / STATE_DIR / "backup" / stamp
    touched = False
    for change in changes:
        target = dest / change.path
        if change.action == "removed":
            write_backup(dest, backup, change.path)
            target.unlink()
            _prune_empty_parents(target.parent, dest)
            touched = True
        elif change.content is not None:
            write_backup(dest, backup, change.path)
            replace_file(target, change.content)
            touched = True
        if change.beside is not None:
            beside = change.path + BESIDE_SUFFIX
            write_backup(dest, backup, beside)
            replace_file(dest / beside, change.beside)
            touched = True
    unchanged_state = all(
        (dest / name).is_file() and (dest / name).read_bytes() == content
        for name, content in state.items()
    )
    if not touched and unchanged_state:
        return None
    for name, content in state.items():
        write_backup(dest, backup, name)
        replace_file(dest / name, content)
    return backup


def _prune_empty_parents(folder: Path, dest: Path) -> None:
    while folder != dest and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _show_diffs(dest: Path, changes: list[Change]) -> None:
    import difflib

    for change in changes:
        if change.content is None and change.action != "removed":
            continue
        target = dest / change.path
        old = target.read_bytes() if target.is_file() else b""
        new = change.content or b""
        diff = difflib.unified_diff(
            old.decode("utf-8", "replace").splitlines(True),
            new.decode("utf-8", "replace").splitlines(True),
            fromfile=f"a/{change.path}", tofile=f"b/{change.path}",
        )
        say("".join(diff), end="")


def _report(changes: list[Change], backup: Path | None, dest: Path,
            dry_run: bool, as_json: bool) -> None:
    shown = [change for change in changes if change.action in SHOWN]
    if as_json:
        rows = [{"path": c.path, "action": c.action, "note": c.note} for c in shown]
        print(json.dumps({"dry_run": dry_run, "changes": rows,
                          "backup": str(backup) if backup else None}, indent=1))
        return
    for change in shown:
        file_action(change.action, change.path + (f"  ({change.note})"
                                                  if change.note else ""))
    if not shown:
        say("Nothing to change: the project is up to date.")
    elif dry_run:
        say("Dry run: nothing was written.")
    if backup is not None:
        relative = backup.relative_to(dest)
        say(f"Previous versions saved in {relative}; to restore them: "
            f"cp -a {relative}/. {dest}/")


def check_project(dest: Path, as_json: bool = False) -> int:
    """Report drift: user edits, what a regeneration would change, bad answers."""
    from generator import answers as answer_book
    from generator.project import render
    from generator.snapshot import read_answers, read_pending, read_snapshot

    set_quiet(as_json)
    snapshot = read_snapshot(dest)
    edited = []
    for path, content in sorted(snapshot.items()):
        target = dest / path
        if not target.is_file():
            edited.append({"path": path, "state": "deleted"})
        elif target.read_bytes() != content:
            edited.append({"path": path, "state": "edited"})
    problem = None
    pending: list[dict[str, str]] = []
    try:
        answers = answer_book.collect(read_answers(dest))
        changes = plan_changes(dest, snapshot, render(answers), read_pending(dest))
        pending = [{"path": c.path, "action": c.action} for c in changes
                   if c.action in SHOWN and c.action != "deleted"]
    except AawgenError as error:
        problem = str(error)
    if as_json:
        print(json.dumps({"edited": edited, "regeneration": pending,
                          "answers_problem": problem}, indent=1))
    else:
        for row in edited:
            say(f"{row['state']:>9} {row['path']}  (by you)")
        for row in pending:
            say(f"{row['action']:>9} {row['path']}  (by a regeneration)")
        if problem:
            say(f"answers no longer valid: {problem}")
        if not (edited or pending or problem):
            say("No drift: the project matches its answers and snapshot.")
    return 1 if edited or pending or problem else 0
