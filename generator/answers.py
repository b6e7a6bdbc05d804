"""Collect, validate, derive and store the answers to the questionnaire.

Answers come from, in order of precedence: `--set key=value`, an answers
file, the interactive prompt, the question's default. Values that follow
from the answers (the slug, the safe column names, the task inferred from
the data) are derived here once and handed to the templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator import dataset as datasets
from generator.errors import AawgenError, AnswerError, DatasetError
from generator.i18n import _, translations
from generator.questions import (
    ALGORITHMS,
    BY_KEY,
    QUESTIONS,
    SAMPLE_DATASET,
    Answers,
    Question,
)
from generator.quoting import UserText, ascii_fold

ANSWERS_FILE = Path(".aawgen") / "answers.yaml"
TEMPLATES = Path(__file__).resolve().parent / "templates"
if not TEMPLATES.is_dir():  # running from a source checkout
    TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Asked for one answer at a time, returns the raw text the user typed.
Prompter = Callable[[Question, Answers], Any]

_TRUE = {"true", "yes", "y", "1", "on", "oui", "o"}
_FALSE = {"false", "no", "n", "0", "off", "non"}


def sample_path() -> Path:
    return TEMPLATES / "project" / SAMPLE_DATASET


def parse_sets(pairs: list[str]) -> dict[str, str]:
    """Turn repeated `--set key=value` options into a dict of raw strings."""
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise AawgenError(
                _("--set %(pair)s: expected key=value, for example --set seed=7")
                % {"pair": repr(pair)}
            )
        if key not in BY_KEY:
            raise AawgenError(
                _("--set %(key)s: no such question; `aawgen questions` lists them")
                % {"key": key}
            )
        result[key] = value
    return result


def load_answers_file(path: Path) -> dict[str, Any]:
    """Read an answers YAML file: a mapping of question keys to values."""
    import yaml

    try:
        # libyaml's parser, where PyYAML has it, reads the same documents
        # about ten times faster; regenerate and check read this file each run.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except FileNotFoundError:
        raise AawgenError(
            _("--answers %(path)s: no such file") % {"path": path}
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        first = str(error).splitlines()[0]
        raise AawgenError(
            _("%(path)s: not valid YAML (%(error)s); fix the file")
            % {"path": path, "error": first}
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AawgenError(
            _("%(path)s: expected a mapping of question keys to answers")
            % {"path": path}
        )
    unknown = sorted(set(map(str, data)) - set(BY_KEY) - {"columns", "dataset_format"})
    if unknown:
        raise AawgenError(
            _("%(path)s: unknown answer key %(key)s; `aawgen questions` lists "
              "the keys") % {"path": path, "key": repr(unknown[0])}
        )
    return data


def collect(
    given: dict[str, Any],
    prompter: Prompter | None = None,
    base_dir: Path | None = None,
) -> Answers:
    """Resolve every question in order; raises AnswerError on a bad value.

    `given` holds answers from a file or `--set` (raw strings are converted to
    the question's type). With a prompter, questions not given are asked;
    otherwise their defaults are taken.
    """
    if prompter is not None:
        _precheck(given)
    answers: Answers = {}
    for question in QUESTIONS:
        if question.key in given:
            value = convert(question, given[question.key], answers)
        elif prompter is not None and question.ask(answers):
            value = _ask_until_valid(question, answers, prompter)
        else:
            value = convert(question, question.default_for(answers), answers)
        answers[question.key] = value
        if question.key == "dataset":
            _read_dataset(answers, base_dir or Path.cwd(), given)
        elif question.key == "target":
            sample = answers.get("_sample")
            if sample is not None:
                answers["_inferred_task"] = datasets.infer_task(sample, value)
    answers.pop("_inferred_task", None)
    _check_combination(answers)
    return answers


def _precheck(given: dict[str, Any]) -> None:
    """Refuse a bad given answer before the first prompt, where it can be
    checked alone (its type and fixed choices need no other answer)."""
    for key, raw in given.items():
        question = BY_KEY.get(key)
        if question is None or callable(question.choices):
            continue
        if question.kind in ("bool", "int", "float", "multi", "choice"):
            convert(question, raw, {})


def _ask_until_valid(question: Question, answers: Answers, prompter: Prompter):
    while True:
        raw = prompter(question, answers)
        try:
            return convert(question, raw, answers)
        except AnswerError as error:
            from rich.markup import escape

            from generator.console import console

            console.print(f"[red]{escape(error.rule)}[/red]")


def convert(question: Question, raw: Any, answers: Answers) -> Any:
    """Convert a raw answer to the question's type and check its rule."""
    key = question.key
    kind = question.kind
    if kind == "bool":
        value = _to_bool(key, raw)
    elif kind in ("int", "float"):
        value = _to_number(key, raw, int if kind == "int" else float)
    elif kind == "multi":
        value = _to_list(key, raw, question.choices_for(answers))
    elif kind == "columns":
        value = _to_columns(key, raw, answers)
    else:
        if not isinstance(raw, str):
            raise AnswerError(key, raw, _("expected text"))
        value = raw.strip() if kind != "text" or key != "description" else raw
        choices = question.choices_for(answers)
        if choices and value not in choices:
            raise AnswerError(key, value, _("choose one of %(choices)s")
                              % {"choices": ", ".join(choices)})
    if question.rule is not None:
        problem = question.rule(value, answers)
        if problem:
            raise AnswerError(key, value, problem)
    return value


def _to_bool(key: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise AnswerError(key, raw, _("answer true or false"))


def _to_number(key: str, raw: Any, kind: type) -> int | float:
    expected = _("expected a whole number") if kind is int else _("expected a number")
    if isinstance(raw, bool):
        raise AnswerError(key, raw, expected)
    if isinstance(raw, int | float) and not (kind is int and isinstance(raw, float)):
        return kind(raw)
    try:
        value = kind(str(raw).strip())
    except ValueError:
        raise AnswerError(key, raw, expected) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise AnswerError(key, raw, _("expected a finite number"))
    return value


def _to_list(key: str, raw: Any, choices: tuple[str, ...]) -> list[str]:
    items = raw if isinstance(raw, list) else str(raw).split(",")
    values = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        if item not in choices:
            raise AnswerError(key, item, _("choose from %(choices)s")
                              % {"choices": ", ".join(choices)})
        if item not in values:
            values.append(item)
    # Keep the questionnaire's order so the output does not depend on typing.
    return [choice for choice in choices if choice in values]


def _to_columns(key: str, raw: Any, answers: Answers) -> Any:
    names = [column["name"] for column in answers["columns"]]
    if key == "target":
        if not isinstance(raw, str) or raw not in names:
            raise AnswerError(key, raw, _("a column of the dataset: %(columns)s")
                              % {"columns": ", ".join(names)})
        return raw
    if raw == "all" or raw == ["all"]:
        return "all"
    items = raw if isinstance(raw, list) else _split_columns(str(raw))
    chosen = []
    for item in items:
        if item not in names:
            rule = _("'all' or columns of the dataset: %(columns)s")
            raise AnswerError(key, item, rule % {"columns": ", ".join(names)})
        if item == answers["target"]:
            raise AnswerError(key, item, _("the target cannot also be a feature"))
        if item not in chosen:
            chosen.append(item)
    if not chosen:
        raise AnswerError(key, raw, _("'all' or at least one column"))
    return chosen


def _split_columns(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _read_dataset(answers: Answers, base_dir: Path, given: dict[str, Any]) -> None:
    """Read the CSV the dataset answer names; fall back on stored columns."""
    value = answers["dataset"]
    if value == SAMPLE_DATASET:
        path = sample_path()
    else:
        path = Path(value).expanduser()
        if not path.is_absolute():
            path = (base_dir / path).resolve()
        answers["dataset"] = str(path)
    try:
        sample = datasets.read_sample(path)
    except DatasetError:
        stored = given.get("columns")
        if not stored or path.exists():
            raise
        answers["columns"] = [dict(column) for column in stored]
        answers["dataset_format"] = dict(given.get("dataset_format") or {})
        answers["_sample"] = None
        return
    answers["_sample"] = sample
    answers["columns"] = [
        {"name": c.name, "safe": c.safe, "kind": c.kind} for c in sample.columns
    ]
    _keep_stored_safe_names(answers["columns"], given.get("columns"))
    answers["dataset_format"] = {
        "encoding": sample.encoding,
        "delimiter": sample.delimiter,
    }


_SAFE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,31}")


def _keep_stored_safe_names(columns: list[dict], stored: Any) -> None:
    """Honour safe names the user edited in answers.yaml, if still valid."""
    if not isinstance(stored, list):
        return
    edited = {
        item.get("name"): item.get("safe")
        for item in stored
        if isinstance(item, dict)
    }
    if set(edited) != {column["name"] for column in columns}:
        return
    for column in columns:
        safe = edited[column["name"]]
        if not isinstance(safe, str) or not _SAFE_NAME.fullmatch(safe):
            raise AnswerError(
                "columns", safe, _("safe name of %(column)s must be lowercase "
                                   "letters, digits and '_', 32 at most, not starting "
                                   "with a digit") % {"column": repr(column["name"])},
            )
        column["safe"] = safe
    safe_names = [column["safe"] for column in columns]
    if len(set(safe_names)) != len(safe_names):
        raise AnswerError("columns", safe_names, _("safe names must be unique"))


def _check_combination(answers: Answers) -> None:
    task = answers["task"]
    if answers["algorithm"] not in ALGORITHMS[task]:
        raise AnswerError(
            "algorithm", answers["algorithm"],
            _("for %(task)s choose one of %(choices)s")
            % {"task": task, "choices": ", ".join(ALGORITHMS[task])},
        )
    target = next(c for c in answers["columns"] if c["name"] == answers["target"])
    if task == "regression" and target["kind"] != "numeric":
        raise AnswerError(
            "task", task,
            _("target %(target)s is not numeric; use classification")
            % {"target": repr(answers["target"])},
        )
    sample = answers.get("_sample")
    if task == "classification" and sample is not None:
        classes = sample.target_values[answers["target"]]
        if len(classes) < 2:
            raise AnswerError(
                "target", answers["target"], _("a classification target needs at "
                                               "least two distinct values in the data"),
            )
    if answers["cpu_limit"] and _millicores(answers["cpu_limit"]) < _millicores(
        answers["cpu_request"]
    ):
        raise AnswerError("cpu_limit", answers["cpu_limit"],
                          _("must be at least the CPU request"))


def _millicores(quantity: str) -> float:
    if quantity.endswith("m"):
        return float(quantity[:-1])
    return float(re.sub(r"[A-Za-z]+$", "", quantity)) * 1000


def slug(name: str) -> str:
    """A lowercase RFC 1123 label of at most 63 characters."""
    text = re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-")
    text = text[:63].rstrip("-")
    return text or "project"


def identifier(name: str) -> str:
    text = slug(name).replace("-", "_")
    return text if not text[0].isdigit() else "p_" + text


def derive(answers: Answers) -> dict[str, Any]:
    """The template context: answers marked as user text, plus derived values."""
    context: dict[str, Any] = {
        key: _mark(value) if BY_KEY[key].kind == "text" else value
        for key, value in answers.items()
        if key in BY_KEY
    }
    columns = answers["columns"]
    by_name = {column["name"]: column for column in columns}
    target = by_name[answers["target"]]
    if answers["features"] == "all":
        features = [c for c in columns if c["name"] != answers["target"]]
    else:
        features = [by_name[name] for name in answers["features"]]
    sample = answers.get("_sample")
    classes = sample.target_values[answers["target"]] if sample else ()
    in_project = answers["dataset"] == SAMPLE_DATASET
    context.update(
        slug=slug(answers["project_name"]),
        identifier=identifier(answers["project_name"]),
        columns=[{**column, "name": _mark(column["name"])} for column in columns],
        rename={_mark(column["name"]): column["safe"] for column in columns},
        target=_mark(answers["target"]),
        features=_mark(answers["features"]),
        target_safe=target["safe"],
        feature_names=[c["safe"] for c in features],
        numeric_features=[c["safe"] for c in features if c["kind"] == "numeric"],
        categorical_features=[
            c["safe"] for c in features if c["kind"] == "categorical"
        ],
        classes=_mark(list(classes)) if answers["task"] == "classification" else [],
        encoding=answers["dataset_format"].get("encoding", "utf-8"),
        delimiter=_mark(answers["dataset_format"].get("delimiter", ",")),
        data_in_project=in_project,
        data_path=SAMPLE_DATASET if in_project else _mark(answers["dataset"]),
    )
    return context


def _mark(value: Any) -> Any:
    """Wrap every string of a user value so the renderer insists on quoting."""
    if isinstance(value, str) and not isinstance(value, UserText):
        return UserText(value)
    if isinstance(value, list):
        return [_mark(item) for item in value]
    if isinstance(value, dict):
        return {key: _mark(item) for key, item in value.items()}
    return value


def stored(answers: Answers) -> dict[str, Any]:
    """The answers as saved in the project: every question plus the columns."""
    data = {question.key: answers[question.key] for question in QUESTIONS}
    data["columns"] = answers["columns"]
    data["dataset_format"] = answers["dataset_format"]
    return data


def dump(answers: Answers) -> str:
    """The commented YAML of `.aawgen/answers.yaml`, in the project's language."""
    import yaml

    gettext = translations(answers.get("locale", "en")).gettext
    lines = _comment_lines(gettext(
        "Answers of this project's aawgen questionnaire. Edit a value, then run "
        "`aawgen regenerate` to bring the project up to date; your own edits to "
        "generated files are kept."
    ))
    lines.append("")
    data = stored(answers)
    for question in QUESTIONS:
        lines.extend(_comment_lines(gettext("%(prompt)s: %(help)s") % {
            "prompt": gettext(question.prompt), "help": gettext(question.help)
        }, hang="  "))
        lines.append(_dump_one(yaml, question.key, data[question.key]))
    lines.append("")
    lines.extend(_comment_lines(gettext(
        "Derived from the dataset: the safe name every flavour uses for each "
        "column. Edit a safe name here to rename it everywhere."
    )))
    lines.append(_dump_one(yaml, "columns", data["columns"]))
    lines.append(_dump_one(yaml, "dataset_format", data["dataset_format"]))
    return "\n".join(lines) + "\n"


def _comment_lines(text: str, hang: str = "") -> list[str]:
    from generator.prose import wrap_lines

    lines = wrap_lines(text, 88, first=2, rest=2 + len(hang))
    return ["# " + lines[0]] + [f"# {hang}{line}" for line in lines[1:]]


def _dump_one(yaml, key: str, value: Any) -> str:
    return yaml.safe_dump(
        {key: value}, allow_unicode=True, sort_keys=False, width=88
    ).rstrip("\n")
