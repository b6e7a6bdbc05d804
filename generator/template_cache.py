"""Compiled templates kept between runs, in the user's cache folder.

Compiling aawgen's templates costs more than rendering them, and they only
change when aawgen does. Jinja checks each cached entry against a checksum
of its template's source; the folder name also holds everything else the
compiled code depends on (the versions of aawgen, Jinja and Python, where
the templates live, the environment's syntax options), so a change to any
of them starts a fresh folder instead of reusing stale code.

The cache is best effort: a folder that cannot be made private to the user,
or an entry that cannot be read or written, means compiling as if there
were no cache. `AAWGEN_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path
from typing import Any

from generator import __version__


def bytecode_cache(env: Any, templates: Path) -> Any | None:
    """A bytecode cache for `env`, or None when none can be used safely."""
    if os.environ.get("AAWGEN_NO_CACHE"):
        return None
    folder = _private_folder(_cache_root() / f"jinja-{_fingerprint(env, templates)}")
    if folder is None:
        return None

    import jinja2

    class BestEffortCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged entry is a miss, compiled afresh
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return BestEffortCache(str(folder), pattern="%s.jinja-cache")


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aawgen"


def _fingerprint(env: Any, templates: Path) -> str:
    """What compiled code depends on besides the template's own source: every
    plain setting of the environment (delimiters, whitespace options, the
    i18n extension's newstyle_gettext...), its plain policies (such as
    ext.i18n.trimmed), its extensions and finalize, and the versions."""
    import jinja2

    plain = str | bool | int | float | None
    settings = sorted(
        (name, value) for name, value in vars(env).items()
        if isinstance(value, plain) and name != "bytecode_cache"
    )
    policies = sorted(
        (name, value) for name, value in env.policies.items()
        if isinstance(value, plain)
    )
    finalize = (
        getattr(env.finalize, "__qualname__", None),
        str(getattr(env.finalize, "jinja_pass_arg", None)),
    )
    text = repr((
        __version__, jinja2.__version__, sys.version, str(templates),
        settings, policies, finalize, sorted(env.extensions), repr(env.autoescape),
    ))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _private_folder(folder: Path) -> Path | None:
    """The folder, made if needed; None unless it is the user's alone, since
    its entries are loaded as code."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    return folder
