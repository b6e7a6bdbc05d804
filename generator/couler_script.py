"""The legacy Couler script of a project, written only when asked for.

Couler is unmaintained and cannot be installed from PyPI, so this script is
checked by compiling and linting it, not by running it. It follows the same
plan as the YAML, within what Couler can express; its header says where it
differs and why.
"""

from __future__ import annotations

from generator.i18n import N_
from generator.prose import comment, docstring, docstring_text
from generator.pycode import Code, call, render
from generator.quoting import one_line, py
from generator.workflows import (
    COULER_COMMIT,
    COULER_REPOSITORY,
    COULER_SCRIPT,
    RUNNERS,
    Plan,
    Step,
    compare_source,
)

# The docstring's paragraphs; messages in the project's language.
_INTRO = N_("LEGACY: build and submit this project's Argo workflow with Couler.")
_UNMAINTAINED = N_(
    "Couler has not been maintained since 2022, and the `couler` name on PyPI "
    "is an empty placeholder. Prefer the Hera script, which builds the same "
    "workflow as the YAML:"
)
_INSTALL = N_(
    "This script is kept for teams that already use Couler. Install Couler from "
    "its repository, pinned to its last commit:"
)
_SUBMITS = N_(
    "It submits through the Kubernetes API with your kubeconfig (on a notebook "
    "server, the server's own account) to the namespace named by the "
    "environment:"
)
_DIFFERENCES = (
    N_("Where it differs from the YAML, because of Couler:"),
    N_("Couler wraps container `args` in literal double quotes, so every "
       "argument is part of `command` here."),
    N_("Couler gives a step one set of resources for both requests and limits; "
       "the limits of the answers are used."),
    N_("Couler names artifacts itself and hands a step's outputs to the next "
       "step at the same path, so each step writes under /tmp/<step name>/."),
    N_("Workflow parameters are constants here: edit them below."),
)

_HEADER = '''\
r"""{intro}

{unmaintained}

    {hera}
    {yaml_file}

{install}

    python -m pip install \\
        "git+{repository}@{commit}"

{submits}

    export ARGO_NAMESPACE="$NB_NAMESPACE"
    python {script}           # {submit}
    python {script} --yaml    # {print_only}

{differences}
"""

import os
import sys

import couler.argo as couler
import yaml
from couler.argo_submitter import ArgoSubmitter
from couler.core.templates.volume import Volume, VolumeMount
'''

_MAIN = """

def main() -> None:
    namespace = os.environ.get("ARGO_NAMESPACE") or os.environ.get("NB_NAMESPACE")
    build()
    workflow = couler.workflow_yaml()
    {cannot_say}
    workflow["metadata"] = {{"generateName": GENERATE_NAME}}
    workflow["spec"]["serviceAccountName"] = SERVICE_ACCOUNT
{pod_metadata}    if "--yaml" in sys.argv[1:]:
        print(yaml.safe_dump(workflow, sort_keys=False))
        return
    if not namespace:
        sys.exit({no_namespace})
    ArgoSubmitter(namespace=namespace).submit(workflow, secrets=[])


if __name__ == "__main__":
    main()
"""


def couler_script(plan: Plan) -> str:
    """The script's source."""
    values = dict(plan.parameters)
    gettext = plan.gettext
    first, *items = (gettext(message) for message in _DIFFERENCES)
    differences = [docstring_text(first)] + [
        "- " + docstring_text(item, indent=2) for item in items
    ]
    header = _HEADER.format(
        intro=docstring_text(gettext(_INTRO), first=4),
        unmaintained=docstring_text(gettext(_UNMAINTAINED)),
        install=docstring_text(gettext(_INSTALL)),
        submits=docstring_text(gettext(_SUBMITS)),
        submit=one_line(gettext("submit")),
        print_only=one_line(gettext("print the workflow only")),
        differences="\n".join(differences),
        hera="workflows/hera_workflow.py",
        yaml_file=plan.yaml_file,
        repository=COULER_REPOSITORY,
        commit=COULER_COMMIT,
        script=COULER_SCRIPT,
    )
    constants = [
        "",
        "GENERATE_NAME = " + render(plan.generate_name, 0, 16),
        "SERVICE_ACCOUNT = " + render(plan.service_account, 0, 18),
        "DATASET = " + render(values["dataset"], 0, 10),
        "DATA_CLAIM = " + render(values["data-claim"], 0, 13),
        *(["SEED = " + render(values["seed"], 0, 7)] if "seed" in values else []),
        "IMAGES = "
        + render(
            {
                name[6:]: value
                for name, value in values.items()
                if name.startswith("image-")
            },
            0,
            9,
        ),
        'COMPARE_SOURCE = r"""'
        + compare_source(
            plan.task,
            plan.flavours,
            metrics="/tmp/evaluate-{flavour}/metrics.json",
            outputs="/tmp/compare",
            locale=plan.locale,
        )
        + '"""',
        "",
    ]
    functions = [_step_function(plan, step) for step in plan.steps]
    pod_metadata = ""
    if plan.pod_annotations:
        pod_metadata = (
            '    workflow["spec"]["podMetadata"] = '
            + render({"annotations": plan.pod_annotations}, 4, 34)
            + "\n"
        )
    return (
        header
        + "\n".join(constants)
        + "".join(functions)
        + _build(plan)
        + _MAIN.format(
            pod_metadata=pod_metadata,
            cannot_say=comment(gettext(
                "What Couler cannot say itself: a name made fresh at each "
                "submission, the service account and the pods' annotations."
            ), indent=4),
            no_namespace=py(gettext("Set ARGO_NAMESPACE (or NB_NAMESPACE) first.")),
        )
    )


def _step_function(plan: Plan, step: Step) -> str:
    flavour = step.name.split("-", 1)[1] if "-" in step.name else plan.flavours[0]
    image = Code(f'IMAGES["{"compare" if step.name == "compare" else flavour}"]')
    if step.source is not None:
        command = [*step.command, "-c", Code("COMPARE_SOURCE")]
        outputs = ["/tmp/compare/comparison.md", "/tmp/compare/comparison.json"]
    else:
        command, outputs = _command(plan, step, flavour)

    resources = dict(step.resources.get("limits", {}))
    arguments = {
        "step_name": step.name,
        "image": image,
        "command": command,
        "output": [call("couler.create_local_artifact", path) for path in outputs],
        "resources": resources,
    }
    if step.mounts:
        arguments["volume_mounts"] = [
            call("VolumeMount", mount["name"], mount["mountPath"])
            for mount in step.mounts
        ]
    body = "    return " + render(call("couler.run_container", **arguments), 4, 11)
    return f"\n\ndef {step.variable}():\n{body}\n"


def _command(plan: Plan, step: Step, flavour: str) -> tuple[list, list[str]]:
    """The step's full command line, with Couler's paths for artifacts."""
    runner = RUNNERS[flavour]
    here = f"/tmp/{step.name}"
    train, evaluate = f"/tmp/train-{flavour}", f"/tmp/evaluate-{flavour}"
    if step.name == "prepare":
        options = [("--input", Code("DATASET")), ("--output", f"{here}/prepared.csv")]
        outputs = [f"{here}/prepared.csv"]
    elif step.name.startswith("train-"):
        options = [("--input", "/tmp/prepare/prepared.csv"), ("--output-dir", here)]
        if runner.seed_option:
            options.append(("--seed", Code("SEED")))
        outputs = [f"{here}/{runner.model_file}", f"{here}/test.csv"]
    else:
        options = [
            ("--model", f"{train}/{runner.model_file}"),
            ("--test", f"{train}/test.csv"),
            ("--output", f"{evaluate}/metrics.json"),
        ]
        outputs = [f"{evaluate}/metrics.json"]
    command = list(step.command)
    for option, value in options:
        if runner.sas_options:
            command += ["-set", option.lstrip("-").upper().replace("-", "_"), value]
        else:
            command += [option, value]
    return command, outputs


def _build(plan: Plan) -> str:
    lines = [
        "",
        "",
        "def build() -> None:",
        "    " + docstring(plan.gettext(
            "Register the steps and their order with Couler."
        ), indent=4),
        '    couler.add_volume(Volume("data", DATA_CLAIM))',
    ]
    for step in plan.steps:
        depends = step.depends or None
        line = "    couler.set_dependencies(" + (
            f"{step.variable}, dependencies={depends!r})".replace("'", '"')
        )
        if len(line) > 88:
            line = "    couler.set_dependencies(\n        " + (
                f"{step.variable},\n        dependencies="
                + render(depends, 8, 13, 1)
                + ",\n    )"
            )
        lines.append(line)
    return "\n".join(lines) + "\n"
