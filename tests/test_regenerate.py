"""aawgen regenerate and check: change the answers, keep every edit."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.regenerate import check_project, plan_file, regenerate_project
from tests.conftest import aawgen, generate, tree

STATE = ".aawgen/"


def user_files(project):
    return {k: v for k, v in tree(project).items() if not k.startswith(STATE)}


def test_untouched_project_with_same_answers_changes_nothing(tmp_path):
    project = generate(tmp_path / "p")
    before = tree(project)
    assert regenerate_project(project, quiet=True) == 0
    assert tree(project) == before
    assert check_project(project) == 0


def test_changed_answers_equal_a_fresh_new(tmp_path):
    project = generate(tmp_path / "p")
    assert regenerate_project(project, sets=["seed=9", "algorithm=decision_tree",
                                             "project_name=Autre nom"],
                              quiet=True) == 0
    fresh = generate(tmp_path / "fresh", "seed=9", "algorithm=decision_tree",
                     "project_name=Autre nom")
    assert user_files(project) == user_files(fresh)
    for state in ("answers.yaml", "snapshot.json"):
        assert (project / STATE / state).read_bytes() == (
            fresh / STATE / state).read_bytes()
    before = tree(project)
    assert regenerate_project(project, quiet=True) == 0  # second time: no-op
    assert tree(project) == before


def test_user_edits_are_kept_merged_or_marked(tmp_path):
    project = generate(tmp_path / "p")
    train = project / "python" / "train.py"
    train.write_text(train.read_text() + "\n# my own note\n")
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("## Run everything locally",
                                                 "## Run everything, really"))
    (project / "python" / "Dockerfile").unlink()

    code = regenerate_project(project, sets=["seed=3"], quiet=True)

    assert code == 0
    assert "# my own note" in train.read_text()
    assert "SEED = 3" in train.read_text()
    assert "## Run everything, really" in readme.read_text()
    assert "seed 3" in readme.read_text()
    assert not (project / "python" / "Dockerfile").exists()


def test_clashing_edits_give_labelled_markers_exit_1_and_a_backup(tmp_path):
    project = generate(tmp_path / "p")
    prepare = project / "python" / "prepare.py"
    original = prepare.read_text()
    prepare.write_text(original.replace("SEED = 42", "SEED = 1234"))
    result = aawgen("regenerate", str(project), "--set", "seed=5")
    assert result.returncode == 1
    assert "conflict" in result.stdout
    text = prepare.read_text()
    assert "<<<<<<< yours" in text and ">>>>>>> regenerated" in text
    assert "||||||| snapshot" in text
    assert "SEED = 1234" in text and "SEED = 5" in text
    backups = list((project / STATE / "backup").iterdir())
    assert len(backups) == 1
    saved = backups[0] / "python" / "prepare.py"
    assert saved.read_text() == original.replace("SEED = 42", "SEED = 1234")


def test_dropping_a_flavour_removes_untouched_files_and_keeps_edited(tmp_path):
    project = generate(tmp_path / "p", "flavours=python")
    edited = project / "python" / "train.py"
    edited.write_text(edited.read_text() + "\n# keep me\n")

    # Files the render no longer produces, as after a dropped step: one the
    # user never touched, one they edited.
    snapshot = json.loads((project / STATE / "snapshot.json").read_text())
    snapshot["files"]["python/old_step.py"] = "print('old')\n"
    snapshot["files"]["python/old_edited.py"] = "print('old')\n"
    (project / STATE / "snapshot.json").write_text(json.dumps(snapshot))
    (project / "python" / "old_step.py").write_text("print('old')\n")
    (project / "python" / "old_edited.py").write_text("print('mine')\n")

    result = aawgen("regenerate", str(project), "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["changes"]
    report = {row["path"]: row["action"] for row in rows}
    assert report["python/old_step.py"] == "removed"
    assert report["python/old_edited.py"] == "kept"
    assert not (project / "python" / "old_step.py").exists()
    assert (project / "python" / "old_edited.py").read_text() == "print('mine')\n"
    assert "# keep me" in edited.read_text()


def test_dry_run_and_diff_write_nothing(tmp_path):
    project = generate(tmp_path / "p")
    before = tree(project)
    result = aawgen("regenerate", str(project), "--dry-run", "--diff",
                    "--set", "seed=8")
    assert result.returncode == 0, result.stderr
    assert "-SEED = 42" in result.stdout and "+SEED = 8" in result.stdout
    assert "Dry run" in result.stdout
    assert tree(project) == before


def test_invalid_new_answers_exit_2_before_writing(tmp_path):
    project = generate(tmp_path / "p")
    before = tree(project)
    result = aawgen("regenerate", str(project), "--set", "target=nope")
    assert result.returncode == 2
    assert "target" in result.stderr
    assert tree(project) == before


def test_damaged_snapshot_is_refused_then_adopted_safely(tmp_path):
    project = generate(tmp_path / "p")
    (project / STATE / "snapshot.json").write_text("{not json")
    train = project / "python" / "train.py"
    train.write_text(train.read_text() + "# mine\n")
    before = user_files(project)

    refused = aawgen("regenerate", str(project), "--set", "seed=4")
    assert refused.returncode == 2
    assert "damaged" in refused.stderr and "--adopt" in refused.stderr
    assert user_files(project) == before

    adopted = aawgen("regenerate", str(project), "--adopt", "--set", "seed=4")
    assert adopted.returncode == 1  # every differing file is a conflict
    assert train.read_bytes() == before["python/train.py"]
    assert "SEED = 4" in (project / "python/train.py.regenerated").read_text()
    assert regenerate_project(project, quiet=True) == 0  # snapshot usable again


def test_missing_answers_file_gives_a_clear_error(tmp_path):
    project = generate(tmp_path / "p")
    (project / STATE / "answers.yaml").unlink()
    result = aawgen("regenerate", str(project))
    assert result.returncode == 2
    assert "answers.yaml is missing" in result.stderr


def test_check_reports_edits_and_stale_answers(tmp_path):
    project = generate(tmp_path / "p")
    (project / "python" / "train.py").write_text("# replaced\n")
    result = aawgen("check", str(project), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert {"path": "python/train.py", "state": "edited"} in report["edited"]

    answers = project / STATE / "answers.yaml"
    answers.write_text(answers.read_text().replace("target: Species",
                                                   "target: Gone"))
    report = json.loads(aawgen("check", str(project), "--json").stdout)
    assert "target" in report["answers_problem"]


# Property: random edits and random answer changes never lose a user's line.

edits = st.lists(
    st.tuples(st.sampled_from(["add", "change", "delete_line", "delete_file"]),
              st.integers(0, 10_000), st.text("abcxyz ", min_size=1, max_size=12)),
    max_size=6,
)
answer_changes = st.lists(
    st.sampled_from(["seed=1", "seed=99", "test_size=0.3", "cv_folds=3",
                     "algorithm=decision_tree", "n_trees=10", "missing=drop",
                     "project_name=Autre projet", "description=Nouvelle"]),
    max_size=3, unique=True,
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return tree(generate(tmp_path_factory.mktemp("base") / "p"))


def materialise(folder, files):
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(edits=edits, changes=answer_changes, dry_run=st.booleans())
def test_no_user_line_is_ever_lost(tmp_path_factory, pristine, edits, changes,
                                   dry_run):
    project = tmp_path_factory.mktemp("prop") / "p"
    materialise(project, pristine)
    editable = sorted(p for p in pristine if not p.startswith(STATE)
                      and p.endswith((".py", ".md", ".txt", "Makefile")))
    added_lines = {}
    deleted = set()
    for kind, number, text in edits:
        path = editable[number % len(editable)]
        target = project / path
        if kind == "delete_file" or path in deleted:
            target.unlink(missing_ok=True)
            deleted.add(path)
            continue
        lines = target.read_text().splitlines(True)
        at = number % (len(lines) + 1)
        line = f"USER {text} {number}\n"
        if kind == "add":
            lines.insert(at, line)
        elif kind == "change" and lines:
            lines[at % len(lines)] = line
        elif lines:
            del lines[at % len(lines)]
            line = None
        target.write_text("".join(lines))
        if line:
            added_lines.setdefault(path, []).append(line)
    before = tree(project)

    regenerate_project(project, sets=changes, dry_run=dry_run, quiet=True)

    after = tree(project)
    if dry_run:
        assert after == before
        return
    for path in deleted:
        assert path not in after, path
    for path, lines in added_lines.items():
        if path in deleted:
            continue
        text = after[path].decode()
        for line in lines:
            if line in before[path].decode():  # not overwritten by a later edit
                assert line in text, (path, line)
    for path in before:
        if not path.startswith(STATE) and path not in after:
            # only files the render no longer makes and the user never edited
            assert before[path] == pristine.get(path), path


def test_plan_file_decisions():
    assert plan_file("a", b"x", b"y", b"x").action == "updated"
    assert plan_file("a", b"x", b"x", b"mine").action == "unchanged"
    assert plan_file("a", None, b"y", None).action == "created"
    assert plan_file("a", b"x", None, b"x").action == "removed"
    assert plan_file("a", b"x", None, b"mine").action == "kept"
    assert plan_file("a", b"x", b"y", None).action == "deleted"
    assert plan_file("a", b"1\n2\n3\n", b"1\n2\n3\nnew\n",
                     b"mine\n1\n2\n3\n").action == "merged"


def test_interrupt_leaves_each_file_old_or_new(tmp_path, monkeypatch):
    import generator.writer as writer

    project = generate(tmp_path / "p")
    old = tree(project)
    fresh = tree(generate(tmp_path / "fresh", "seed=6"))
    real_replace = writer.replace_file
    calls = []

    def interrupted(path, content):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real_replace(path, content)

    monkeypatch.setattr(writer, "replace_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        regenerate_project(project, sets=["seed=6"], quiet=True)
    monkeypatch.setattr(writer, "replace_file", real_replace)

    now = tree(project)
    for path, content in now.items():
        if path.startswith(STATE):
            continue
        assert content in (old.get(path), fresh.get(path)), path
    for state in ("answers.yaml", "snapshot.json"):
        assert now[STATE + state] == old[STATE + state]
    assert not [p for p in project.rglob(".*.*") if p.is_file()
                and not str(p.relative_to(project)).startswith(STATE)]

    # A file the interrupted run wrote is known as ours, so a different
    # change afterwards updates it cleanly instead of marking a conflict.
    assert regenerate_project(project, sets=["seed=8"], quiet=True) == 0
    assert user_files(project) == user_files(generate(tmp_path / "eight",
                                                      "seed=8"))
    assert not (project / STATE / "pending.json").exists()


def test_interrupted_new_leaves_nothing(tmp_path, monkeypatch):
    import generator.writer as writer

    def interrupted(path, content):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "_write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        generate(tmp_path / "p")
    assert list(tmp_path.iterdir()) == []


def test_dropping_the_r_flavour_removes_untouched_and_keeps_edited(tmp_path):
    project = generate(tmp_path / "p", "flavours=python,r")
    train = project / "r" / "train.R"
    train.write_text(train.read_text() + "\n# my tuning notes\n")

    result = aawgen("regenerate", str(project), "--set", "flavours=python",
                    "--json")

    assert result.returncode == 0, result.stderr
    report = {r["path"]: r["action"] for r in json.loads(result.stdout)["changes"]}
    assert report["r/train.R"] == "kept"
    assert report["r/prepare.R"] == "removed"
    assert sorted(p.name for p in (project / "r").rglob("*") if p.is_file()) == [
        "train.R"
    ]
    assert "# my tuning notes" in train.read_text()
    assert "run-r" not in (project / "Makefile").read_text()


def _edit_cell(path, cell_id, change):
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.id == cell_id)
    cell.source = change(cell.source)
    nbformat.write(notebook, path)


def test_notebooks_merge_as_notebooks(tmp_path):
    import nbformat

    project = generate(tmp_path / "p")
    notebook = project / "notebooks" / "python.ipynb"
    _edit_cell(notebook, "imports", lambda source: source + "\nimport math")

    assert regenerate_project(project, sets=["seed=11"], quiet=True) == 0

    merged = nbformat.read(notebook, as_version=4)
    nbformat.validate(merged)
    sources = {cell.id: cell.source for cell in merged.cells}
    assert "import math" in sources["imports"]
    assert "SEED = 11" in sources["parameters"]


def test_clashing_notebook_cells_keep_yours_and_put_the_render_beside(tmp_path):
    import nbformat

    project = generate(tmp_path / "p")
    notebook = project / "notebooks" / "python.ipynb"
    _edit_cell(notebook, "parameters",
               lambda source: source.replace("SEED = 42", "SEED = 1000"))
    mine = notebook.read_bytes()

    assert regenerate_project(project, sets=["seed=12"], quiet=True) == 1

    assert notebook.read_bytes() == mine
    beside = project / "notebooks" / "python.ipynb.regenerated"
    nbformat.validate(nbformat.reads(beside.read_text(), as_version=4))
    assert "SEED = 12" in beside.read_text()
