"""The generated Argo workflow: valid for every answer combination, built
from data, and followed exactly by the Hera script."""

import itertools
import os
import py_compile
import runpy
import shutil
import subprocess
import sys

import pytest
import yaml

from generator import answers as answer_book
from generator.errors import AnswerError
from generator.validate.argo import check_workflow_text
from generator.workflows import (
    COULER_SCRIPT,
    HERA_PIN,
    HERA_SCRIPT,
    build_workflow_files,
)

FLAVOURS = ("python", "r", "saspy", "sas")
FLAVOUR_SETS = [
    ",".join(combo)
    for size in range(1, 5)
    for combo in itertools.combinations(FLAVOURS, size)
]
SAS_IMAGE = "registry.example.ca/sas/licensed:9.4"
OPTIONS_ON = {
    "workflow_template": "true",
    "couler": "true",
    "istio_sidecar_off": "true",
    "gpu": "2",
    "namespace": "team-ml",
    "sas_image": SAS_IMAGE,
}
OPTIONS_OFF = {
    "workflow_template": "false",
    "couler": "false",
    "istio_sidecar_off": "false",
    "gpu": "0",
    "namespace": "",
    "sas_image": "",
}


def context_for(**given):
    """The template context for these answers (everything else defaulted)."""
    return answer_book.derive(answer_book.collect(given))


def workflow_files(**given) -> dict[str, str]:
    return build_workflow_files(context_for(**given))


def combinations():
    """Every flavour set with every option on, every option off, and each
    option alone."""
    for flavours in FLAVOUR_SETS:
        yield flavours, OPTIONS_ON
        yield flavours, OPTIONS_OFF
    for key, value in OPTIONS_ON.items():
        yield "python,r,saspy,sas", {**OPTIONS_OFF, key: value}


COMBINATIONS = list(combinations())


def combination_id(combination) -> str:
    flavours, options = combination
    on = [key for key, value in options.items() if value not in ("false", "0", "")]
    return flavours + ("+" + "+".join(on) if on else "")


@pytest.fixture(scope="module", params=COMBINATIONS, ids=combination_id)
def generated(request):
    flavours, options = request.param
    return flavours.split(","), options, workflow_files(flavours=flavours, **options)


def documents(files: dict[str, str]) -> dict[str, dict]:
    return {
        path: yaml.safe_load(text)
        for path, text in files.items()
        if path.endswith(".yaml")
    }


def containers(document: dict):
    """(template, container or script body) for every step template."""
    for template in document["spec"]["templates"]:
        body = template.get("container") or template.get("script")
        if body is not None:
            yield template, body


# -- every combination -------------------------------------------------------


def test_every_yaml_passes_the_validator(generated):
    _, _, files = generated
    for path, text in files.items():
        if path.endswith(".yaml"):
            assert check_workflow_text(text, path) == []


def test_the_right_files_are_written(generated):
    flavours, options, files = generated
    on_argo = [
        flavour
        for flavour in flavours
        if options["sas_image"] or flavour not in ("saspy", "sas")
    ]
    if not on_argo:
        assert files == {}
        return
    slug = "iris-classifier"
    expected = {f"workflows/{slug}.yaml", HERA_SCRIPT, "workflows/README.md"}
    if options["workflow_template"] == "true":
        expected.add(f"workflows/{slug}-template.yaml")
    if options["couler"] == "true":
        expected.add(COULER_SCRIPT)
    assert set(files) == expected


def test_dag_shape_follows_the_flavours(generated):
    flavours, options, files = generated
    for document in documents(files).values():
        on_argo = [
            flavour
            for flavour in flavours
            if options["sas_image"] or flavour not in ("saspy", "sas")
        ]
        main = document["spec"]["templates"][0]
        tasks = {task["name"]: task for task in main["dag"]["tasks"]}
        assert document["spec"]["entrypoint"] == "main"
        assert "depends" not in tasks["prepare"]
        for flavour in on_argo:
            assert tasks[f"train-{flavour}"]["depends"] == "prepare"
            assert tasks[f"evaluate-{flavour}"]["depends"] == f"train-{flavour}"
        assert tasks["compare"]["depends"] == " && ".join(
            f"evaluate-{flavour}" for flavour in on_argo
        )
        left_out = [flavour for flavour in flavours if flavour not in on_argo]
        for flavour in left_out:
            assert f"train-{flavour}" not in tasks


def test_platform_rules_of_the_reference(generated):
    """generateName, service account, requests and limits on every step, the
    Istio annotation exactly when asked, GPUs only on training."""
    _, options, files = generated
    for document in documents(files).values():
        spec = document["spec"]
        if document["kind"] == "Workflow":
            assert document["metadata"]["generateName"] == "iris-classifier-"
            assert "name" not in document["metadata"]
        else:
            assert document["metadata"]["name"] == "iris-classifier"
        assert spec["serviceAccountName"] == "default-editor"
        istio = spec.get("podMetadata", {}).get("annotations", {})
        if options["istio_sidecar_off"] == "true":
            assert istio == {"sidecar.istio.io/inject": "false"}
        else:
            assert istio == {}
        if options["namespace"]:
            assert document["metadata"]["namespace"] == options["namespace"]
        for template, body in containers(document):
            resources = body["resources"]
            for part in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(resources[part]), template["name"]
                assert all(isinstance(v, str) for v in resources[part].values())
            gpu = resources["limits"].get("nvidia.com/gpu")
            if template["name"].startswith("train-") and options["gpu"] != "0":
                assert gpu == options["gpu"]
            else:
                assert gpu is None


def test_every_string_value_is_quoted(generated):
    """Anything the schema types as a string reads back as one, whatever a
    later edit does to its neighbours: every string scalar is quoted."""
    _, _, files = generated
    for path, text in files.items():
        if not path.endswith(".yaml"):
            continue
        for node in yaml.compose(text).value:
            _assert_values_quoted(node[1], path)


def _assert_values_quoted(node, path):
    if isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            _assert_values_quoted(value, path)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _assert_values_quoted(item, path)
    elif node.tag == "tag:yaml.org,2002:str":
        assert node.style in ('"', "|"), (path, node.start_mark.line + 1, node.value)


def test_left_out_flavours_are_said_in_the_yaml_and_the_guide(generated):
    flavours, options, files = generated
    left_out = (
        []
        if options["sas_image"]
        else [flavour for flavour in flavours if flavour in ("saspy", "sas")]
    )
    if not files:
        return
    yaml_text = files["workflows/iris-classifier.yaml"]
    for flavour in left_out:
        assert f"# The {flavour} flavour is left out" in yaml_text
        assert f"The `{flavour}` flavour is left out" in files["workflows/README.md"]
    if not left_out:
        assert "left out" not in yaml_text


# -- the Hera script ---------------------------------------------------------


@pytest.fixture(scope="module")
def hera():
    """The pinned Hera; CI installs it, elsewhere its absence skips."""
    try:
        import hera as module
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Hera is not installed; .ci/run must install {HERA_PIN}")
        pytest.skip(f"Hera is not installed ({HERA_PIN})")
    from importlib.metadata import version

    assert version("hera") == HERA_PIN.split("==")[1]
    return module


def run_hera_build(tmp_path, files, namespace=""):
    script = tmp_path / "hera_workflow.py"
    script.write_text(files[HERA_SCRIPT], encoding="utf-8")
    from hera.shared import global_config

    global_config.reset()
    if namespace:
        global_config.namespace = namespace
    try:
        return runpy.run_path(str(script))["build"]().to_dict()
    finally:
        global_config.reset()


def test_hera_script_builds_the_yaml_workflow(generated, hera, tmp_path):
    _, options, files = generated
    if not files:
        return
    expected = yaml.safe_load(files["workflows/iris-classifier.yaml"])
    built = run_hera_build(tmp_path, files, options["namespace"])
    assert built == expected


def test_hera_script_runs_offline_as_a_program(hera, tmp_path):
    files = workflow_files(flavours="python,r", istio_sidecar_off="true")
    script = tmp_path / "hera_workflow.py"
    script.write_text(files[HERA_SCRIPT], encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("ARGO_") and key != "NB_NAMESPACE"
    }
    result = subprocess.run(
        [sys.executable, str(script), "--yaml"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(result.stdout) == yaml.safe_load(
        files["workflows/iris-classifier.yaml"]
    )


def test_hera_script_wants_server_and_token_from_the_environment(hera, tmp_path):
    files = workflow_files(flavours="python")
    script = tmp_path / "hera_workflow.py"
    script.write_text(files[HERA_SCRIPT], encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "ARGO_TOKEN"}
    env["ARGO_SERVER"] = "localhost:1"
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env
    )
    assert result.returncode != 0
    assert "set ARGO_TOKEN first" in result.stderr
    assert 'global_config.token = os.environ["ARGO_TOKEN"]' in files[HERA_SCRIPT]
    assert "Bearer" not in files[HERA_SCRIPT]


# -- generated Python is clean -----------------------------------------------


@pytest.mark.parametrize(
    "flavours,options",
    [("python", OPTIONS_ON), ("python,r,saspy,sas", OPTIONS_ON), ("r", OPTIONS_OFF)],
)
def test_scripts_compile_and_are_ruff_clean(tmp_path, flavours, options):
    files = workflow_files(flavours=flavours, **{**options, "couler": "true"})
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "p"\nrequires-python = ">=3.10"\n'
        "[tool.ruff]\nline-length = 88\n",
        encoding="utf-8",
    )
    scripts = []
    for name in (HERA_SCRIPT, COULER_SCRIPT):
        path = tmp_path / name.split("/")[-1]
        path.write_text(files[name], encoding="utf-8")
        py_compile.compile(str(path), doraise=True)
        scripts.append(str(path))
    ruff = shutil.which("ruff")
    if ruff is None:
        if os.environ.get("CI") == "true":
            pytest.fail("ruff is not installed")
        pytest.skip("ruff is not installed")
    check = subprocess.run(
        [ruff, "check", "--no-cache", *scripts],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout
    formatted = subprocess.run(
        [ruff, "format", "--check", "--diff", "--no-cache", *scripts],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert formatted.returncode == 0, formatted.stdout


def test_couler_script_is_marked_legacy_and_pinned():
    files = workflow_files(couler="true")
    text = files[COULER_SCRIPT]
    assert text.startswith('r"""LEGACY')
    assert "git+https://github.com/couler-proj/couler@" in text
    assert COULER_SCRIPT not in workflow_files(couler="false")


# -- hostile answers ---------------------------------------------------------


HOSTILE = 'Pré "vision" d\'été \\ {{ workflow.name }} ${HOME} `cmd` #tag: x'


def test_hostile_text_stays_data(hera, tmp_path):
    files = workflow_files(
        project_name=HOSTILE,
        description=HOSTILE + "\nsecond line",
        author=HOSTILE,
        storage_path='/home/jovyan/buckets/my bucket/d\'ata "x"',
        couler="true",
        workflow_template="true",
    )
    for path, text in files.items():
        if path.endswith(".yaml"):
            assert check_workflow_text(text, path) == [], path
            document = yaml.safe_load(text)
            annotations = document["metadata"]["annotations"]
            assert annotations["workflows.argoproj.io/title"] == " ".join(
                HOSTILE.split()
            )
        elif path.endswith(".py"):
            compile(text, path, "exec")
    (workflow_yaml,) = [
        text
        for path, text in files.items()
        if path.endswith(".yaml") and not path.endswith("-template.yaml")
    ]
    assert run_hera_build(tmp_path, files) == yaml.safe_load(workflow_yaml)


def test_argo_braces_in_a_path_stop_with_the_question_named():
    with pytest.raises(AnswerError) as caught:
        workflow_files(storage_path="/home/jovyan/buckets/x/{{workflow.name}}")
    assert caught.value.key == "storage_path"


def test_storage_outside_buckets_gets_its_own_claim():
    files = workflow_files(storage_path="~/data/crops")
    document = yaml.safe_load(files["workflows/iris-classifier.yaml"])
    parameters = {
        p["name"]: p["value"] for p in document["spec"]["arguments"]["parameters"]
    }
    assert parameters["dataset"] == "/home/jovyan/data/crops/iris.csv"
    assert parameters["data-claim"] == "iris-classifier-data"


# -- the READMEs -------------------------------------------------------------


def test_guide_teaches_the_argo_commands_and_the_artifact_repository():
    guide = workflow_files(workflow_template="true")["workflows/README.md"]
    for command in (
        "argo submit",
        "argo list",
        "argo get",
        "argo logs",
        "argo delete",
        "argo cp",
        "argo template create",
        "--from workflowtemplate/iris-classifier",
    ):
        assert command in guide, command
    assert "artifact-repositories" in guide
    assert HERA_PIN in guide


def test_project_readme_section_says_what_is_left_out():
    from generator.render import environment

    env = environment()
    section = env.get_template("workflows/_readme.md.jinja")
    text = section.render(context_for(flavours="python,sas"))
    assert "argo submit" in text
    assert "`sas` flavour is left out" in text
    nothing = section.render(context_for(flavours="sas"))
    assert "No workflow is generated" in nothing


def test_seed_parameter_reaches_flavours_whose_train_takes_it(
    monkeypatch, hera, tmp_path
):
    """A flavour whose train step takes --seed gets the workflow's seed."""
    import dataclasses

    from generator.workflows import RUNNERS

    # Python and R trains take --seed; SAS's is forced on to test its form.
    seeded = dataclasses.replace(RUNNERS["sas"], seed_option=True)
    monkeypatch.setitem(RUNNERS, "sas", seeded)
    files = workflow_files(
        flavours="python,r,sas", sas_image=SAS_IMAGE, seed="7", couler="true"
    )
    text = files["workflows/iris-classifier.yaml"]
    assert check_workflow_text(text, "wf.yaml") == []
    document = yaml.safe_load(text)
    parameters = dict(
        (p["name"], p["value"]) for p in document["spec"]["arguments"]["parameters"]
    )
    assert parameters["seed"] == "7"
    templates = {t["name"]: t for t in document["spec"]["templates"]}
    assert templates["train-python"]["container"]["args"][-2:] == [
        "--seed",
        "{{inputs.parameters.seed}}",
    ]
    assert templates["train-sas"]["container"]["args"][-3:] == [
        "-set",
        "SEED",
        "{{inputs.parameters.seed}}",
    ]
    assert templates["train-r"]["container"]["args"][-2:] == [
        "--seed",
        "{{inputs.parameters.seed}}",
    ]
    assert run_hera_build(tmp_path, files) == document
    compile(files[COULER_SCRIPT], COULER_SCRIPT, "exec")
    assert 'SEED = "7"' in files[COULER_SCRIPT]
