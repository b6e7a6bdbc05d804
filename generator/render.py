"""The Jinja environment and the render plan: which files, for which answers.

Templates are the target file name plus `.jinja`; other files are copied byte
for byte. A file or folder name starting with `_` is a fragment that other
templates include, never an output of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from generator.answers import TEMPLATES
from generator.errors import AawgenError
from generator.prose import FILTERS as PROSE_FILTERS
from generator.prose import Prose
from generator.quoting import FILTERS, UserText

# Template folder -> (output folder, flavour that must be chosen, or None).
FAMILIES: tuple[tuple[str, str, str | None], ...] = (
    ("project", "", None),
    ("python", "python", "python"),
    ("r", "r", "r"),
    ("sas/saspy", "saspy", "saspy"),
    ("sas/sas", "sas", "sas"),
)

FLAVOUR_TEMPLATES = {
    flavour: folder for folder, _, flavour in FAMILIES if flavour is not None
}

# Files built as data rather than from text templates (workflows, notebooks)
# register a function here: context -> {relative path: content}.
Builder = Callable[[dict[str, Any]], dict[str, str]]


def _workflow_files(context: dict[str, Any]) -> dict[str, str]:
    from generator.workflows import build_workflow_files

    return build_workflow_files(context)


def _notebook_files(context: dict[str, Any]) -> dict[str, str]:
    from generator.notebooks import build_notebooks

    return build_notebooks(context)


BUILDERS: list[Builder] = [_workflow_files, _notebook_files]


class TemplateError(AawgenError):
    """A template is broken: a bug in aawgen, not in the answers."""

    exit_code = 1


def _refuse_unquoted(value: Any) -> Any:
    if isinstance(value, UserText):
        raise TemplateError(
            f"a user value reached a template unquoted ({value[:40]!r}); "
            "pass it through a quoting filter"
        )
    return value


def _finalize(context: Any, value: Any) -> Any:
    """Every value a template writes: user text and, outside Markdown,
    translated prose must have gone through a filter."""
    _refuse_unquoted(value)
    if isinstance(value, Prose) and not (context.name or "").endswith(".md.jinja"):
        raise TemplateError(
            f"a translated message reached a code file unfiltered ({value[:40]!r}); "
            "pass it through comment, docstring or the language's quoting filter"
        )
    return value


def _language(context: Any) -> str:
    if "locale" not in context:
        raise TemplateError(
            f"{context.name}: translated text needs `locale` in the context "
            "(import macros `with context`)"
        )
    return str(context["locale"])


def _gettext(context: Any, message: str) -> Prose:
    from generator.i18n import translations

    return Prose(translations(_language(context)).gettext(message))


def _ngettext(context: Any, singular: str, plural: str, count: int) -> Prose:
    from generator.i18n import translations

    return Prose(translations(_language(context)).ngettext(singular, plural, count))


def environment():
    """A private Jinja environment; `_()` and `{% trans %}` speak the
    `locale` of whatever context a template is rendered with."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=jinja2.pass_context(_finalize),
        extensions=["jinja2.ext.i18n"],
    )
    # Messages are single lines in the catalogues; filters wrap them again.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(
        jinja2.pass_context(_gettext), jinja2.pass_context(_ngettext), newstyle=True
    )
    env.filters.update(FILTERS)
    env.filters.update(PROSE_FILTERS)
    # Compiling costs more than rendering: reuse compiled templates between
    # runs (see template_cache.py for when a cached entry is trusted).
    from generator.template_cache import bytecode_cache

    env.bytecode_cache = bytecode_cache(env, TEMPLATES)
    return env


def plan(context: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    """Yield (template file, output path) for every file the answers produce."""
    for folder, output, flavour in FAMILIES:
        if flavour is not None and flavour not in context["flavours"]:
            continue
        root = TEMPLATES / folder
        if not root.is_dir():
            continue
        for source in sorted(root.rglob("*")):
            relative = source.relative_to(root)
            if source.is_dir() or _is_fragment(relative) or _is_cache(relative):
                continue
            if not context["data_in_project"] and relative.parts[0] == "data" and (
                relative.suffix == ".csv"
            ):
                continue
            name = relative.as_posix().removesuffix(".jinja")
            yield source, f"{output}/{name}" if output else name


def render_project(context: dict[str, Any]) -> dict[str, bytes]:
    """Every output file of the project, as bytes, keyed by relative path."""
    env = environment()
    from generator.notebooks import available_kinds

    context = {**context, "flavour_templates": FLAVOUR_TEMPLATES}
    context["notebook_kinds"] = available_kinds(context)
    files: dict[str, bytes] = {}
    for source, output in plan(context):
        if source.suffix == ".jinja":
            name = source.relative_to(TEMPLATES).as_posix()
            try:
                text = env.get_template(name).render(context)
            except TemplateError as error:
                raise TemplateError(f"template {name}: {error}") from None
            except Exception as error:  # a template bug: say which template
                raise TemplateError(f"template {name}: {error}") from error
            files[output] = text.encode("utf-8")
        else:
            files[output] = source.read_bytes()
    for build in BUILDERS:
        for output, text in build(context).items():
            files[output] = text.encode("utf-8")
    return files


def _is_fragment(relative: Path) -> bool:
    return any(part.startswith("_") for part in relative.parts)


def _is_cache(relative: Path) -> bool:
    return any(part in ("__pycache__", ".Rhistory") for part in relative.parts)
