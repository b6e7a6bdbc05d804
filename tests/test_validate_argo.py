"""The Argo validator accepts a sound workflow and names each usual mistake."""

import pytest

from generator.validate.argo import (
    check_document,
    check_workflow_file,
    check_workflow_text,
)
from generator.validate.argo_schema import VERSIONS
from generator.validate.docpath import format_path

GOOD = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: iris-
spec:
  entrypoint: pipeline
  serviceAccountName: default-editor
  podMetadata:
    annotations:
      sidecar.istio.io/inject: "false"
  arguments:
    parameters:
      - name: dataset
        value: "/home/jovyan/buckets/data/iris.csv"
      - name: seed
        value: "42"
  templates:
    - name: pipeline
      dag:
        tasks:
          - name: prepare
            template: prepare
            arguments:
              parameters:
                - name: dataset
                  value: "{{workflow.parameters.dataset}}"
          - name: train
            template: train
            depends: prepare
            arguments:
              parameters:
                - name: seed
                  value: "{{workflow.parameters.seed}}"
              artifacts:
                - name: prepared
                  from: "{{tasks.prepare.outputs.artifacts.prepared}}"
          - name: evaluate
            template: evaluate
            depends: train.Succeeded
            arguments:
              artifacts:
                - name: model
                  from: "{{tasks.train.outputs.artifacts.model}}"
                - name: test
                  from: "{{tasks.train.outputs.artifacts.test}}"
    - name: prepare
      inputs:
        parameters:
          - name: dataset
      container:
        image: "registry.example/iris-python:1.0"
        command: [python, prepare.py]
        args: [--input, "{{inputs.parameters.dataset}}", --output, /tmp/prepared.csv]
        resources:
          requests: {cpu: "500m", memory: "512Mi"}
          limits: {cpu: "1", memory: "1Gi"}
      outputs:
        artifacts:
          - name: prepared
            path: /tmp/prepared.csv
    - name: train
      inputs:
        parameters:
          - name: seed
            default: "42"
        artifacts:
          - name: prepared
            path: /tmp/in/prepared.csv
      container:
        image: "registry.example/iris-python:1.0"
        command: [python, train.py]
        args:
          - --input
          - "{{inputs.artifacts.prepared.path}}"
          - --output-dir
          - /tmp/out
          - --seed
          - "{{inputs.parameters.seed}}"
        resources:
          requests: {cpu: "1", memory: "1Gi"}
          limits: {cpu: "2", memory: "2Gi"}
      outputs:
        artifacts:
          - name: model
            path: /tmp/out/model.joblib
          - name: test
            path: /tmp/out/test.csv
    - name: evaluate
      inputs:
        artifacts:
          - name: model
            path: /tmp/in/model.joblib
          - name: test
            path: /tmp/in/test.csv
      container:
        image: "registry.example/iris-python:1.0"
        command: [python, evaluate.py]
        args:
          - --model
          - "{{inputs.artifacts.model.path}}"
          - --test
          - "{{inputs.artifacts.test.path}}"
          - --output
          - "{{outputs.artifacts.metrics.path}}"
        resources:
          requests: {cpu: "500m", memory: "512Mi"}
          limits: {cpu: "1", memory: "1Gi"}
      outputs:
        artifacts:
          - name: metrics
            path: /tmp/out/metrics.json
"""


def broken(old: str, new: str, text: str = GOOD) -> str:
    """GOOD with one mistake put in; fails loudly if ``old`` is not there."""
    assert old in text, old
    return text.replace(old, new, 1)


def problems_of(text: str) -> list[str]:
    return [str(problem) for problem in check_workflow_text(text, "wf.yaml")]


def only_problem(text: str) -> str:
    found = problems_of(text)
    assert len(found) == 1, "\n".join(found)
    return found[0]


# -- sound documents ---------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_good_workflow_passes(version):
    assert check_workflow_text(GOOD, "wf.yaml", version=version) == []


def test_workflow_template_variant_passes():
    text = broken("kind: Workflow", "kind: WorkflowTemplate")
    text = broken("generateName: iris-", "name: iris-train", text)
    assert problems_of(text) == []


def test_steps_template_passes():
    text = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: steps-}
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: make
            template: make
        - - name: show
            template: show
            arguments:
              parameters:
                - name: text
                  value: "{{steps.make.outputs.parameters.text}}"
    - name: make
      container: {image: "alpine:3.20", command: [sh, -c, "echo hi > /tmp/t"]}
      outputs:
        parameters:
          - name: text
            valueFrom: {path: /tmp/t}
    - name: show
      inputs: {parameters: [{name: text}]}
      container: {image: "alpine:3.20", args: [echo, "{{inputs.parameters.text}}"]}
"""
    assert problems_of(text) == []


def test_capital_task_names_pass_as_argo_lint_lets_them():
    text = broken("          - name: prepare\n", "          - name: Prepare\n")
    text = text.replace("depends: prepare", "depends: Prepare")
    text = text.replace("{{tasks.prepare.", "{{tasks.Prepare.")
    assert problems_of(text) == []


def test_file_reader_uses_the_given_name(tmp_path):
    path = tmp_path / "wf.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert check_workflow_file(path) == []
    bad = broken('cpu: "2"', "cpu: 2")
    path.write_text(bad, encoding="utf-8")
    (problem,) = check_workflow_file(path, shown_as="workflows/wf.yaml")
    assert problem.file == "workflows/wf.yaml"


# -- the mistakes issue 5 lists ----------------------------------------------


def test_flattened_indentation_that_breaks_parsing():
    text = broken(
        "    - name: prepare\n      inputs:",
        "    - name: prepare\n    inputs:",
    )
    problem = only_problem(text)
    assert "YAML does not parse" in problem
    assert "line 47, column 5" in problem
    assert "indentation" in problem


def test_flattened_indentation_that_still_parses():
    text = broken("metadata:\n  generateName", "metadata:\ngenerateName")
    found = problems_of(text)
    assert any(
        "unknown key 'generateName' at the top level" in line
        and "indent 'generateName' under 'metadata'" in line
        for line in found
    ), found
    assert any(
        "metadata (line 3): is empty but must be a mapping" in line for line in found
    )


def test_inputs_nested_under_container():
    text = broken(
        "      inputs:\n        parameters:\n          - name: dataset\n"
        '      container:\n        image: "registry.example/iris-python:1.0"\n',
        '      container:\n        image: "registry.example/iris-python:1.0"\n'
        "        inputs:\n          parameters:\n            - name: dataset\n",
    )
    found = problems_of(text)
    assert any(
        line.startswith("wf.yaml: spec.templates[1].container.inputs (line ")
        and "unknown key 'inputs'" in line
        and "move it out of 'container'" in line
        for line in found
    ), found
    assert any(
        "spec.templates[1].container.args[1]" in line
        and "'{{inputs.parameters.dataset}}' names no input parameter" in line
        and "move it up one level" in line
        for line in found
    ), found


def test_template_name_typo():
    text = broken("template: train\n", "template: trian\n")
    problem = only_problem(text)
    assert "spec.templates[0].dag.tasks[1].template" in problem
    assert "calls template 'trian', which does not exist" in problem
    assert "did you mean 'train'?" in problem


def test_entrypoint_typo():
    problem = only_problem(broken("entrypoint: pipeline", "entrypoint: pipline"))
    assert "spec.entrypoint (line 6)" in problem
    assert "did you mean 'pipeline'?" in problem


def test_input_parameter_typo():
    text = broken('"{{inputs.parameters.dataset}}"', '"{{inputs.parameters.datset}}"')
    problem = only_problem(text)
    assert "spec.templates[1].container.args[1]" in problem
    assert "'{{inputs.parameters.datset}}' names no input parameter" in problem
    assert "did you mean 'dataset'?" in problem


def test_workflow_parameter_typo():
    text = broken("{{workflow.parameters.seed}}", "{{workflow.parameters.sed}}")
    problem = only_problem(text)
    assert "spec.templates[0].dag.tasks[1].arguments.parameters[0].value" in problem
    assert "names no workflow parameter" in problem
    assert "did you mean 'seed'?" in problem


def test_argument_name_typo():
    text = broken("                - name: seed\n", "                - name: sed\n")
    problem = only_problem(text)
    assert "tasks[1].arguments.parameters[0].name" in problem
    assert (
        "passes 'sed', which is not an input parameter of template 'train'" in problem
    )


def test_bad_depends():
    found = problems_of(broken("depends: prepare", "depends: prepar"))
    problem = found[0]
    assert "spec.templates[0].dag.tasks[1].depends" in problem
    assert "depends on task 'prepar', which this DAG does not have" in problem
    assert "did you mean 'prepare'?" in problem


def test_bad_depends_result():
    problem = only_problem(broken("train.Succeeded", "train.Sucess"))
    assert "'Sucess' is not a task result" in problem


def test_dependency_cycle():
    text = broken(
        "            template: prepare\n",
        "            template: prepare\n            depends: evaluate\n",
    )
    found = problems_of(text)
    assert any(
        "cycle (prepare -> evaluate -> train -> prepare)" in line for line in found
    ), found


def test_reading_a_task_that_is_not_upstream():
    text = broken("depends: train.Succeeded", "depends: prepare")
    found = problems_of(text)
    assert any(
        "reads task 'train' before it runs: add it to depends" in line for line in found
    )


def test_bad_artifact_from():
    text = broken(
        "{{tasks.prepare.outputs.artifacts.prepared}}",
        "{{tasks.prepare.outputs.artifacts.prepped}}",
    )
    problem = only_problem(text)
    assert "tasks[1].arguments.artifacts[0].from" in problem
    assert "names no output artifact of template 'prepare'" in problem
    assert "did you mean 'prepared'?" in problem


def test_artifact_from_that_is_not_an_artifact():
    text = broken(
        'from: "{{tasks.prepare.outputs.artifacts.prepared}}"',
        'from: "/tmp/prepared.csv"',
    )
    problem = only_problem(text)
    assert "must be one reference to an artifact" in problem


def test_unsupplied_parameter():
    text = broken(
        "            arguments:\n              parameters:\n"
        "                - name: dataset\n"
        '                  value: "{{workflow.parameters.dataset}}"\n',
        "",
    )
    problem = only_problem(text)
    assert problem.startswith("wf.yaml: spec.templates[0].dag.tasks[0] (line 21)")
    assert "does not supply input parameter 'dataset' of template 'prepare'" in problem


def test_unsupplied_entrypoint_parameter():
    text = broken(
        "\n    - name: pipeline\n",
        "\n    - name: pipeline\n      inputs: {parameters: [{name: owner}]}\n",
    )
    problem = only_problem(text)
    assert (
        "the workflow's spec.arguments does not supply input parameter 'owner'"
        in problem
    )


def test_underscore_in_a_name():
    text = broken("template: train\n", "template: train_model\n")
    text = broken("\n    - name: train\n", "\n    - name: train_model\n", text)
    problem = only_problem(text)
    assert "spec.templates[2].name" in problem
    assert "template name 'train_model' is not an RFC 1123 name" in problem
    assert "rename it 'train-model'" in problem


def test_bare_output_artifact_in_args():
    text = broken(
        '"{{outputs.artifacts.metrics.path}}"', '"{{outputs.artifacts.metrics}}"'
    )
    problem = only_problem(text)
    assert "spec.templates[3].container.args[5]" in problem
    assert (
        "'{{outputs.artifacts.metrics}}' is never replaced inside a container"
        in problem
    )
    assert "'{{outputs.artifacts.metrics.path}}'" in problem
    assert "/tmp/out/metrics.json" in problem


def test_missing_image():
    text = broken(
        '        image: "registry.example/iris-python:1.0"\n'
        "        command: [python, train.py]\n",
        "        command: [python, train.py]\n",
    )
    problem = only_problem(text)
    assert "spec.templates[2].container" in problem
    assert "'image' is required" in problem


def test_unquoted_number_where_a_string_is_required():
    problem = only_problem(broken('limits: {cpu: "2"', "limits: {cpu: 2"))
    assert "spec.templates[2].container.resources.limits.cpu" in problem
    assert 'must be a string, but YAML read a number 2: quote it ("2")' in problem


def test_unquoted_parameter_value():
    problem = only_problem(broken('value: "42"', "value: 42"))
    assert "spec.arguments.parameters[1].value" in problem
    assert 'quote it ("42")' in problem


# -- other structural mistakes -------------------------------------------------


def test_two_template_types():
    text = broken(
        "\n    - name: prepare\n",
        '\n    - name: prepare\n      script: {image: "python:3.11", source: x}\n',
    )
    problem = only_problem(text)
    assert "template 'prepare' has container and script" in problem


def test_misspelt_key_gets_a_suggestion():
    problem = only_problem(
        broken(
            "        command: [python, train.py]", "        comand: [python, train.py]"
        )
    )
    assert "unknown key 'comand'" in problem
    assert "did you mean 'command'?" in problem


def test_duplicate_key():
    text = broken(
        "  entrypoint: pipeline\n", "  entrypoint: pipeline\n  entrypoint: pipeline\n"
    )
    problem = only_problem(text)
    assert "key 'entrypoint' appears twice" in problem


def test_workflow_without_a_name():
    problem = only_problem(
        broken("metadata:\n  generateName: iris-\n", "metadata: {}\n")
    )
    assert "add generateName" in problem


def test_unknown_kind():
    problem = only_problem(broken("kind: Workflow", "kind: Pod"))
    assert "kind 'Pod' is not an Argo workflow kind" in problem


def test_several_documents_are_numbered():
    text = GOOD + "---\n" + broken('cpu: "500m"', "cpu: 0.5")
    problem = only_problem(text)
    assert problem.startswith("wf.yaml: document 2, spec.templates[1]")


def test_check_document_without_source():
    import yaml

    doc = yaml.safe_load(broken("depends: prepare", "depends: nowhere"))
    problem = check_document(doc, "wf.yaml")[0]
    assert problem.where == "spec.templates[0].dag.tasks[1].depends"


# -- the AAW documentation's own example -------------------------------------

# The single-step example of the AAW training-pipelines page
# (StatCan/aaw, docs/en/3-Pipelines/Machine-Learning-Training-Pipelines.md),
# with its lost indentation put back the way its author meant it.
DOCS_EXAMPLE = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: ml-pipeline-
spec:
  entrypoint: train
  templates:
  - name: train
    container:
      image: machine-learning:v1
      command: ["python", "train.py"]
      args: ["--input", "{{inputs.parameters.dataset}}",
             "--output", "{{outputs.artifacts.model}}"]
      inputs:
        parameters:
        - name: dataset
          default: "iris.csv"
      outputs:
        artifacts:
        - name: model
          path: /output/model.pkl
"""

DOCS_EXAMPLE_FIXED = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: ml-pipeline-
spec:
  entrypoint: train
  arguments:
    parameters:
    - name: dataset
      value: "iris.csv"
  templates:
  - name: train
    inputs:
      parameters:
      - name: dataset
    container:
      image: machine-learning:v1
      command: ["python", "train.py"]
      args: ["--input", "{{inputs.parameters.dataset}}",
             "--output", "{{outputs.artifacts.model.path}}"]
    outputs:
      artifacts:
      - name: model
        path: /output/model.pkl
"""


def test_documentation_example_is_rejected_for_the_right_reasons():
    found = problems_of(DOCS_EXAMPLE)
    assert len(found) == 4, "\n".join(found)
    text = "\n".join(found)
    assert "container.inputs (line 14): unknown key 'inputs'" in text
    assert "container.outputs (line 18): unknown key 'outputs'" in text
    assert "container.args[3] (line 13): '{{outputs.artifacts.model}}' is never" in text
    assert "container.args[1] (line 12): '{{inputs.parameters.dataset}}'" in text


def test_documentation_example_as_printed_does_not_parse():
    # The page prints the example with every level flattened like this.
    printed = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
generateName: ml-pipeline-
spec:
entrypoint: train
templates:
- name: train
    container:
    image: machine-learning:v1
"""
    problem = only_problem(printed)
    assert problem.startswith("wf.yaml: line 9, column 14: YAML does not parse")


def test_documentation_example_repaired_passes():
    assert problems_of(DOCS_EXAMPLE_FIXED) == []


def test_format_path_quotes_keys_with_dots():
    path = ("spec", "podMetadata", "annotations", "sidecar.istio.io/inject")
    assert (
        format_path(path) == 'spec.podMetadata.annotations["sidecar.istio.io/inject"]'
    )
    assert format_path(("spec", "templates", 2, "container", "args", 3)) == (
        "spec.templates[2].container.args[3]"
    )


def test_generated_equivalent_of_the_documentation_example_passes():
    from generator import answers
    from generator.workflows import build_workflow_files

    context = answers.derive(answers.collect({"flavours": "python"}))
    files = build_workflow_files(context)
    text = files["workflows/iris-classifier.yaml"]
    assert problems_of(text) == []
    # The same mistakes, made in the generated workflow, are caught there too.
    assert "is never replaced inside a container" in only_problem(
        text.replace(
            "{{outputs.artifacts.metrics.path}}", "{{outputs.artifacts.metrics}}"
        )
    )
