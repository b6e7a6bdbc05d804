"""Read a CSV's header and a sample: column kinds, safe names, the task.

Only the standard library is used so that `aawgen new` starts fast; the
sample is enough to offer columns and infer types, and the generated
pipelines do the real reading.
"""

from __future__ import annotations

import csv
import io
import keyword
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import DatasetError
from generator.i18n import _
from generator.quoting import ascii_fold

SAMPLE_ROWS = 2000

# Cells that pandas and readr both read as missing by default.
MISSING_MARKERS = frozenset({
    "", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "NULL", "null",
    "None", "<NA>", "#N/A", "#NA",
})
SAS_NAME_BYTES = 32

# Words no flavour may use as a bare column name (Python keywords are fine as
# DataFrame columns, but R and SAS code is clearer without them).
_RESERVED = frozenset(
    {"if", "else", "for", "while", "function", "repeat", "break", "next",
     "true", "false", "null", "na", "inf", "nan", "in", "prediction", "_n_",
     "_error_", "selected", "data", "run", "proc", "quit", "endsas"}
    | set(keyword.kwlist)
)


@dataclass(frozen=True)
class Column:
    name: str
    safe: str
    kind: str  # numeric or categorical
    missing: int
    distinct: int


@dataclass(frozen=True)
class Sample:
    path: Path
    encoding: str
    delimiter: str
    columns: tuple[Column, ...]
    rows: int
    target_values: dict[str, tuple[str, ...]]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        known = ", ".join(c.name for c in self.columns)
        raise DatasetError(_("%(path)s: no column %(name)s; columns are: %(known)s")
                           % {"path": self.path, "name": repr(name), "known": known})


def read_sample(path: Path) -> Sample:
    """Read the header and up to SAMPLE_ROWS rows of a CSV file."""
    raw = _read_head(path)
    encoding, text = _decode(raw, path)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise DatasetError(
            _("%(path)s: the file is empty; give a CSV with a header") % {"path": path}
        ) from None
    except csv.Error as error:
        raise DatasetError(_("%(path)s: not a readable CSV (%(error)s)")
                           % {"path": path, "error": error}) from None
    if len(header) < 2:
        raise DatasetError(
            _("%(path)s: found %(count)d column; a dataset needs a target and at "
              "least one feature (is the delimiter ',' or ';'?)")
            % {"path": path, "count": len(header)}
        )
    _check_header(header, path)
    rows = _sample_rows(reader, len(header), path)
    safe = safe_names(header)
    columns = []
    values_by_column = {}
    for index, name in enumerate(header):
        values = [row[index].strip() for row in rows]
        present = [v for v in values if v not in MISSING_MARKERS]
        values_by_column[name] = tuple(sorted(set(present)))
        columns.append(
            Column(
                name=name,
                safe=safe[index],
                kind="numeric" if present and all(map(_is_number, present))
                else "categorical",
                missing=len(values) - len(present),
                distinct=len(set(present)),
            )
        )
    return Sample(path, encoding, delimiter, tuple(columns), len(rows),
                  values_by_column)


def _check_header(header: list[str], path: Path) -> None:
    """Every column needs a name of its own: the pipelines find columns by it."""
    for position, name in enumerate(header, start=1):
        if not name.strip():
            raise DatasetError(
                f"{path}: column {position} has no name in the header; name it"
            )
    seen = set()
    for name in header:
        if name in seen:
            raise DatasetError(
                f"{path}: two columns are named {name!r}; rename one in the header"
            )
        seen.add(name)


def infer_task(sample: Sample, target: str) -> str:
    """Classification unless the target is numeric with many distinct values."""
    column = sample.column(target)
    if column.kind == "categorical":
        return "classification"
    present = sample.rows - column.missing
    many = column.distinct > 20 and column.distinct > 0.05 * present
    all_integers = all(v.lstrip("-").isdigit() for v in sample.target_values[target])
    if many or not all_integers:
        return "regression"
    return "classification"


def safe_names(names: list[str]) -> list[str]:
    """One safe name per column, valid in Python, R and SAS V7 alike.

    Lowercase snake case of the accent-free name (what janitor's clean_names
    gives), a leading digit prefixed with 'x', at most 32 bytes for SAS, and
    duplicates numbered.
    """
    result: list[str] = []
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        base = _snake(name) or f"column_{position}"
        if base[0].isdigit():
            base = "x" + base
        base = base[:SAS_NAME_BYTES].rstrip("_") or f"column_{position}"
        if base in _RESERVED:
            base = base[: SAS_NAME_BYTES - 1] + "_"
        candidate = base
        counter = 2
        while candidate in seen:
            suffix = f"_{counter}"
            candidate = base[: SAS_NAME_BYTES - len(suffix)] + suffix
            counter += 1
        seen.add(candidate)
        result.append(candidate)
    return result


def _snake(name: str) -> str:
    text = ascii_fold(name)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
    text = re.sub(r"[^A-Za-z0-9]+", "_", text)
    return text.strip("_").lower()


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return value.lower() not in {"nan", "inf", "-inf", "infinity", "-infinity"}


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            # Enough bytes for the sample; cut at the last full line below.
            return handle.read(4 * 1024 * 1024)
    except FileNotFoundError:
        raise DatasetError(
            _("answer 'dataset': %(path)s does not exist; give the path of a CSV "
              "file") % {"path": repr(str(path))}
        ) from None
    except IsADirectoryError:
        raise DatasetError(
            _("answer 'dataset': %(path)s is a folder; give a CSV file")
            % {"path": repr(str(path))}
        ) from None
    except OSError as error:
        raise DatasetError(_("answer 'dataset': cannot read %(path)s: %(error)s")
                           % {"path": path, "error": error}) from None


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    if b"\x00" in raw[:4096]:
        raise DatasetError(
            _("%(path)s: binary content; give a CSV text file") % {"path": path}
        )
    if len(raw) == 4 * 1024 * 1024:
        raw = raw[: raw.rfind(b"\n") + 1] or raw
    try:
        text = raw.decode("utf-8-sig")
        return ("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"), text
    except UnicodeDecodeError:
        # Government extracts are often Windows Latin-1; cp1252 decodes them
        # and every byte has a meaning in latin-1 as the last resort.
        for encoding in ("cp1252", "latin-1"):
            try:
                return encoding, raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    # latin-1 never fails
    raise DatasetError(_("%(path)s: unknown text encoding") % {"path": path})


def _sniff_delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _sample_rows(reader, width: int, path: Path) -> list[list[str]]:
    rows = []
    try:
        for line_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                raise DatasetError(
                    _("%(path)s: line %(line)d has %(fields)d fields, the header "
                      "has %(width)d; fix the file or its delimiter")
                    % {"path": path, "line": line_number, "fields": len(row),
                       "width": width}
                )
            rows.append(row)
            if len(rows) >= SAMPLE_ROWS:
                break
    except csv.Error as error:
        raise DatasetError(_("%(path)s: not a readable CSV (%(error)s)")
                           % {"path": path, "error": error}) from None
    if not rows:
        raise DatasetError(
            _("%(path)s: the file has a header but no rows") % {"path": path}
        )
    return rows
