"""The recording SAS stand-in, driven by small scripts through the real saspy."""

import ast
import inspect
import textwrap

import saspy
from saspy.sasbase import SASsession

from generator.validate.saspy_scripts import check_standin_run, run_with_standin
from generator.validate.saspy_standin import RecordingSession

PREAMBLE = """\
import pandas as pd
import saspy

sas = saspy.SASsession(cfgname="default")
sas.set_batch(True)
frame = pd.DataFrame(
    {"size": [1.0, 2.0, 3.0, 4.0], "colour": ["r", "g", "r", "g"],
     "kind": ["a", "b", "a", "b"]}
)
train = sas.df2sd(frame, table="train")
"""


def run(tmp_path, body: str, env=None):
    script = tmp_path / "script.py"
    script.write_text(PREAMBLE + textwrap.dedent(body), encoding="utf-8")
    return run_with_standin(script, [], cwd=tmp_path, env=env)


def test_a_correct_script_runs_and_its_sas_is_recorded(tmp_path):
    result = run(
        tmp_path,
        """
        log = sas.submit("proc sort data=work.train;\\n  by kind;\\nrun;\\n")["LOG"]
        assert "ERROR" not in log
        model = sas.sasml().hpforest(
            data=train,
            target={"nominal": "kind"},
            input={"interval": ["size"], "nominal": ["colour"]},
            procopts="maxtrees=50 seed=42",
            save=sas.workpath + "forest.bin",
        )
        sas.sasstat().hpsplit(
            data=train, cls="colour kind", model="kind = size colour",
            code=sas.workpath + "tree.sas",
        )
        scored = sas.sd2df("scored", dsopts={"keep": ["kind", "prediction"]})
        assert list(scored.columns) == ["kind", "prediction"]
        assert list(scored["prediction"]) == list(frame["kind"])
        assert not sas.check_error_log
        """,
    )
    assert check_standin_run(result) == [], result.stderr
    origins = [(item["origin"], item["via"]) for _, item in result.checked_code()]
    assert origins == [
        ("script", "submit"),
        ("procedure", "hpforest"),
        ("procedure", "hpsplit"),
    ]
    forest = result.checked_code()[1][1]["code"]
    assert "target kind /level=nominal;" in forest
    assert "save file = '/saswork/standin/forest.bin';" in forest
    kinds = [transfer["kind"] for transfer in result.transfers]
    assert kinds == ["df2sd", "sd2df"]


def test_a_made_up_session_method_fails(tmp_path):
    result = run(tmp_path, "sas.hpforest(data=train, target='kind', input='size')\n")
    [problem] = check_standin_run(result)
    assert "has no attribute 'hpforest'" in problem.message


def test_a_made_up_surveyselect_fails(tmp_path):
    result = run(tmp_path, "sas.surveyselect(data=train, samprate=0.8)\n")
    assert not result.finished
    assert "has no attribute 'surveyselect'" in result.stderr


def test_an_argument_saspy_would_drop_fails(tmp_path):
    result = run(
        tmp_path,
        "sas.sasml().hpforest(data=train, target='kind', input='size', maxtrees=100)\n",
    )
    [problem] = check_standin_run(result)
    assert "invalid and will be ignored" in result.stderr
    assert "did not run to the end" in problem.message


def test_a_target_saspy_would_skip_with_a_logged_error_fails(tmp_path):
    result = run(
        tmp_path,
        "sas.sasml().hpforest(data=train, target={'nominal': ['kind', 'colour']},"
        " input='size')\n",
    )
    assert not result.finished
    assert "saspy logged" in result.stderr


def test_broken_sas_in_a_submission_is_reported(tmp_path):
    result = run(tmp_path, "sas.submit('data a;\\n  set b;\\ncourir;\\n')\n")
    problems = check_standin_run(result)
    assert result.finished
    assert any("'courir' is not a SAS keyword" in p.message for p in problems)
    assert all(p.where.startswith("SAS submission 1 (submit)") for p in problems)


def test_an_error_in_the_log_reaches_the_script(tmp_path):
    body = """
    sas.check_error_log = False
    log = sas.submit("proc sort data=work.train;\\n  by kind;\\nrun;\\n")["LOG"]
    if sas.check_error_log or "ERROR:" in log:
        raise SystemExit("SAS reported an error")
    """
    result = run(tmp_path, body, env={"AAWGEN_STANDIN_FAIL_AT": "1"})
    assert result.returncode == 1
    assert "SAS reported an error" in result.stderr


def test_the_standin_sets_every_attribute_a_real_session_sets():
    source = textwrap.dedent(inspect.getsource(SASsession.__init__))
    real = {
        node.attr
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }
    session = RecordingSession(cfgname="default")
    assert real - set(vars(session)) == set()


def test_the_standin_is_the_real_session_class_underneath():
    session = RecordingSession(cfgname="sasprod")
    assert isinstance(session, saspy.SASsession)
    assert session.sascfg.name == "sasprod"
    assert not hasattr(session, "surveyselect")
    assert hasattr(session, "read_csv")
