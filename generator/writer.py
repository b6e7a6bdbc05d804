"""Write a project all at once: a staging folder beside DEST, then one move.

A project is never half-written: an error or Ctrl-C while staging removes
the staging folder and leaves DEST as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from generator import __version__
from generator.errors import DestinationError
from generator.i18n import _

STATE_DIR = ".aawgen"
SNAPSHOT_FILE = f"{STATE_DIR}/snapshot.json"
ANSWERS_FILE = f"{STATE_DIR}/answers.yaml"
# The render a regeneration is writing, kept until it has finished: after an
# interrupt, a file equal to it is known to be ours, not the user's.
PENDING_FILE = f"{STATE_DIR}/pending.json"


def check_destination(dest: Path) -> None:
    """Refuse a destination that holds anything: its files are the user's."""
    try:
        _check_destination(dest)
    except OSError as error:
        raise DestinationError(
            f"cannot use {str(dest)[:80]!r}: {error.strerror}; give another folder"
        ) from None


def _check_destination(dest: Path) -> None:
    if dest.is_file() or dest.is_symlink() and not dest.exists():
        raise DestinationError(
            _("%(dest)s is a file; give a new or empty folder") % {"dest": dest}
        )
    if dest.is_dir() and any(dest.iterdir()):
        # The regenerate hint only where there is a project to regenerate.
        if not (dest / ANSWERS_FILE).is_file():
            raise DestinationError(
                _("%(dest)s is not empty; give a new or empty folder")
                % {"dest": dest}
            )
        raise DestinationError(
            _("%(dest)s is not empty; give a new or empty folder, or run "
              "`aawgen regenerate %(dest)s` to update a project there")
            % {"dest": dest}
        )


def snapshot_text(files: dict[str, bytes]) -> str:
    """The record of exactly what was rendered, used as the merge base."""
    record = {
        "aawgen": __version__,
        "files": {path: files[path].decode("utf-8") for path in sorted(files)},
    }
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"


def write_new(dest: Path, files: dict[str, bytes], answers_yaml: str) -> None:
    """Create DEST holding `files`, the answers and the snapshot."""
    check_destination(dest)
    dest = dest.absolute()
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    except OSError as error:
        raise DestinationError(
            f"cannot create {dest}: {error.strerror}; give another folder"
        ) from None
    try:
        for relative, content in files.items():
            _write(staging / relative, content)
        _write(staging / ANSWERS_FILE, answers_yaml.encode("utf-8"))
        _write(staging / SNAPSHOT_FILE, snapshot_text(files).encode("utf-8"))
        staging.chmod(0o777 & ~_umask())
        if dest.is_dir():
            dest.rmdir()  # empty, checked above; rename cannot replace it
        os.rename(staging, dest)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise DestinationError(
            f"cannot create {dest}: {error.strerror}; give another folder"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace_file(path: Path, content: bytes) -> None:
    """Write a file so that it is, at every instant, either old or new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_backup(dest: Path, backup: Path, relative: str) -> None:
    """Keep a copy of a file before it changes (nothing to keep if absent)."""
    source = dest / relative
    if source.is_file():
        copy = backup / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy)
