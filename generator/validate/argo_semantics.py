"""Reference checks on an Argo document that its JSON schema cannot express.

``argo lint`` resolves every template name, task name and ``{{...}}``
variable before it accepts a workflow; the schema checks none of that. These
checks follow Argo's rules closely enough to catch the usual mistakes
offline: a misspelt template or parameter, a ``depends`` on a missing task,
an artifact ``from`` that points nowhere, a bare ``{{outputs.artifacts.X}}``
handed to a container (Argo never replaces it), an input parameter no caller
supplies, and names that Kubernetes will refuse.

Everything here tolerates malformed documents: the schema check reports the
structure, these checks skip what they cannot read.
"""

import difflib
import re
from dataclasses import dataclass, field

from generator.validate.docpath import DocPath

Finding = tuple[DocPath, str]

TEMPLATE_TYPES = (
    "container",
    "script",
    "dag",
    "steps",
    "resource",
    "suspend",
    "containerSet",
    "data",
    "http",
    "plugin",
)
# Templates that run a program in a pod and read or write files by path.
_POD_TYPES = {"container", "script", "containerSet"}

_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
# Template, task and step names: RFC 1123 labels, which argo lint also takes
# in capitals (its own examples name tasks A, B, C).
_NODE_NAME = re.compile(r"[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?")
# Kinds whose parameters may be given only when a workflow is submitted.
_TEMPLATE_KINDS = ("WorkflowTemplate", "ClusterWorkflowTemplate")
_SUBDOMAIN = re.compile(
    r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
)
_GENERATE_NAME = re.compile(r"[a-z0-9][-a-z0-9.]*")
_IO_NAME = re.compile(r"[-a-zA-Z0-9_]+")
_REFERENCE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_TOKEN = re.compile(r"[-A-Za-z0-9_]+")
_TASK_RESULTS = {
    "Succeeded",
    "Failed",
    "Errored",
    "Skipped",
    "Omitted",
    "Daemoned",
    "AnySucceeded",
    "AllFailed",
}
# Keys of an Artifact that give it content; without one, a caller must.
_ARTIFACT_SOURCES = (
    "from",
    "fromExpression",
    "s3",
    "gcs",
    "git",
    "http",
    "raw",
    "hdfs",
    "oss",
    "azure",
    "artifactory",
    "plugin",
)


def check_semantics(doc: dict, kind: str) -> list[Finding]:
    """Reference and naming problems of one Argo document."""
    checker = _Checker(doc, kind)
    checker.run()
    return checker.findings


@dataclass
class _Scope:
    """What ``{{...}}`` may name at one place of the document."""

    template: dict
    template_name: str
    leaf: bool
    group: str = ""  # "tasks" in a DAG, "steps" in a steps template
    nodes: dict[str, dict] = field(default_factory=dict)
    visible: set[str] | None = None  # None: every task or step is visible


class _Checker:
    def __init__(self, doc: dict, kind: str) -> None:
        self.doc = doc
        self.kind = kind
        self.findings: list[Finding] = []
        self.spec_path: DocPath = ("spec", "workflowSpec")
        if kind != "CronWorkflow":
            self.spec_path = ("spec",)
        spec = _value_at(doc, self.spec_path)
        self.spec = spec if isinstance(spec, dict) else {}
        self.templates: dict[str, dict] = {}
        self.workflow_parameters: list[str] = []

    def add(self, path: DocPath, message: str) -> None:
        self.findings.append((path, message))

    def run(self) -> None:
        self.check_metadata()
        if not self.spec:
            return

        self.index_templates()
        self.index_workflow_parameters()
        self.check_entrypoint()

        for index, template in enumerate(_items(self.spec.get("templates"))):
            if isinstance(template, dict):
                self.check_template(self.spec_path + ("templates", index), template)

    # -- names ---------------------------------------------------------------

    def check_metadata(self) -> None:
        meta = self.doc.get("metadata")
        if not isinstance(meta, dict):
            return
        name, generate = meta.get("name"), meta.get("generateName")

        if self.kind == "Workflow" and not name and not generate:
            self.add(
                ("metadata",),
                "a Workflow needs a name: add generateName (for example "
                "'my-pipeline-') so the file can be submitted again",
            )
        elif self.kind != "Workflow" and not name:
            self.add(("metadata",), f"a {self.kind} needs metadata.name: add it")

        if isinstance(name, str) and len(name) > 63:
            self.add(
                ("metadata", "name"),
                f"name '{name}' is {len(name)} characters long; Argo allows 63: "
                "shorten it",
            )
        elif isinstance(name, str) and name and not _SUBDOMAIN.fullmatch(name):
            self.add(
                ("metadata", "name"),
                f"name '{name}' is not a lowercase RFC 1123 name: "
                f"use '{_suggest_name(name)}'",
            )
        if isinstance(generate, str) and not _GENERATE_NAME.fullmatch(generate):
            self.add(
                ("metadata", "generateName"),
                f"generateName '{generate}' is not a lowercase RFC 1123 prefix: "
                f"use '{_suggest_name(generate)}-'",
            )

    def check_label(self, path: DocPath, name: str, what: str) -> None:
        if _NODE_NAME.fullmatch(name) and len(name) <= 63:
            return
        self.add(
            path,
            f"{what} name '{name}' is not an RFC 1123 name (letters, digits "
            f"and '-', starting and ending with a letter or digit, at most 63 "
            f"characters): rename it '{_suggest_name(name)}'",
        )

    def check_io_names(self, path: DocPath, section: object, what: str) -> None:
        """Names of parameters and artifacts: Argo's pattern, no duplicates."""
        if not isinstance(section, dict):
            return
        for kind in ("parameters", "artifacts"):
            seen: set[str] = set()
            for index, entry in enumerate(_items(section.get(kind))):
                name = entry.get("name") if isinstance(entry, dict) else None
                if not isinstance(name, str):
                    continue
                where = path + (kind, index, "name")
                if not _IO_NAME.fullmatch(name):
                    self.add(
                        where,
                        f"{what} {kind[:-1]} name '{name}' may hold only letters, "
                        f"digits, '-' and '_': rename it '{_suggest_name(name)}'",
                    )
                if name in seen:
                    self.add(
                        where,
                        f"{what} {kind[:-1]} '{name}' is declared twice: "
                        "remove or rename one",
                    )
                seen.add(name)

    # -- workflow level ------------------------------------------------------

    def index_templates(self) -> None:
        for index, template in enumerate(_items(self.spec.get("templates"))):
            if not isinstance(template, dict):
                continue
            path = self.spec_path + ("templates", index)
            name = template.get("name")
            if not isinstance(name, str) or not name:
                self.add(path, "template has no name: add name: (for example train)")
                continue
            self.check_label(path + ("name",), name, "template")
            if name in self.templates:
                self.add(
                    path + ("name",),
                    f"template name '{name}' is used twice: rename one",
                )
                continue
            self.templates[name] = template

    def index_workflow_parameters(self) -> None:
        arguments = self.spec.get("arguments")
        path = self.spec_path + ("arguments",)
        self.check_io_names(path, arguments, "workflow")
        parameters = (
            _items(arguments.get("parameters")) if isinstance(arguments, dict) else []
        )
        for index, parameter in enumerate(parameters):
            if not isinstance(parameter, dict) or "name" not in parameter:
                continue
            name = parameter["name"]
            self.workflow_parameters.append(name)
            has_value = "value" in parameter or "valueFrom" in parameter
            if self.kind == "Workflow" and not has_value:
                self.add(
                    path + ("parameters", index),
                    f"workflow parameter '{name}' has no value: give it one "
                    f"(argo submit -p {name}=... still overrides it)",
                )

    def check_entrypoint(self) -> None:
        entry = self.spec.get("entrypoint")
        path = self.spec_path + ("entrypoint",)
        if entry is None:
            needs_one = self.kind in ("Workflow", "CronWorkflow")
            if needs_one and "workflowTemplateRef" not in self.spec:
                self.add(
                    self.spec_path,
                    "no entrypoint: add entrypoint: naming the template to run first",
                )
            return
        if "workflowTemplateRef" in self.spec:
            return  # the entrypoint is in the referenced template
        if entry not in self.templates:
            self.add(
                path,
                f"entrypoint '{entry}' names no template"
                f"{_did_you_mean(entry, self.templates)}: "
                "fix the name or add the template",
            )
            return
        arguments = self.spec.get("arguments")
        if self.kind not in _TEMPLATE_KINDS:
            self.check_supplied(
                self.spec_path,
                arguments if isinstance(arguments, dict) else {},
                entry,
                who="the workflow's spec.arguments",
                extras=False,
            )
        on_exit = self.spec.get("onExit")
        if isinstance(on_exit, str) and on_exit not in self.templates:
            self.add(
                self.spec_path + ("onExit",),
                f"onExit '{on_exit}' names no template"
                f"{_did_you_mean(on_exit, self.templates)}: fix the name",
            )

    # -- templates -----------------------------------------------------------

    def check_template(self, path: DocPath, template: dict) -> None:
        name = str(template.get("name", "?"))
        types = [key for key in TEMPLATE_TYPES if template.get(key) is not None]
        if not types:
            self.add(
                path,
                f"template '{name}' has no type: give it exactly one of "
                f"{', '.join(TEMPLATE_TYPES)}",
            )
        elif len(types) > 1:
            self.add(
                path,
                f"template '{name}' has {' and '.join(types)}: "
                "keep exactly one template type",
            )

        self.check_io_names(path + ("inputs",), template.get("inputs"), "input")
        self.check_io_names(path + ("outputs",), template.get("outputs"), "output")

        if "dag" in types:
            self.check_dag(path, template, name)
        elif "steps" in types:
            self.check_steps(path, template, name)
        else:
            self.check_leaf(path, template, name, types)

    def check_leaf(self, path: DocPath, template: dict, name: str, types) -> None:
        scope = _Scope(template, name, leaf=True)
        self.check_references(path, template, scope)
        if not _POD_TYPES.intersection(types):
            return

        for section in ("inputs", "outputs"):
            block = template.get(section)
            artifacts = block.get("artifacts") if isinstance(block, dict) else None
            for index, artifact in enumerate(_items(artifacts)):
                if isinstance(artifact, dict) and not artifact.get("path"):
                    self.add(
                        path + (section, "artifacts", index),
                        f"{section[:-1]} artifact '{artifact.get('name')}' has no "
                        "path: add path: (the file the container reads or writes)",
                    )

    def check_dag(self, path: DocPath, template: dict, name: str) -> None:
        dag = template["dag"]
        if not isinstance(dag, dict):
            return
        tasks_path = path + ("dag", "tasks")
        tasks = self.index_nodes(tasks_path, _items(dag.get("tasks")), "task")

        graph = {
            task_name: self.task_dependencies(tasks_path + (index,), task, tasks)
            for task_name, (index, task) in tasks.items()
        }
        cycle = _find_cycle(graph)
        if cycle:
            first = tasks[cycle[0]][0]
            self.add(
                tasks_path + (first,),
                "tasks depend on each other in a cycle "
                f"({' -> '.join(cycle)}): remove one of these dependencies",
            )
        upstream = _ancestors(graph)

        nodes = {task_name: task for task_name, (_, task) in tasks.items()}
        for task_name, (index, task) in tasks.items():
            task_path = tasks_path + (index,)
            self.check_call(task_path, task, f"task '{task_name}'")
            scope = _Scope(template, name, False, "tasks", nodes, upstream[task_name])
            self.check_node_references(task_path, task, task_name, scope)
            self.check_artifact_sources(task_path, task)

        rest = {key: value for key, value in template.items() if key != "dag"}
        self.check_references(path, rest, _Scope(template, name, False, "tasks", nodes))
        target = dag.get("target")
        for wanted in target.split() if isinstance(target, str) else []:
            if wanted not in nodes and "{{" not in wanted:
                self.add(
                    path + ("dag", "target"),
                    f"target '{wanted}' names no task of this DAG"
                    f"{_did_you_mean(wanted, nodes)}: fix the name",
                )

    def check_steps(self, path: DocPath, template: dict, name: str) -> None:
        groups = _items(template["steps"])
        flat = [
            (path + ("steps", g, s), step)
            for g, group in enumerate(groups)
            for s, step in enumerate(_items(group))
        ]
        index = self.index_nodes((), [step for _, step in flat], "step", flat)
        nodes = {step_name: flat[i][1] for step_name, (i, _) in index.items()}

        earlier: set[str] = set()
        for g, group in enumerate(groups):
            this_group = set()
            for s, step in enumerate(_items(group)):
                if not isinstance(step, dict):
                    continue
                step_path = path + ("steps", g, s)
                step_name = str(step.get("name", "?"))
                this_group.add(step_name)
                self.check_call(step_path, step, f"step '{step_name}'")
                scope = _Scope(template, name, False, "steps", nodes, set(earlier))
                self.check_node_references(step_path, step, step_name, scope)
                self.check_artifact_sources(step_path, step)
            earlier |= this_group

        rest = {key: value for key, value in template.items() if key != "steps"}
        self.check_references(path, rest, _Scope(template, name, False, "steps", nodes))

    def index_nodes(self, base: DocPath, items, what: str, paths=None) -> dict:
        """Tasks or steps by name, with their position; names checked."""
        found: dict[str, tuple[int, dict]] = {}
        for index, node in enumerate(items):
            if not isinstance(node, dict):
                continue
            path = paths[index][0] if paths else base + (index,)
            name = node.get("name")
            if not isinstance(name, str) or not name:
                self.add(path, f"{what} has no name: add name:")
                continue
            self.check_label(path + ("name",), name, what)
            if name in found:
                self.add(path + ("name",), f"{what} name '{name}' is used twice")
                continue
            found[name] = (index, node)
        return found

    def task_dependencies(self, path: DocPath, task: dict, tasks: dict) -> list[str]:
        depends, dependencies = task.get("depends"), task.get("dependencies")
        if depends is not None and dependencies is not None:
            self.add(path, "use either depends or dependencies, not both: keep depends")

        named: list[tuple[DocPath, str]] = []
        if isinstance(depends, str):
            for token in re.sub(r"&&|\|\||[!()]", " ", depends).split():
                task_name, _, result = token.partition(".")
                if result and result not in _TASK_RESULTS:
                    self.add(
                        path + ("depends",),
                        f"'{token}' in depends: '{result}' is not a task result; "
                        f"use one of {', '.join(sorted(_TASK_RESULTS))}",
                    )
                named.append((path + ("depends",), task_name))
        for index, task_name in enumerate(_items(dependencies)):
            if isinstance(task_name, str):
                named.append((path + ("dependencies", index), task_name))

        for where, task_name in named:
            if task_name not in tasks:
                self.add(
                    where,
                    f"depends on task '{task_name}', which this DAG does not have"
                    f"{_did_you_mean(task_name, tasks)}: fix the name or add the task",
                )
        return [task_name for _, task_name in named if task_name in tasks]

    # -- calls ---------------------------------------------------------------

    def check_call(self, path: DocPath, caller: dict, who: str) -> None:
        called = caller.get("template")
        if called is None:
            if "templateRef" not in caller and "inline" not in caller:
                self.add(path, f"{who} names no template: add template:")
            return
        if called not in self.templates:
            self.add(
                path + ("template",),
                f"{who} calls template '{called}', which does not exist"
                f"{_did_you_mean(called, self.templates)}: "
                "fix the name or add the template",
            )
            return
        arguments = caller.get("arguments")
        arguments = arguments if isinstance(arguments, dict) else {}
        self.check_supplied(path, arguments, called, who=who, extras=True)

    def check_supplied(
        self, path: DocPath, arguments: dict, called: str, who: str, extras: bool
    ) -> None:
        """Every input without a default is passed; nothing undeclared is."""
        inputs = self.templates[called].get("inputs")
        inputs = inputs if isinstance(inputs, dict) else {}
        for kind in ("parameters", "artifacts"):
            given = _names(arguments.get(kind))
            declared = _names(inputs.get(kind))
            for name, entry in declared.items():
                if name not in given and _needs_argument(kind, entry):
                    self.add(
                        path,
                        f"{who} does not supply input {kind[:-1]} '{name}' of "
                        f"template '{called}', which has no default: add it "
                        f"under arguments.{kind}",
                    )
            # Argo ignores arguments a template does not declare; flag them only
            # where the template declares some, so a misspelt one shows up.
            if not extras or not declared:
                continue
            for position, name in enumerate(_items(arguments.get(kind))):
                name = name.get("name") if isinstance(name, dict) else None
                if isinstance(name, str) and name not in declared:
                    self.add(
                        path + ("arguments", kind, position, "name"),
                        f"{who} passes '{name}', which is not an input "
                        f"{kind[:-1]} of template '{called}' "
                        f"({_declared(declared)}){_did_you_mean(name, declared)}: "
                        "fix the name or remove it",
                    )

    def check_artifact_sources(self, path: DocPath, caller: dict) -> None:
        arguments = caller.get("arguments")
        artifacts = arguments.get("artifacts") if isinstance(arguments, dict) else None
        for index, artifact in enumerate(_items(artifacts)):
            if not isinstance(artifact, dict):
                continue
            where = path + ("arguments", "artifacts", index)
            source = artifact.get("from")
            if source is None:
                if not any(key in artifact for key in _ARTIFACT_SOURCES):
                    self.add(
                        where,
                        f"argument artifact '{artifact.get('name')}' has no source: "
                        'add from: "{{tasks.<task>.outputs.artifacts.<name>}}"',
                    )
                continue
            match = _REFERENCE.fullmatch(str(source).strip())
            parts = match.group(1).split(".") if match else []
            names_artifact = (
                parts[:2] == ["inputs", "artifacts"]
                or parts[2:4] == ["outputs", "artifacts"]
                or parts[:3] == ["workflow", "outputs", "artifacts"]
            )
            if not names_artifact:
                self.add(
                    where + ("from",),
                    f"from {source!r} must be one reference to an artifact, such "
                    "as '{{tasks.prepare.outputs.artifacts.prepared}}'",
                )

    # -- {{...}} references --------------------------------------------------

    def check_node_references(
        self, path: DocPath, node: dict, name: str, scope: _Scope
    ) -> None:
        """A task's or step's references; its hooks run after it, and see it."""
        body = {key: value for key, value in node.items() if key != "hooks"}
        self.check_references(path, body, scope)
        if "hooks" in node and scope.visible is not None:
            after = _Scope(**{**scope.__dict__, "visible": scope.visible | {name}})
            self.check_references(path + ("hooks",), node["hooks"], after)

    def check_references(self, path: DocPath, node, scope: _Scope) -> None:
        for where, text in _strings(node, path):
            for match in _REFERENCE.finditer(text):
                expression = match.group(1)
                if expression.startswith("="):
                    continue  # expr-lang expressions are evaluated at run time
                parts = expression.split(".")
                if not all(_TOKEN.fullmatch(part) for part in parts):
                    continue
                problem = self.resolve(parts, scope)
                if problem:
                    self.add(where, f"'{{{{{expression}}}}}' {problem}")

    def resolve(self, parts: list[str], scope: _Scope) -> str | None:
        """Why a reference does not resolve, or None when it does."""
        root = parts[0]
        if root == "inputs":
            return self.resolve_inputs(parts, scope)
        if root == "outputs" and scope.leaf:
            return self.resolve_outputs(parts, scope)
        if root == "workflow" and parts[1:2] == ["parameters"] and len(parts) > 2:
            name = parts[2]
            if name == "json" or name in self.workflow_parameters:
                return None
            if self.kind in _TEMPLATE_KINDS:
                return None  # may be passed with argo submit --from ... -p
            return (
                "names no workflow parameter "
                f"({_declared(self.workflow_parameters)})"
                f"{_did_you_mean(name, self.workflow_parameters)}: add it under "
                "spec.arguments.parameters or fix the name"
            )
        if root in ("tasks", "steps") and len(parts) > 1:
            return self.resolve_node(parts, scope)
        return None

    def resolve_inputs(self, parts: list[str], scope: _Scope) -> str | None:
        if len(parts) < 3 or parts[1] not in ("parameters", "artifacts"):
            return None
        kind, name = parts[1], parts[2]
        inputs = scope.template.get("inputs")
        declared = _names(inputs.get(kind)) if isinstance(inputs, dict) else {}
        if name not in declared:
            return (
                f"names no input {kind[:-1]} of template '{scope.template_name}' "
                f"({_declared(declared)}){_did_you_mean(name, declared)}: "
                + (
                    _misplaced_hint(scope.template, "inputs")
                    or f"declare it under the template's inputs.{kind} or fix the name"
                )
            )
        if kind == "artifacts" and scope.leaf and len(parts) == 3:
            return (
                "is not replaced inside a container: use "
                f"'{{{{inputs.artifacts.{name}.path}}}}'"
            )
        return None

    def resolve_outputs(self, parts: list[str], scope: _Scope) -> str | None:
        if len(parts) < 3 or parts[1] not in ("parameters", "artifacts"):
            return None
        kind, name = parts[1], parts[2]
        outputs = scope.template.get("outputs")
        declared = _names(outputs.get(kind)) if isinstance(outputs, dict) else {}
        misplaced = _misplaced_hint(scope.template, "outputs")
        # A bare output parameter is fine where Argo reads it after the run
        # (metrics); a bare output artifact never has a value.
        if kind == "artifacts" and len(parts) == 3:
            path = declared.get(name, {}).get("path")
            shown = f" or the declared path itself ({path})" if path else ""
            message = (
                "is never replaced inside a container: pass the file's path "
                f"instead, '{{{{outputs.{kind}.{name}.path}}}}'{shown}"
            )
            if name not in declared:
                message += f"; and declare '{name}' under the template's outputs"
                message += f" ({misplaced})" if misplaced else ""
            return message
        if name not in declared:
            return (
                f"names no output {kind[:-1]} of template '{scope.template_name}' "
                f"({_declared(declared)}){_did_you_mean(name, declared)}: "
                f"declare it under the template's outputs.{kind} or fix the name"
            )
        return None

    def resolve_node(self, parts: list[str], scope: _Scope) -> str | None:
        group, target = parts[0], parts[1]
        what = group[:-1]
        if scope.group != group:
            kind = "DAG" if group == "tasks" else "steps"
            return (
                f"can only be used inside a {kind} template: pass the value "
                "to this template as an input parameter or artifact instead"
            )
        if target not in scope.nodes:
            return (
                f"names no {what} '{target}' here"
                f"{_did_you_mean(target, scope.nodes)}: fix the name"
            )
        if scope.visible is not None and target not in scope.visible:
            if group == "tasks":
                return f"reads task '{target}' before it runs: add it to depends"
            return f"reads step '{target}' before it runs: move it to an earlier group"

        rest = parts[2:]
        if (
            len(rest) < 3
            or rest[0] != "outputs"
            or rest[1]
            not in (
                "parameters",
                "artifacts",
            )
        ):
            return None
        called = scope.nodes[target].get("template")
        if called not in self.templates:
            return None  # a templateRef, or a name reported by check_call
        outputs = self.templates[called].get("outputs")
        declared = _names(outputs.get(rest[1])) if isinstance(outputs, dict) else {}
        if rest[2] in declared:
            return None
        return (
            f"names no output {rest[1][:-1]} of template '{called}' "
            f"({_declared(declared)}){_did_you_mean(rest[2], declared)}: "
            f"fix the name or declare it under that template's outputs.{rest[1]}"
        )


# -- helpers -----------------------------------------------------------------


def _items(value) -> list:
    return value if isinstance(value, list) else []


def _names(entries) -> dict[str, dict]:
    """Declared parameters or artifacts by name."""
    found: dict[str, dict] = {}
    for entry in _items(entries):
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            found.setdefault(entry["name"], entry)
    return found


def _needs_argument(kind: str, entry: dict) -> bool:
    if kind == "parameters":
        return not any(key in entry for key in ("value", "default", "valueFrom"))
    if entry.get("optional") is True:
        return False
    return not any(key in entry for key in _ARTIFACT_SOURCES)


def _strings(node, path: DocPath):
    """Every string in a document subtree, with its path."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, path + (index,))


def _value_at(doc, path: DocPath):
    for part in path:
        if not isinstance(doc, dict):
            return None
        doc = doc.get(part)
    return doc


def _did_you_mean(name: str, candidates) -> str:
    close = difflib.get_close_matches(str(name), list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _declared(names) -> str:
    names = list(names)
    return f"declared: {', '.join(names)}" if names else "none declared"


def _misplaced_hint(template: dict, section: str) -> str:
    for kind in _POD_TYPES:
        body = template.get(kind)
        if isinstance(body, dict) and section in body:
            return f"its '{section}' sits under '{kind}': move it up one level"
    return ""


def _suggest_name(name: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return cleaned[:63].rstrip("-") or "name"


def _find_cycle(graph: dict[str, list[str]]) -> list[str]:
    """One dependency cycle as a list of names (first repeated at the end)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    trail: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        trail.append(node)
        for needed in graph.get(node, []):
            if state.get(needed) == 1:
                return trail[trail.index(needed) :] + [needed]
            if needed not in state:
                found = visit(needed)
                if found:
                    return found
        trail.pop()
        state[node] = 2
        return []

    for node in graph:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def _ancestors(graph: dict[str, list[str]]) -> dict[str, set[str]]:
    """Every task each task waits for, directly or not."""
    result: dict[str, set[str]] = {}
    for node in graph:
        seen: set[str] = set()
        pending = list(graph[node])
        while pending:
            needed = pending.pop()
            if needed not in seen:
                seen.add(needed)
                pending.extend(graph.get(needed, []))
        result[node] = seen
    return result
