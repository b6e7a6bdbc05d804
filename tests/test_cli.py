"""The command line contract: help, version, questions, exit codes."""

import json

import yaml

from generator import __version__
from tests.conftest import aawgen, generate, tree


def test_version_and_help():
    version = aawgen("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"aawgen {__version__}"
    for command in ("new", "questions", "regenerate", "check"):
        result = aawgen(command, "--help")
        assert result.returncode == 0, result.stderr
        assert "Usage" in result.stdout


def test_questions_json_lists_every_question_with_type_and_default():
    result = aawgen("questions", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["key"]: row for row in json.loads(result.stdout)}
    for key in ("project_name", "flavours", "dataset", "target", "task",
                "algorithm", "test_size", "seed"):
        assert key in rows
    assert rows["flavours"]["choices"] == ["python", "r", "saspy", "sas"]
    assert rows["test_size"] == {**rows["test_size"], "type": "float", "default": 0.2}


def test_questions_table_renders():
    result = aawgen("questions")
    assert result.returncode == 0
    assert "project_name" in result.stdout


def test_new_refuses_a_non_empty_folder_and_leaves_it_untouched(tmp_path):
    dest = tmp_path / "busy"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine", encoding="utf-8")
    before = tree(dest)

    result = aawgen("new", str(dest), "--defaults")

    assert result.returncode == 2
    assert "not empty" in result.stderr
    assert tree(dest) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy"]


def test_new_fills_an_empty_folder(tmp_path):
    dest = tmp_path / "empty"
    dest.mkdir()
    result = aawgen("new", str(dest), "--defaults", "-q")
    assert result.returncode == 0, result.stderr
    assert (dest / "python" / "train.py").is_file()
    assert (dest / ".aawgen" / "answers.yaml").is_file()


def test_invalid_set_names_the_question_and_allowed_values(tmp_path):
    dest = tmp_path / "p"
    result = aawgen("new", str(dest), "--defaults", "--set", "algorithm=svm")
    assert result.returncode == 2
    assert "algorithm" in result.stderr
    assert "random_forest" in result.stderr and "svm" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not dest.exists()


def test_bad_inputs_exit_2_with_one_line(tmp_path):
    cases = [
        ("--set", "seed=abc"),
        ("--set", "test_size=1.5"),
        ("--set", "nonsense=1"),
        ("--set", "flavours=python,julia"),
        ("--set", "target=nope"),
        ("--set", "dataset=/no/such/file.csv"),
        ("--set", "task=regression"),  # iris species is text
        ("--set", "namespace=Bad_Name"),
    ]
    for option, value in cases:
        result = aawgen("new", str(tmp_path / "p"), "--defaults", option, value)
        assert result.returncode == 2, (value, result.stderr)
        key = value.split("=")[0]
        assert key in result.stderr, (value, result.stderr)
        assert "Traceback" not in result.stderr
        assert not (tmp_path / "p").exists()


def test_answers_file_round_trips_to_the_same_project(tmp_path):
    first = generate(tmp_path / "a", "seed=7", "flavours=python",
                     "project_name=Prévision des récoltes")
    second = generate(tmp_path / "b",
                      answers_file=first / ".aawgen" / "answers.yaml")
    assert tree(first) == tree(second)
    stored = yaml.safe_load((first / ".aawgen" / "answers.yaml").read_text("utf-8"))
    assert stored["seed"] == 7
    assert stored["project_name"] == "Prévision des récoltes"


def test_interactive_prompts_take_typed_answers_and_reask_bad_ones(tmp_path):
    dest = tmp_path / "asked"
    # Answer locale, name, description, author and flavours, take defaults up
    # to the seed (13th), answer it badly then well, and default the rest.
    replies = ["", "Mon projet", "", "Équipe", ""] + [""] * 7 + ["abc", "11"]
    replies += [""] * 30
    result = aawgen("new", str(dest), input="\n".join(replies) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "expected a whole number" in result.stdout
    stored = yaml.safe_load((dest / ".aawgen" / "answers.yaml").read_text("utf-8"))
    assert stored["project_name"] == "Mon projet"
    assert stored["author"] == "Équipe"
    assert stored["seed"] == 11


def test_interactive_without_input_fails_cleanly(tmp_path):
    result = aawgen("new", str(tmp_path / "p"), input="")
    assert result.returncode == 2
    assert "--defaults" in result.stderr
    assert not (tmp_path / "p").exists()


def test_help_and_version_import_no_heavy_module():
    import subprocess
    import sys

    heavy = ["nbformat", "jsonschema", "pandas", "merge3", "yaml", "jinja2"]
    for args in (["--help"], ["--version"]):
        code = (
            "import sys\n"
            f"sys.argv = ['aawgen', *{args!r}]\n"
            "from generator.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print([m for m in {heavy!r} if m in sys.modules])\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                text=True, check=True)
        assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
