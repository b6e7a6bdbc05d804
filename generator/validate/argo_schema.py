"""Structural check of an Argo document against the shipped JSON schema.

The upstream schema leaves every object open, so a key in the wrong place
(``inputs:`` under ``container:``) passes it. ``argo lint`` rejects unknown
keys; to do the same offline, every object definition that has
``properties`` is closed with ``additionalProperties: false`` when the
schema is loaded. The closed schema is built once per process.
"""

import copy
import datetime
import difflib
import functools
import json
from pathlib import Path

from generator.validate.docpath import DocPath, format_path

SCHEMA_DIR = Path(__file__).parent / "schemas" / "argo-workflows"
DEFAULT_VERSION = "3.6.19"
VERSIONS = ("3.6.19", "3.7.18")

_PREFIX = "io.argoproj.workflow.v1alpha1."
KINDS = ("Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow")

Finding = tuple[DocPath, str]


@functools.cache
def load_definitions(version: str = DEFAULT_VERSION) -> dict:
    """The schema's definitions with every object definition closed."""
    if version not in VERSIONS:
        raise ValueError(f"no Argo schema {version!r}; known: {', '.join(VERSIONS)}")
    path = SCHEMA_DIR / f"schema-v{version}.json"
    definitions = copy.deepcopy(json.loads(path.read_text("utf-8"))["definitions"])
    for definition in definitions.values():
        if "properties" in definition:
            definition["additionalProperties"] = False
    # Kubernetes' int-or-string takes a bare integer (retryStrategy.limit: 3
    # is everywhere in Argo's own examples); the schema types it as a string
    # only, which would reject files that argo lint accepts.
    int_or_string = definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]
    int_or_string["type"] = ["integer", "string"]
    return definitions


@functools.cache
def get_validator(kind: str, version: str = DEFAULT_VERSION):
    """A draft 2020-12 validator for one kind, rooted at its own definition."""
    from jsonschema import Draft202012Validator

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": f"#/definitions/{_PREFIX}{kind}",
        "definitions": load_definitions(version),
    }
    return Draft202012Validator(schema)


def check_schema(doc: dict, kind: str, version: str = DEFAULT_VERSION) -> list[Finding]:
    """Every structural problem of ``doc``, one finding per key or value."""
    from jsonschema.exceptions import best_match

    findings: list[Finding] = []
    for error in get_validator(kind, version).iter_errors(doc):
        if error.context:
            error = best_match(error.context)
        findings.extend(_describe(error, doc, kind, version))
    unique = dict.fromkeys(findings)
    return sorted(unique, key=lambda finding: _sort_key(finding[0]))


def _sort_key(path: DocPath) -> tuple:
    return tuple((isinstance(part, str), part) for part in path)


def _describe(error, doc: dict, kind: str, version: str) -> list[Finding]:
    path = tuple(error.absolute_path)
    where = format_path(path) or "the document"
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        extras = [key for key in error.instance if key not in known]
        return [
            (path + (key,), _unknown_key(doc, path, key, kind, version))
            for key in extras
        ]
    if error.validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return [(path, f"'{key}' is required in {where}: add it") for key in missing]
    if error.validator == "type":
        return [(path, _wrong_type(error.instance, error.validator_value))]
    if error.validator == "const":
        return [(path, f"must be {error.validator_value!r}, not {error.instance!r}")]
    if error.validator == "enum":
        allowed = ", ".join(repr(value) for value in error.validator_value)
        return [(path, f"{error.instance!r} is not allowed: use one of {allowed}")]
    return [(path, error.message)]


def _unknown_key(doc: dict, path: DocPath, key, kind: str, version: str) -> str:
    name = _definition_at(kind, path, version)[0]
    short = name.rsplit(".", 1)[-1] if name else ""
    if path:
        message = f"unknown key '{key}' in {format_path(path)}"
        message += f" ({_article(short)} {short})" if short else ""
    else:
        message = f"unknown key '{key}' at the top level of the {short or kind}"
    hint = _hint_for(doc, path, key, kind, version)
    return f"{message}: {hint}"


def _hint_for(doc: dict, path: DocPath, key, kind: str, version: str) -> str:
    """Say where an unknown key probably belongs, or which key was meant."""
    # A key flattened out of an empty parent (``spec:`` left with nothing
    # under it) is the classic lost-indentation mistake.
    parent = _value_at(doc, path)
    if isinstance(parent, dict):
        for sibling, value in parent.items():
            if value is None and _has_property(kind, path + (sibling,), key, version):
                return (
                    f"'{sibling}' above it is empty; indent '{key}' under '{sibling}'"
                )

    # A key that belongs to an enclosing object was indented too far.
    for depth in range(len(path) - 1, -1, -1):
        if _has_property(kind, path[:depth], key, version):
            outer = format_path(path[:depth]) or "the top level"
            short = _definition_at(kind, path[:depth], version)[0].rsplit(".", 1)[-1]
            inner = next((part for part in reversed(path) if isinstance(part, str)), "")
            return (
                f"it belongs to {outer} ({_article(short)} {short}): move it out of "
                f"'{inner}' by indenting it less"
            )

    properties = _definition_at(kind, path, version)[1].get("properties", {})
    close = difflib.get_close_matches(str(key), list(properties), n=1, cutoff=0.7)
    if close:
        return f"did you mean '{close[0]}'?"
    return "remove it, or check the spelling against the Argo documentation"


def _has_property(kind: str, path: DocPath, key, version: str) -> bool:
    return key in _definition_at(kind, path, version)[1].get("properties", {})


def _definition_at(kind: str, path: DocPath, version: str) -> tuple[str, dict]:
    """Follow the schema along ``path``: the definition name and its schema."""
    definitions = load_definitions(version)
    name = _PREFIX + kind
    node = definitions[name]
    for part in path:
        name, node = _resolve(node, name, definitions)
        if isinstance(part, int):
            node = node.get("items", {})
        elif part in node.get("properties", {}):
            node = node["properties"][part]
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        else:
            return "", {}
        name = ""
    return _resolve(node, name, definitions)


def _resolve(node: dict, name: str, definitions: dict) -> tuple[str, dict]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = definitions[name]
    return name, node


def _article(noun: str) -> str:
    return "an" if noun[:1] in "AEIOU" else "a"


def _value_at(doc, path: DocPath):
    for part in path:
        try:
            doc = doc[part]
        except (KeyError, IndexError, TypeError):
            return None
    return doc


def _wrong_type(value, expected) -> str:
    wanted = expected if isinstance(expected, str) else " or ".join(expected)
    if value is None:
        if wanted == "object":
            return (
                "is empty but must be a mapping: indent the keys that belong "
                "to it under it, or fill it in"
            )
        return f"is empty but must be a {_TYPE_WORDS.get(wanted, wanted)}: fill it in"
    got = _yaml_type(value)
    if wanted == "string":
        text = _scalar_text(value)
        return (
            f"must be a string, but YAML read {got} {text}: "
            f"quote it ({json.dumps(text)})"
        )
    if wanted == "object":
        return (
            f"must be a mapping of keys, but YAML read {got}: "
            "check the indentation of the lines under it"
        )
    if wanted == "array":
        return (
            f"must be a list, but YAML read {got}: "
            "start each item with '- ' under this key"
        )
    return f"must be {_TYPE_WORDS.get(wanted, wanted)}, but YAML read {got}"


_TYPE_WORDS = {
    "string": "string",
    "object": "mapping",
    "array": "list",
    "boolean": "boolean (true or false)",
    "integer": "whole number",
    "number": "number",
}


def _scalar_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _yaml_type(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
