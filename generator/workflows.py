"""The project's Argo workflow, built as data from the answers.

One plan (the steps, their images, commands, artifacts and dependencies)
feeds every output: the Workflow YAML, the WorkflowTemplate variant, the
Hera script and the legacy Couler script. Preparation runs once; each
flavour trains and evaluates in its own branch from the prepared table; a
last step gathers every flavour's ``metrics.json`` into one comparison.

Only flavours that have an image are planned: the SAS flavours need a
licensed SAS image, so without the ``sas_image`` answer they are left out
and the YAML and README say so.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from generator.i18n import N_, translations
from generator.quoting import one_line, py

WORKFLOW_DIR = "workflows"
HERA_SCRIPT = f"{WORKFLOW_DIR}/hera_workflow.py"
COULER_SCRIPT = f"{WORKFLOW_DIR}/couler_workflow.py"

# The Hera release the generated script is pinned to: the newest 5.x whose
# models were generated from Argo 3.6 (5.26 and later follow Argo 3.7).
HERA_PIN = "hera==5.25.1"
# Couler's last commit; the PyPI name `couler` is an empty placeholder.
COULER_COMMIT = "5c437c2f1552656b68dec1e4b562b57b027efe25"
COULER_REPOSITORY = "https://github.com/couler-proj/couler"

# Where steps read and write inside their pods; /tmp is writable by the
# images' non-root users.
INPUTS = "/tmp/inputs"
OUTPUTS = "/tmp/outputs"

SAS_FLAVOURS = ("saspy", "sas")
# The compare step needs only Python's standard library.
PUBLIC_PYTHON_IMAGE = "python:3.11.10-slim-bookworm"
COMPARE_RESOURCES = {
    "requests": {"cpu": "100m", "memory": "128Mi"},
    "limits": {"cpu": "500m", "memory": "256Mi"},
}


@dataclass(frozen=True)
class Runner:
    """How a flavour's image runs one step of the shared step contract.

    The images keep each flavour's step files in their working directory
    (/app). SAS reads its paths with %sysget from `-set NAME value` options,
    every other flavour from `--option value` arguments.
    """

    command: tuple[str, ...]
    extension: str
    model_file: str
    sas_options: bool = False
    # Whether train takes `--seed N`; the workflow's seed parameter reaches
    # only the flavours that do (the others use the seed of the answers).
    seed_option: bool = False


RUNNERS = {
    "python": Runner(("python",), ".py", "model.joblib", seed_option=True),
    "r": Runner(("Rscript",), ".R", "model.rds", seed_option=True),
    # The SAS flavours' model is a folder (imputation code, model, labels).
    "saspy": Runner(("python",), ".py", "model"),
    "sas": Runner(("sas", "-sysin"), ".sas", "model", sas_options=True),
}


@dataclass
class Step:
    """One template of the workflow and the DAG task that runs it."""

    name: str
    image: str
    command: list[str]
    args: list[str] = field(default_factory=list)
    source: str | None = None  # a script template's program
    parameters: list[str] = field(default_factory=list)  # input parameters
    inputs: list[tuple[str, str]] = field(default_factory=list)  # artifact, path
    outputs: list[tuple[str, str]] = field(default_factory=list)
    resources: dict[str, dict[str, str]] = field(default_factory=dict)
    mounts: list[dict[str, Any]] = field(default_factory=list)
    depends: list[str] = field(default_factory=list)
    pass_parameters: list[tuple[str, str]] = field(default_factory=list)
    pass_artifacts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def variable(self) -> str:
        """A Python name for the step in the generated scripts."""
        return self.name.replace("-", "_")


@dataclass
class Plan:
    """Everything the workflow outputs are built from."""

    slug: str
    generate_name: str
    namespace: str
    service_account: str
    annotations: dict[str, str]
    pod_annotations: dict[str, str]
    parameters: list[tuple[str, str]]  # workflow parameters: name, default
    volumes: list[dict[str, Any]]
    flavours: list[str]  # the flavours the workflow runs
    left_out: list[str]  # chosen flavours it cannot run, and why
    steps: list[Step]
    task: str
    workflow_template: bool
    couler: bool
    locale: str = "en"  # the language of the comments and the compare table

    def gettext(self, message: str) -> str:
        """A message in the project's language."""
        return translations(self.locale).gettext(message)

    @property
    def yaml_file(self) -> str:
        return f"{WORKFLOW_DIR}/{self.slug}.yaml"

    @property
    def template_file(self) -> str:
        return f"{WORKFLOW_DIR}/{self.slug}-template.yaml"


def argo_flavours(context: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The chosen flavours the workflow runs, and those it leaves out."""
    chosen = list(context["flavours"])
    if context.get("sas_image"):
        return chosen, []
    kept = [flavour for flavour in chosen if flavour not in SAS_FLAVOURS]
    return kept, [flavour for flavour in chosen if flavour in SAS_FLAVOURS]


def plan_workflow(context: dict[str, Any]) -> Plan | None:
    """The workflow for these answers, or None when no flavour can run."""
    flavours, left_out = argo_flavours(context)
    if not flavours:
        return None
    refuse_argo_variables(context)
    slug = str(context["slug"])
    claim, mount_path, data_dir = storage_mount(str(context["storage_path"]), slug)
    images = {flavour: image_reference(context, flavour) for flavour in flavours}

    parameters = [
        ("dataset", posixpath.join(data_dir, dataset_file_name(context))),
        ("data-claim", claim),
    ]
    parameters += [(f"image-{flavour}", images[flavour]) for flavour in flavours]
    parameters.append(("image-compare", compare_image(flavours, images)))
    if any(RUNNERS[flavour].seed_option for flavour in flavours):
        parameters.append(("seed", str(context["seed"])))

    steps = [prepare_step(context, flavours[0], mount_path)]
    for flavour in flavours:
        steps += [train_step(context, flavour), evaluate_step(context, flavour)]
    steps.append(compare_step(context, flavours))

    pod_annotations = {}
    if context["istio_sidecar_off"]:
        pod_annotations["sidecar.istio.io/inject"] = "false"

    return Plan(
        slug=slug,
        generate_name=slug[:57].rstrip("-") + "-",
        namespace=str(context["namespace"]),
        service_account=str(context["service_account"]),
        annotations={
            "workflows.argoproj.io/title": one_line(context["project_name"]),
            "workflows.argoproj.io/description": one_line(context["description"]),
        },
        pod_annotations=pod_annotations,
        parameters=parameters,
        volumes=[
            {
                "name": "data",
                "persistentVolumeClaim": {
                    "claimName": "{{workflow.parameters.data-claim}}",
                    "readOnly": True,
                },
            }
        ],
        flavours=flavours,
        left_out=left_out,
        steps=steps,
        task=str(context["task"]),
        workflow_template=bool(context["workflow_template"]),
        couler=bool(context["couler"]),
        locale=str(context["locale"]),
    )


# -- answers to values -------------------------------------------------------


def refuse_argo_variables(context: dict[str, Any]) -> None:
    """Argo replaces every {{...}} in a workflow's spec and has no escape, so
    an answer that lands there must not hold the braces."""
    from generator.errors import AnswerError

    for key in ("storage_path", "dataset"):
        value = str(context[key])
        if "{{" in value or "}}" in value:
            raise AnswerError(
                key,
                value,
                "Argo Workflows reads '{{' and '}}' as a variable; "
                "use a path without them",
            )


def image_reference(context: dict[str, Any], flavour: str) -> str:
    """The image a flavour's steps run in: <registry>/<slug>-<flavour>:<tag>.

    The SAS flavours' images are built from the licensed SAS image the
    answers name, with the project's SAS code added.
    """
    registry = str(context["registry"]).rstrip("/")
    return f"{registry}/{context['slug']}-{flavour}:{context['image_tag']}"


def compare_image(flavours: list[str], images: dict[str, str]) -> str:
    for flavour in ("python", "saspy"):
        if flavour in flavours:
            return images[flavour]
    return PUBLIC_PYTHON_IMAGE


def dataset_file_name(context: dict[str, Any]) -> str:
    name = posixpath.basename(str(context["dataset"]).replace("\\", "/"))
    return name or "data.csv"


def storage_mount(storage_path: str, slug: str) -> tuple[str, str, str]:
    """The claim to mount, where to mount it, and the data folder inside.

    Notebook servers mount each bucket at ~/buckets/<bucket>; the workflow
    mounts the bucket's claim at the same path, so the dataset path is the
    same in a notebook and in a workflow pod.
    """
    path = re.sub(r"^~(?=/|$)", "/home/jovyan", storage_path.strip()) or "/data"
    if not path.startswith("/"):
        path = "/home/jovyan/" + path
    path = posixpath.normpath(path)
    match = re.match(r"^(.*/buckets/([^/]+))(?:/|$)", path)
    if match:
        return match.group(2), match.group(1), path
    return f"{slug[:58].rstrip('-')}-data", path, path


def step_resources(context: dict[str, Any], gpu: int = 0) -> dict[str, dict]:
    """Requests and limits from the answers; the namespace default is tiny."""
    requests = {
        "cpu": str(context["cpu_request"]),
        "memory": str(context["memory_request"]),
    }
    limits = {"cpu": str(context["cpu_limit"]), "memory": str(context["memory_limit"])}
    requests = {key: value for key, value in requests.items() if value}
    limits = {key: value for key, value in limits.items() if value}
    if gpu:
        limits["nvidia.com/gpu"] = str(gpu)
    return {"requests": requests, "limits": limits}


def step_command(flavour: str, step: str, options: list[tuple[str, str]]):
    """The container command and arguments of one contract step."""
    runner = RUNNERS[flavour]
    command = [*runner.command, f"{step}{runner.extension}"]
    args: list[str] = []
    for option, value in options:
        if runner.sas_options:
            args += ["-set", option.lstrip("-").upper().replace("-", "_"), value]
        else:
            args += [option, value]
    return command, args


# -- the steps ---------------------------------------------------------------


def prepare_step(context: dict[str, Any], flavour: str, mount_path: str) -> Step:
    command, args = step_command(
        flavour,
        "prepare",
        [
            ("--input", "{{inputs.parameters.dataset}}"),
            ("--output", "{{outputs.artifacts.prepared.path}}"),
        ],
    )
    return Step(
        name="prepare",
        image=f"{{{{workflow.parameters.image-{flavour}}}}}",
        command=command,
        args=args,
        parameters=["dataset"],
        outputs=[("prepared", f"{OUTPUTS}/prepared.csv")],
        resources=step_resources(context),
        mounts=[{"name": "data", "mountPath": mount_path, "readOnly": True}],
        pass_parameters=[("dataset", "{{workflow.parameters.dataset}}")],
    )


def train_step(context: dict[str, Any], flavour: str) -> Step:
    runner = RUNNERS[flavour]
    options = [
        ("--input", "{{inputs.artifacts.prepared.path}}"),
        ("--output-dir", OUTPUTS),
    ]
    seeded = runner.seed_option
    if seeded:
        options.append(("--seed", "{{inputs.parameters.seed}}"))
    command, args = step_command(flavour, "train", options)
    return Step(
        name=f"train-{flavour}",
        image=f"{{{{workflow.parameters.image-{flavour}}}}}",
        command=command,
        args=args,
        parameters=["seed"] if seeded else [],
        inputs=[("prepared", f"{INPUTS}/prepared.csv")],
        outputs=[
            ("model", f"{OUTPUTS}/{runner.model_file}"),
            ("test", f"{OUTPUTS}/test.csv"),
        ],
        resources=step_resources(context, gpu=int(context["gpu"])),
        depends=["prepare"],
        pass_parameters=[("seed", "{{workflow.parameters.seed}}")] if seeded else [],
        pass_artifacts=[("prepared", "{{tasks.prepare.outputs.artifacts.prepared}}")],
    )


def evaluate_step(context: dict[str, Any], flavour: str) -> Step:
    model = RUNNERS[flavour].model_file
    command, args = step_command(
        flavour,
        "evaluate",
        [
            ("--model", "{{inputs.artifacts.model.path}}"),
            ("--test", "{{inputs.artifacts.test.path}}"),
            ("--output", "{{outputs.artifacts.metrics.path}}"),
        ],
    )
    train = f"train-{flavour}"
    return Step(
        name=f"evaluate-{flavour}",
        image=f"{{{{workflow.parameters.image-{flavour}}}}}",
        command=command,
        args=args,
        inputs=[("model", f"{INPUTS}/{model}"), ("test", f"{INPUTS}/test.csv")],
        outputs=[("metrics", f"{OUTPUTS}/metrics.json")],
        resources=step_resources(context),
        depends=[train],
        pass_artifacts=[
            ("model", f"{{{{tasks.{train}.outputs.artifacts.model}}}}"),
            ("test", f"{{{{tasks.{train}.outputs.artifacts.test}}}}"),
        ],
    )


def compare_step(context: dict[str, Any], flavours: list[str]) -> Step:
    return Step(
        name="compare",
        image="{{workflow.parameters.image-compare}}",
        command=["python"],
        source=compare_source(
            str(context["task"]), flavours, locale=str(context["locale"])
        ),
        inputs=[
            (f"metrics-{flavour}", f"{INPUTS}/{flavour}/metrics.json")
            for flavour in flavours
        ],
        outputs=[
            ("comparison-markdown", f"{OUTPUTS}/comparison.md"),
            ("comparison-json", f"{OUTPUTS}/comparison.json"),
        ],
        resources=COMPARE_RESOURCES,
        depends=[f"evaluate-{flavour}" for flavour in flavours],
        pass_artifacts=[
            (
                f"metrics-{flavour}",
                f"{{{{tasks.evaluate-{flavour}.outputs.artifacts.metrics}}}}",
            )
            for flavour in flavours
        ],
    )


_COMPARE = """\
import json
from pathlib import Path

FLAVOURS = {flavours}
COLUMNS = {columns}
HEADINGS = {headings}
METRICS = "{metrics}"

rows = {{}}
for flavour in FLAVOURS:
    path = Path(METRICS.format(flavour=flavour))
    rows[flavour] = json.loads(path.read_text(encoding="utf-8"))

lines = ["| " + " | ".join(HEADINGS) + " |"]
lines.append("|" + " --- |" * len(HEADINGS))
for flavour, metrics in rows.items():
    cells = []
    for column in COLUMNS:
        value = metrics.get(column, "")
        cells.append(f"{{value:.4f}}" if isinstance(value, float) else str(value))
    lines.append(f"| {{flavour}} | " + " | ".join(cells) + " |")
table = "\\n".join(lines) + "\\n"

out = Path("{outputs}")
out.mkdir(parents=True, exist_ok=True)
(out / "comparison.md").write_text(table, encoding="utf-8")
comparison = {{"task": {task}, "flavours": rows}}
(out / "comparison.json").write_text(json.dumps(comparison, indent=2), encoding="utf-8")
print(table)
"""


# The comparison table's headings: metrics.json keys stay as they are, the
# headings people read follow the project's language.
_HEADINGS = {
    "flavour": N_("flavour"),
    "accuracy": N_("accuracy"),
    "f1_macro": N_("macro F1"),
    "rmse": "RMSE",
    "mae": "MAE",
    "r2": "R²",
    "n_test": N_("test rows"),
}


def compare_source(
    task: str,
    flavours: list[str],
    metrics: str = INPUTS + "/{flavour}/metrics.json",
    outputs: str = OUTPUTS,
    locale: str = "en",
) -> str:
    """The compare step's program: standard library only, no user text."""
    columns = (
        ["accuracy", "f1_macro"] if task == "classification" else ["rmse", "mae", "r2"]
    )
    columns.append("n_test")
    gettext = translations(locale).gettext
    headings = [gettext(_HEADINGS[key]) for key in ("flavour", *columns)]
    return _COMPARE.format(
        flavours=repr(flavours).replace("'", '"'),
        columns=repr(columns).replace("'", '"'),
        headings=py(headings),
        task=f'"{task}"',
        metrics=metrics,
        outputs=outputs,
    )


# -- the Argo documents ------------------------------------------------------


def workflow_document(plan: Plan, kind: str = "Workflow") -> dict[str, Any]:
    """The Argo document as plain data, keys in the order people read them."""
    metadata: dict[str, Any] = {}
    if kind == "Workflow":
        metadata["generateName"] = plan.generate_name
    else:
        metadata["name"] = plan.slug
    if plan.namespace:
        metadata["namespace"] = plan.namespace
    metadata["annotations"] = dict(plan.annotations)

    spec: dict[str, Any] = {
        "entrypoint": "main",
        "serviceAccountName": plan.service_account,
        "arguments": {
            "parameters": [
                {"name": name, "value": value} for name, value in plan.parameters
            ]
        },
    }
    if plan.pod_annotations:
        spec["podMetadata"] = {"annotations": dict(plan.pod_annotations)}
    spec["volumes"] = [dict(volume) for volume in plan.volumes]
    spec["templates"] = [dag_template(plan)] + [
        step_template(step) for step in plan.steps
    ]
    return {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": kind,
        "metadata": metadata,
        "spec": spec,
    }


def dag_template(plan: Plan) -> dict[str, Any]:
    tasks = []
    for step in plan.steps:
        task: dict[str, Any] = {"name": step.name, "template": step.name}
        if step.depends:
            task["depends"] = " && ".join(step.depends)
        arguments: dict[str, Any] = {}
        if step.pass_parameters:
            arguments["parameters"] = [
                {"name": name, "value": value} for name, value in step.pass_parameters
            ]
        if step.pass_artifacts:
            arguments["artifacts"] = [
                {"name": name, "from": source} for name, source in step.pass_artifacts
            ]
        if arguments:
            task["arguments"] = arguments
        tasks.append(task)
    return {"name": "main", "dag": {"tasks": tasks}}


def step_template(step: Step) -> dict[str, Any]:
    template: dict[str, Any] = {"name": step.name}
    inputs: dict[str, Any] = {}
    if step.parameters:
        inputs["parameters"] = [{"name": name} for name in step.parameters]
    if step.inputs:
        inputs["artifacts"] = [
            {"name": name, "path": path} for name, path in step.inputs
        ]
    if inputs:
        template["inputs"] = inputs

    body: dict[str, Any] = {"image": step.image, "command": list(step.command)}
    if step.args:
        body["args"] = list(step.args)
    if step.source is not None:
        body["source"] = step.source
    body["resources"] = {
        part: dict(values) for part, values in step.resources.items() if values
    }
    if step.mounts:
        body["volumeMounts"] = [dict(mount) for mount in step.mounts]
    template["script" if step.source is not None else "container"] = body

    # Stored as plain files (no tar.gz), so `argo cp` and the UI give
    # metrics.json and the model as they are.
    template["outputs"] = {
        "artifacts": [
            {"name": name, "path": path, "archive": {"none": {}}}
            for name, path in step.outputs
        ]
    }
    return template


def yaml_header(plan: Plan, kind: str) -> str:
    """Comment lines above the YAML: how to use it and what was left out."""
    from generator.prose import comment

    name = plan.yaml_file if kind == "Workflow" else plan.template_file
    gettext = plan.gettext
    lines = [comment(
        gettext("Argo %(kind)s generated by aawgen from .aawgen/answers.yaml.")
        % {"kind": kind}
    )]
    if kind == "Workflow":
        lines.append(f'#   argo submit -n "$NB_NAMESPACE" {name} --watch')
    else:
        lines.append(f'#   argo template create -n "$NB_NAMESPACE" {name}')
        lines.append(
            f'#   argo submit -n "$NB_NAMESPACE" --from workflowtemplate/{plan.slug}'
        )
    lines.append(comment(gettext("Check it offline with `aawgen validate`.")))
    for flavour in plan.left_out:
        lines.append(comment(
            gettext("The %(flavour)s flavour is left out: it needs a licensed SAS "
                    "image (answer sas_image).") % {"flavour": flavour}
        ))
    return "\n".join(lines) + "\n"


def build_workflow_files(context: dict[str, Any]) -> dict[str, str]:
    """Every workflow file of the project: path -> text."""
    from generator.hera_script import hera_script
    from generator.yaml_dump import dump_yaml

    plan = plan_workflow(context)
    if plan is None:
        return {}
    files = {
        plan.yaml_file: yaml_header(plan, "Workflow")
        + dump_yaml(workflow_document(plan)),
        HERA_SCRIPT: hera_script(plan),
        f"{WORKFLOW_DIR}/README.md": workflow_guide(context, plan),
    }
    if plan.workflow_template:
        files[plan.template_file] = yaml_header(plan, "WorkflowTemplate") + dump_yaml(
            workflow_document(plan, "WorkflowTemplate")
        )
    if plan.couler:
        from generator.couler_script import couler_script

        files[COULER_SCRIPT] = couler_script(plan)
    return files


# Translated where the guide shows them.
_PARAMETER_HELP = {
    "dataset": N_("the CSV that `prepare` reads, as a path inside the pod"),
    "data-claim": N_("the storage claim mounted for `prepare`"),
    "image-compare": N_("image of the `compare` step (it needs only Python)"),
    "seed": N_("random seed of the split and the model"),
}


def workflow_guide(context: dict[str, Any], plan: Plan) -> str:
    """workflows/README.md, rendered from its template with the plan."""
    from generator.quoting import UserText
    from generator.render import environment

    def user(value: str) -> UserText:
        # Values built from answers still need a quoting filter in Markdown.
        return UserText(value)

    values = dict(plan.parameters)
    claim, mount_path, _ = storage_mount(str(context["storage_path"]), plan.slug)
    guide = {
        **context,
        "yaml_file": plan.yaml_file,
        "template_file": plan.template_file,
        "hera_script": HERA_SCRIPT,
        "couler_script": COULER_SCRIPT,
        "hera_pin": HERA_PIN,
        "couler_repository": COULER_REPOSITORY,
        "couler_commit": COULER_COMMIT,
        "istio_off": bool(plan.pod_annotations),
        "left_out": plan.left_out,
        "images": [
            (flavour, user(values[f"image-{flavour}"])) for flavour in plan.flavours
        ],
        "parameters": [(name, user(value)) for name, value in plan.parameters],
        "parameter_help": _PARAMETER_HELP,
        "data_claim": user(claim),
        "mount_path": user(mount_path),
        "dataset": user(values["dataset"]),
        "local_data": context["data_path"],
    }
    return environment().get_template("workflows/_guide.md.jinja").render(guide)
