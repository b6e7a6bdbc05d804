"""A French project is French prose around the same code as an English one."""

from __future__ import annotations

import py_compile
import re
import subprocess

import pytest
from babel.messages.pofile import read_po

from generator.i18n import LOCALE_DIR
from generator.render import TemplateError, environment
from generator.workflows import compare_source
from tests.conftest import require_tool
from tests.i18n_samples import (
    SAMPLES,
    english_lines,
    prose,
    render,
    rendered,
    sentence_pattern,
)
from tests.rtools import lint_r, run_r


def _pairs() -> list[tuple[str, str]]:
    """(English, French) of every catalogue entry the languages spell apart."""
    path = LOCALE_DIR / "fr" / "LC_MESSAGES" / "aawgen.po"
    with path.open("rb") as stream:
        catalog = read_po(stream)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (message.string if isinstance(message.string, tuple)
                   else (message.string,))
        pairs += [(english, french)
                  for english, french in zip(ids, strings, strict=True)
                  if english != french]
    return pairs


# Modules that write project files; the other modules' messages are for
# the terminal, except the questions' prompts and help, which annotate
# .aawgen/answers.yaml.
PROJECT_MODULES = ("generator/workflows.py", "generator/hera_script.py",
                   "generator/couler_script.py")


def test_the_samples_use_every_message_of_the_project_files():
    """So that the two tests below see every sentence a project can hold."""
    from generator.questions import QUESTIONS
    from tools.catalogues import extract

    texts = [text for sample in range(len(SAMPLES))
             for text in rendered("en", sample).values()]
    wanted = {text for question in QUESTIONS
              for text in (question.prompt, question.help)}
    for message in extract():
        places = {location for location, _ in message.locations}
        if any(place.startswith(("templates/", *PROJECT_MODULES))
               for place in places):
            wanted.update(message.id if isinstance(message.id, tuple)
                          else (message.id,))
    unused = [english for english in sorted(wanted)
              if (pattern := sentence_pattern(english))
              and not any(pattern.search(text) for text in texts)]
    assert unused == list(UNREACHABLE)


# Messages no answers can reach today: the notebook settings text of a
# flavour that papermill cannot run and that has no settings text of its
# own (the SAS notebook has its own).
UNREACHABLE = (
    "Change a value here to try it out; to change it for good, edit it in "
    "`.aawgen/answers.yaml` and run `aawgen regenerate`.",
)


@pytest.mark.parametrize("sample", range(len(SAMPLES)))
def test_no_english_message_is_left_in_a_french_project(sample):
    files = rendered("fr", sample)
    for english, _ in _pairs():
        pattern = sentence_pattern(english)
        if pattern is None:
            continue
        for path, text in files.items():
            assert not pattern.search(text), (path, english)


@pytest.mark.parametrize("sample", range(len(SAMPLES)))
def test_no_french_message_is_left_in_an_english_project(sample):
    files = rendered("en", sample)
    for _, french in _pairs():
        pattern = sentence_pattern(french)
        if pattern is None:
            continue
        for path, text in files.items():
            assert not pattern.search(text), (path, french)


@pytest.mark.parametrize("sample", range(len(SAMPLES)))
def test_french_prose_has_no_english_sentence(sample):
    """Text a template forgot to mark for translation shows up here."""
    for path, text in rendered("fr", sample).items():
        assert english_lines(prose(path, text)) == [], path


def test_english_prose_is_caught_by_the_same_check():
    files = rendered("en", 0)
    assert english_lines(prose("python/train.py", files["python/train.py"]))
    assert english_lines(prose("README.md", files["README.md"]))


@pytest.mark.parametrize("sample", range(len(SAMPLES)))
def test_code_is_the_same_in_both_languages(sample):
    """Keywords, identifiers, option names and file names do not move: with
    comments, docstrings and strings set aside, the files are identical."""
    english, french = rendered("en", sample), rendered("fr", sample)
    assert english.keys() == french.keys()
    for path in english:
        if path.endswith(".py"):
            assert _python_code(english[path]) == _python_code(french[path]), path
        elif path.endswith((".R", "Makefile", "Dockerfile", ".toml", ".txt", ".sh")):
            assert _hash_code(english[path]) == _hash_code(french[path]), path
        elif path.endswith(".sas"):
            assert _sas_code(english[path]) == _sas_code(french[path]), path


def test_french_python_compiles_and_is_ruff_clean(tmp_path):
    ruff = require_tool("ruff")
    files = rendered("fr", 0)
    for path, text in files.items():
        if path.endswith(".ipynb"):  # held as Markdown here; see the paired script
            continue
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if path.endswith(".py"):
            py_compile.compile(str(target), doraise=True)
    scripts = [str(path) for path in tmp_path.rglob("*.py")]
    result = subprocess.run([ruff, "check", "--no-cache", *scripts],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("sample", [0, 1])
def test_french_r_parses_and_is_lintr_clean(tmp_path, sample):
    files = rendered("fr", sample)
    scripts = []
    for path, text in files.items():
        if path.endswith(".R"):
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            scripts.append(target)
    parsed = run_r(
        "".join(f"invisible(parse({str(path)!r}, encoding = 'UTF-8'))\n"
                for path in scripts) + "cat('parsed\\n')\n",
        tmp_path,
    )
    assert parsed.returncode == 0 and "parsed" in parsed.stdout, parsed.stderr
    lints = lint_r(scripts, tmp_path)
    assert lints.returncode == 0, lints.stdout + lints.stderr


def test_french_sas_passes_the_structural_check_and_lint():
    """No translated keyword, every step closed, lint clean: the comments,
    headers and log messages are French, the SAS is not."""
    from generator.validate.sas import check_sas_text
    from generator.validate.sas_lint import lint_sas_texts
    from tests.test_validate_sas import require_sasjs_lint

    programs = {f"{sample}/{path}": text
                for sample in range(len(SAMPLES))
                for path, text in rendered("fr", sample).items()
                if path.endswith(".sas")}
    assert len(programs) >= 4 * 4
    assert any("Toutes les étapes ci-dessus ont abouti" in text
               for text in programs.values())
    problems = [problem for name, text in programs.items()
                for problem in check_sas_text(text, name)]
    assert problems == []
    require_sasjs_lint()
    assert lint_sas_texts(programs) == []


def test_answers_file_comments_follow_the_project_language():
    from generator import answers as answer_book

    french = answer_book.dump(answer_book.collect({"locale": "fr"}))
    assert "# Réponses au questionnaire aawgen de ce projet." in french
    assert "# Graine aléatoire : " in french
    assert "\nseed: 42\n" in french  # keys and values stay as they are
    english = answer_book.dump(answer_book.collect({}))
    assert "# Random seed: Makes the split" in english


def test_comparison_headings_follow_the_language_and_keys_do_not():
    english = render("en", flavours="python,r")
    french = render("fr", flavours="python,r")
    yaml_en = english["workflows/iris-classifier.yaml"]
    yaml_fr = french["workflows/iris-classifier.yaml"]
    assert 'HEADINGS = ["flavour", "accuracy", "macro F1", "test rows"]' in yaml_en
    assert ('HEADINGS = ["variante", "exactitude", "F1 macro", "lignes de test"]'
            in yaml_fr)
    columns = 'COLUMNS = ["accuracy", "f1_macro", "n_test"]'
    assert columns in yaml_en and columns in yaml_fr
    regression = compare_source("regression", ["python", "r"], locale="fr")
    assert ('HEADINGS = ["variante", "RMSE", "MAE", "R²", "lignes de test"]'
            in regression)
    assert 'COLUMNS = ["rmse", "mae", "r2", "n_test"]' in regression


def test_a_translation_never_reaches_code_unfiltered():
    env = environment()
    template = env.from_string('x = 1  # {{ _("Task") }}\n')
    template.name = "python/probe.py.jinja"
    with pytest.raises(TemplateError, match="translated message"):
        template.render(locale="fr")


def test_user_text_cannot_hide_in_a_translated_message():
    from generator.quoting import UserText

    env = environment()
    template = env.get_template("project/README.md.jinja")
    assert template  # the real templates pass their values through filters
    probe = env.from_string(
        "{% trans name=name %}Author: {{ name }}{% endtrans %}"
    )
    with pytest.raises(Exception, match="user value"):
        probe.render(locale="en", name=UserText("<script>"))


def test_rendering_without_a_locale_is_a_template_bug():
    env = environment()
    with pytest.raises(TemplateError, match="locale"):
        env.from_string('{{ _("Task") }}').render()


def _python_code(text: str) -> list[tuple[int, str]]:
    """The tokens of Python source, strings and comments left out."""
    import io
    import tokenize

    skipped = {tokenize.COMMENT, tokenize.STRING, tokenize.NL, tokenize.NEWLINE,
               tokenize.INDENT, tokenize.DEDENT}
    if hasattr(tokenize, "FSTRING_MIDDLE"):
        skipped.add(tokenize.FSTRING_MIDDLE)
    return [(token.type, token.string)
            for token in tokenize.generate_tokens(io.StringIO(text).readline)
            if token.type not in skipped]


def _hash_code(text: str) -> str:
    """R, make or Docker code with comments and string literals (which hold
    the help texts and messages) taken out, and no whitespace. A long R
    string is a paste0() of pieces: one string all the same."""
    code = "".join(line for line in text.splitlines(keepends=True)
                   if not line.lstrip().startswith("#"))
    code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', code)
    code = re.sub(r"'[^']*'", "''", code)
    # The shell joins quoted words that touch: 'l'"'"'étape' is one text.
    code = re.sub(r"(?:''|\"\")(?:''|\"\")+", "''", code)
    code = re.sub(r"\s+", "", code)
    return re.sub(r'paste0\(""(?:,"")*\)', '""', code)


def _sas_code(text: str) -> str:
    """SAS with its comments and string literals taken out, no whitespace.
    Both quote kinds double an embedded quote, which the patterns absorb."""
    code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    code = re.sub(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"", "''", code)
    code = re.sub(r"''(?:\s*'')+", "''", code)  # PUT 'a' 'b' is one text
    return re.sub(r"\s+", "", code)
