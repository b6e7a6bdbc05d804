"""Hostile answers either render files that still parse, or stop clearly."""

import csv
import json
import subprocess
import tomllib

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import answers as answer_book
from generator.errors import AnswerError
from generator.render import render_project
from tests.conftest import aawgen, generate, require_tool, run_make

HOSTILE = ["'", '"', "\\", "{{ x }}", "{% if %}", "${HOME}", "$(id)", "\n", "é",
           "#", "`", "*/", "&", "%let", ";", "\t", "ü" * 3, "\u2028", "<b>", "\\n"]
free_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)), max_size=8
).map("".join)


def check_parses(files: dict[str, bytes]) -> None:
    """Each rendered file passes its language's own parser."""
    for path, content in files.items():
        text = content.decode("utf-8")
        if path.endswith(".py"):
            compile(text, path, "exec")
        elif path.endswith((".yaml", ".yml")):
            list(yaml.safe_load_all(text))
        elif path.endswith((".json", ".ipynb")):
            json.loads(text)
        elif path.endswith(".toml"):
            tomllib.loads(text)
        elif path.endswith(".sas"):
            from generator.validate.sas import check_sas_text

            assert check_sas_text(text, path) == [], path


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(name=free_text, description=free_text, author=free_text)
def test_any_free_text_renders_parseable_files_or_a_clear_error(
    name, description, author
):
    given_answers = {"project_name": name, "description": description,
                     "author": author, "flavours": "python,r,saspy,sas"}
    try:
        answers = answer_book.collect(given_answers)
    except AnswerError as error:
        assert error.key in ("project_name", "description", "author")
        return
    check_parses(render_project(answer_book.derive(answers)))
    stored = yaml.safe_load(answer_book.dump(answers))
    assert stored["project_name"] == answers["project_name"]
    assert stored["description"] == description


def test_no_template_syntax_survives_rendering():
    answers = answer_book.collect({"flavours": "python,r,saspy,sas"})
    for path, content in render_project(answer_book.derive(answers)).items():
        text = content.decode("utf-8")
        assert "{%" not in text and "{#" not in text, path
        if not path.startswith("workflows/"):  # Argo's own {{ }} live there
            assert "{{" not in text, path


def test_a_300_character_name_is_refused_with_the_rule(tmp_path):
    result = aawgen("new", str(tmp_path / "p"), "--defaults",
                    "--set", "project_name=" + "n" * 300)
    assert result.returncode == 2
    assert "project_name" in result.stderr and "at most 200" in result.stderr


def test_long_accented_name_gives_a_63_character_slug():
    answers = answer_book.collect({"project_name": "Prévision " * 19})
    context = answer_book.derive(answers)
    assert len(context["slug"]) <= 63
    assert context["slug"].startswith("prevision-prevision")
    assert context["identifier"].isidentifier()


NASTY_COLUMNS = ["class", "1st value", 'it\'s "q"', "{{x}}", "naïve\\path",
                 "a;b", "$HOME", "prediction", "Species"]


def write_nasty_csv(path):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(NASTY_COLUMNS)
        for i in range(120):
            writer.writerow([i % 7, i * 0.5, "ab"[i % 2], i % 5, "xyz"[i % 3],
                             i % 11, (i * 7) % 13, i % 2, "setosa" if i % 3 else "x"])


def test_hostile_column_names_and_values_still_run(tmp_path):
    require_tool("make")
    data = tmp_path / "nasty data's $dir" / "d.csv"
    data.parent.mkdir()
    write_nasty_csv(data)
    project = generate(
        tmp_path / "p",
        f"dataset={data}", "target=Species",
        "project_name=Quote's \"test\" {{ x }} ${HOME} é",
        "description=line one\nline two with `backticks` and */",
        "author=O'Brien \\ Co",
    )
    check_parses({
        str(p.relative_to(project)): p.read_bytes()
        for p in project.rglob("*") if p.is_file()
    })
    run_make(project, "run")
    metrics = json.loads((project / "outputs/python/metrics.json").read_text())
    assert metrics["confusion_matrix"]["labels"] == ["setosa", "x"]
    ruff = subprocess.run(["ruff", "check", "--no-cache", str(project)],
                          capture_output=True, text=True)
    assert ruff.returncode == 0, ruff.stdout


def test_generated_dockerfile_is_hadolint_clean(tmp_path):
    hadolint = require_tool("hadolint")
    project = generate(tmp_path / "p", "description=a \"quoted\" $VAR\nsecond",
                       'author=back\\"slash\\', "project_name=it's")
    result = subprocess.run([hadolint, str(project / "python" / "Dockerfile")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("key, value", [
    ("project_name", "   "),
    ("project_name", "!!!"),
    ("author", "a\nb"),
    ("description", "nul\x00byte"),
    ("registry", "https://not a host"),
])
def test_refused_values_name_the_question(key, value):
    with pytest.raises(AnswerError) as caught:
        answer_book.collect({key: value})
    assert caught.value.key == key
