"""Check Argo workflow files offline, as ``argo lint`` would.

Three layers, each reported as one line per problem with the file, the path
inside the document and what to do: the YAML must parse (with the line of
the error) and hold no duplicate keys; each document must match the Argo
JSON schema for its ``kind`` with unknown keys rejected; and every name and
``{{...}}`` reference must resolve.
"""

from pathlib import Path

from generator.validate import Problem
from generator.validate.argo_schema import DEFAULT_VERSION, KINDS, check_schema
from generator.validate.argo_semantics import check_semantics
from generator.validate.docpath import DocPath, format_path, line_of

Finding = tuple[DocPath, str]


def check_workflow_file(
    path: Path | str, *, shown_as: str | None = None, version: str = DEFAULT_VERSION
) -> list[Problem]:
    """Every problem of one workflow YAML file (all its documents).

    ``shown_as`` is the name problems carry, for instance a path relative to
    the project; by default the path as given.
    """
    path = Path(path)
    file = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [Problem(file, "", "is not UTF-8 text: save it as UTF-8")]
    except OSError as error:
        return [Problem(file, "", f"cannot be read ({error.strerror})")]
    return check_workflow_text(text, file, version=version)


def check_workflow_text(
    text: str, file: str, *, version: str = DEFAULT_VERSION
) -> list[Problem]:
    """Like :func:`check_workflow_file`, for YAML already in memory."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        nodes = list(yaml.compose_all(text, Loader=loader))
        docs = list(yaml.load_all(text, Loader=loader))
    except yaml.MarkedYAMLError as error:
        return [_parse_problem(error, file)]
    except yaml.YAMLError as error:
        return [Problem(file, "", f"YAML does not parse: {error}")]

    pairs = [
        (node, doc) for node, doc in zip(nodes, docs, strict=False) if doc is not None
    ]
    if not pairs:
        return [Problem(file, "", "holds no YAML document: write the Workflow in it")]

    problems = []
    for number, (node, doc) in enumerate(pairs, start=1):
        label = f"document {number}" if len(pairs) > 1 else ""
        findings = _duplicate_keys(node, ()) + _check(doc, version)
        # Reading order: problems sorted by the line they start on.
        findings.sort(key=lambda finding: line_of(node, finding[0]) or 0)
        problems += [
            _problem(file, label, path, message, node) for path, message in findings
        ]
    return problems


def check_document(
    doc: object, file: str, *, version: str = DEFAULT_VERSION
) -> list[Problem]:
    """Every problem of one loaded document (no line numbers: no source)."""
    return [_problem(file, "", path, message) for path, message in _check(doc, version)]


def _check(doc: object, version: str) -> list[Finding]:
    if not isinstance(doc, dict):
        return [((), "must be a mapping with apiVersion, kind, metadata and spec")]
    kind = doc.get("kind")
    if kind is None:
        return [((), "has no kind: add kind: Workflow (or WorkflowTemplate)")]
    if kind not in KINDS:
        return [
            (
                ("kind",),
                f"kind {kind!r} is not an Argo workflow kind: "
                f"use one of {', '.join(KINDS)}",
            )
        ]
    return check_schema(doc, kind, version) + check_semantics(doc, kind)


def _problem(file: str, label: str, path: DocPath, message: str, node=None) -> Problem:
    where = format_path(path)
    line = line_of(node, path) if node is not None else None
    if line is not None:
        where = f"{where} (line {line})" if where else f"line {line}"
    if label:
        where = f"{label}, {where}" if where else label
    return Problem(file, where, message)


def _parse_problem(error, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    message = f"YAML does not parse: {error.problem}"
    if error.context and error.context_mark:
        message += f" ({error.context}, line {error.context_mark.line + 1})"
    message += (
        ": check the indentation and quoting of this line and the one above; "
        "nested keys need more spaces than their parent"
    )
    return Problem(file, where, message)


def _duplicate_keys(node, path: DocPath) -> list[Finding]:
    """YAML keeps the last of two equal keys silently; Argo refuses them."""
    import yaml

    findings: list[Finding] = []
    if isinstance(node, yaml.MappingNode):
        first_line: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            line = key.start_mark.line + 1
            if key.value in first_line and key.value != "<<":
                findings.append(
                    (
                        path + (key.value,),
                        f"key '{key.value}' appears twice here (first on line "
                        f"{first_line[key.value]}); YAML keeps only the last: "
                        "merge them or fix the indentation",
                    )
                )
            first_line.setdefault(key.value, line)
            findings += _duplicate_keys(value, path + (key.value,))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            findings += _duplicate_keys(item, path + (index,))
    return findings
