"""Copier and cookiecutter templates equivalent to aawgen's, built on the fly.

Nothing here is committed as a template: `build_equivalents` derives both
from aawgen's own templates and answers at benchmark time, so they follow
whatever aawgen renders today. The answers become real questions of each
tool (so `copier update` and `cruft update` see a changed answer the way a
user makes one); values aawgen derives from the data (slug, safe column
names, classes) and list answers are handed to Jinja by a small extension,
which also registers aawgen's quoting filters. Files aawgen builds as data
(notebooks, workflows) become templates derived from two of aawgen's renders
(the changed answer substituted where it appears), or static files where
the answer change does not touch them; files aawgen copies byte for byte are
static. That spares copier and cookiecutter aawgen's work of building them.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

EXTENSION_MODULE = "aawbench_ext"
COPIER_EXTENSION = f"{EXTENSION_MODULE}.CopierContext"
COOKIECUTTER_EXTENSION = f"{EXTENSION_MODULE}.CookiecutterContext"

# The extension both tools load: aawgen's filters and derived values, and for
# cookiecutter the answers as top-level names (it nests them under
# `cookiecutter.` and turns numbers into strings).
EXTENSION_SOURCE = '''\
"""Jinja extension of the benchmark's copier and cookiecutter templates."""

import json
from pathlib import Path

from jinja2.ext import Extension

from generator.render import environment as aawgen_environment

_DATA = json.loads(
    (Path(__file__).parent / "aawbench_context.json").read_text("utf-8")
)


class CopierContext(Extension):
    """What aawgen's own environment adds to Jinja's: the translations, the
    quoting and prose filters, the policies, the derived values."""

    def __init__(self, environment):
        super().__init__(environment)
        model = aawgen_environment()  # its extensions are in the tools' configs
        environment.newstyle_gettext = getattr(model, "newstyle_gettext", False)
        environment.filters.update(model.filters)
        environment.tests.update(model.tests)
        environment.policies.update(model.policies)
        environment.globals.update(model.globals)
        environment.globals.update(_DATA["globals"])


class CookiecutterContext(CopierContext):
    def preprocess(self, source, name, filename=None):
        # Only files of the template, not cookiecutter.json's own values.
        return source if name is None else _DATA["answers_prelude"] + source
'''

ENV_OPTIONS = {
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": False,
}
CASTS = {int: "|int", float: "|float", bool: "", str: ""}


@dataclass(frozen=True)
class Equivalents:
    """Where the benchmark's templates and their support files are."""

    copier: Path  # copier template (plain folder)
    cookiecutter: Path  # cookiecutter template (plain folder)
    extension_dir: Path  # goes on PYTHONPATH of copier, cookiecutter, cruft
    expected: dict[str, bytes]  # what aawgen renders, keyed by relative path
    slug: str
    flavours: str  # the `--set flavours=...` option they were built for


def aawgen_render(
    sets: list[str],
) -> tuple[dict[str, Any], dict[str, Any], dict[str, bytes]]:
    """aawgen's answers, the context its templates see, and its files.

    The context is taken from the render itself (from the call to the render
    plan), so values that render_project adds reach the equivalents too.
    """
    from generator import answers as answer_book
    from generator import render

    answers = answer_book.collect(answer_book.parse_sets(sets))
    seen: dict[str, Any] = {}
    plan = render.plan

    def watch(context: dict[str, Any]):
        seen.update(context)
        return plan(context)

    render.plan = watch
    try:
        files = render.render_project(answer_book.derive(answers))
    finally:
        render.plan = plan
    return answers, seen, files


def templated_outputs(context: dict[str, Any]) -> dict[str, Path]:
    """Output path -> the `.jinja` template aawgen renders it from."""
    from generator import render

    return {
        output: source
        for source, output in render.plan(context)
        if source.suffix == ".jinja"
    }


def build_equivalents(
    root: Path, flavours: str, change: tuple[str, object]
) -> Equivalents:
    """Write the copier and cookiecutter templates under `root`, for the
    default answers with `--set flavours=...`, ready for the answer `change`
    (key, new value) that the update benchmarks make."""
    from generator.answers import TEMPLATES
    from generator.questions import QUESTIONS

    answers, context, files = aawgen_render([flavours])
    key, new_value = change
    _, _, changed_files = aawgen_render([flavours, f"{key}={new_value}"])
    templated = {
        output: source.read_bytes()
        for output, source in templated_outputs(context).items()
    }
    for output, content in files.items():
        if output not in templated and changed_files.get(output) != content:
            derived = substitute(
                content.decode("utf-8"),
                changed_files[output].decode("utf-8"),
                key,
                answers[key],
                new_value,
            )
            if derived is not None:
                templated[output] = derived.encode("utf-8")
    questions = {
        q.key: _plain(answers[q.key])
        for q in QUESTIONS
        if isinstance(answers[q.key], bool | int | float | str)
    }
    globals_ = {
        key: _plain(value) for key, value in context.items() if key not in questions
    }

    extension_dir = root / "extension"
    extension_dir.mkdir(parents=True)
    (extension_dir / f"{EXTENSION_MODULE}.py").write_text(EXTENSION_SOURCE)
    # Templates imported without context (macro libraries) see no answers,
    # in aawgen as here.
    prelude = "".join(
        ["{% if cookiecutter is defined %}\n"]
        + [
            f"{{% set {key} = cookiecutter.{key}{CASTS[type(value)]} %}}\n"
            for key, value in questions.items()
        ]
        + ["{% endif %}\n"]
    )
    (extension_dir / "aawbench_context.json").write_text(
        json.dumps(
            {"globals": globals_, "answers_prelude": prelude}, ensure_ascii=False
        ),
        encoding="utf-8",
    )

    copier_root = _copier_template(
        root / "copier", TEMPLATES, questions, templated, files
    )
    cookie_root = _cookiecutter_template(
        root / "cookiecutter", TEMPLATES, questions, templated, files, context["slug"]
    )
    return Equivalents(
        copier_root, cookie_root, extension_dir, files, str(context["slug"]), flavours
    )


def _copier_template(
    root: Path,
    library: Path,
    questions: dict[str, Any],
    templated: dict[str, bytes],
    files: dict[str, bytes],
) -> Path:
    """copier.yml at the top, outputs under content/, aawgen's templates
    beside it so that `{% include "python/_io.py.jinja" %}` resolves."""
    shutil.copytree(library, root, ignore=shutil.ignore_patterns("__pycache__"))
    config: dict[str, Any] = {
        "_subdirectory": "content",
        "_templates_suffix": ".jinja",
        "_jinja_extensions": [*aawgen_extensions(), COPIER_EXTENSION],
        "_envops": {**ENV_OPTIONS, "undefined": "jinja2.StrictUndefined"},
    }
    for key, value in questions.items():
        config[key] = {"type": _copier_type(value), "default": value}
    (root / "copier.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    content = root / "content"
    for output, content_bytes in files.items():
        if output in templated:
            _write(content / f"{output}.jinja", templated[output])
        else:
            _write(content / output, content_bytes)
    _write(
        content / "{{ _copier_conf.answers_file }}.jinja",
        b"{{ _copier_answers|to_nice_yaml }}",
    )
    return root


def _cookiecutter_template(
    root: Path,
    library: Path,
    questions: dict[str, Any],
    templated: dict[str, bytes],
    files: dict[str, bytes],
    slug: str,
) -> Path:
    """cookiecutter.json, outputs under {{cookiecutter.slug}}/, and aawgen's
    templates in templates/, the folder cookiecutter searches for includes."""
    root.mkdir(parents=True)
    shutil.copytree(
        library, root / "templates", ignore=shutil.ignore_patterns("__pycache__")
    )
    verbatim = sorted(path for path in files if path not in templated)
    config = {
        "slug": slug,
        **{key: value for key, value in questions.items() if key != "slug"},
        "_extensions": [*aawgen_extensions(), COOKIECUTTER_EXTENSION],
        # cookiecutter sets keep_trailing_newline itself and refuses it here.
        "_jinja2_env_vars": {
            k: v for k, v in ENV_OPTIONS.items() if k != "keep_trailing_newline"
        },
        "_copy_without_render": verbatim,
    }
    (root / "cookiecutter.json").write_text(
        json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    content = root / "{{cookiecutter.slug}}"
    for output, content_bytes in files.items():
        _write(content / output, templated.get(output, content_bytes))
    return root


_JINJA_OPENER = re.compile(r"\{[{%#]")


def substitute(
    old: str, new: str, key: str, old_value: object, new_value: object
) -> str | None:
    """A template rendering `old` for the old answer and `new` for the new
    one: lines that differ only where the value appears get `{{ key }}`
    there. None when the two renders differ in any other way."""
    old_lines, new_lines = old.splitlines(True), new.splitlines(True)
    if len(old_lines) != len(new_lines):
        return None
    out = []
    for old_line, new_line in zip(old_lines, new_lines, strict=True):
        if old_line == new_line:
            out.append(_literal(old_line))
            continue
        old_parts = old_line.split(str(old_value))
        if old_parts != new_line.split(str(new_value)):
            return None
        out.append(f"{{{{ {key} }}}}".join(map(_literal, old_parts)))
    return "".join(out)


def _literal(text: str) -> str:
    """Template text rendering to `text`: each Jinja opener is an expression."""
    return _JINJA_OPENER.sub(lambda match: f"{{{{ '{match.group()}' }}}}", text)


def aawgen_extensions() -> list[str]:
    """Import paths of the Jinja extensions aawgen's environment loads."""
    from generator.render import environment

    return sorted(environment().extensions)


def _copier_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    return {int: "int", float: "float"}.get(type(value), "str")


def _plain(value: Any) -> Any:
    """JSON-ready copy: aawgen's str subclasses become plain str, objects
    (such as the notebook kinds) the dict of their public data attributes."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=_data_of))


def _data_of(thing: Any) -> Any:
    if isinstance(thing, set | frozenset):
        return sorted(thing)
    data = {}
    for name in dir(thing):
        value = getattr(thing, name, None)
        if not name.startswith("_") and not callable(value):
            data[name] = value
    return data


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def describe(equivalents: Equivalents) -> str:
    templated = sum(1 for p in (equivalents.copier / "content").rglob("*.jinja"))
    return textwrap.dedent(f"""\
        equivalent templates: {len(equivalents.expected)} output files, \
{templated - 1} rendered by Jinja in copier (plus its answers file)""")
