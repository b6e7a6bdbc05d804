"""The questionnaire: each question's type, default, choices, rule and help.

Defaults and choices may depend on earlier answers (the task on the data, the
algorithm on the task), so they are given as values or as functions of the
answers so far. Questions are asked in the order of QUESTIONS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.i18n import LANGUAGES, N_, _

Answers = dict[str, Any]

FLAVOURS = ("python", "r", "saspy", "sas")

ALGORITHMS = {
    "classification": (
        "random_forest",
        "logistic_regression",
        "gradient_boosting",
        "decision_tree",
    ),
    "regression": (
        "random_forest",
        "linear_regression",
        "gradient_boosting",
        "decision_tree",
    ),
}

SAMPLE_DATASET = "data/iris.csv"

_QUANTITY = re.compile(r"^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$")
_URL = re.compile(r"^https?://[^\s\"'\\]+$")
_REGISTRY = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9._/-]+)?$")
_IMAGE_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
_DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
_SAS_CFGNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_IMAGE_REF = re.compile(r"^[a-z0-9][a-z0-9._/:@-]*$")


@dataclass(frozen=True)
class Question:
    """One question. Its prompt, help and rule messages are English msgids,
    translated where they are shown (the terminal, `.aawgen/answers.yaml`)."""

    key: str
    kind: str  # text, choice, multi, bool, int, float, columns
    prompt: str
    help: str
    default: Any = None
    choices: tuple[str, ...] | Callable[[Answers], tuple[str, ...]] = ()
    rule: Callable[[Any, Answers], str | None] | None = None
    ask: Callable[[Answers], bool] = field(default=lambda answers: True)

    def choices_for(self, answers: Answers) -> tuple[str, ...]:
        if callable(self.choices):
            return self.choices(answers)
        return self.choices

    def default_for(self, answers: Answers) -> Any:
        if callable(self.default):
            return self.default(answers)
        return self.default


def _text_rule(limit: int, multiline: bool = False):
    def rule(value: str, answers: Answers) -> str | None:
        if len(value) > limit:
            return _("at most %(limit)d characters (this has %(length)d)") % {
                "limit": limit, "length": len(value)
            }
        allowed = "\n\t" if multiline else "\t"
        if any(ord(c) < 0x20 and c not in allowed or c == "\x7f" for c in value):
            if multiline:
                return _("no control characters")
            return _("no control characters or newlines")
        return None

    return rule


def _project_name_rule(value: str, answers: Answers) -> str | None:
    if not value.strip():
        return _("give the project a name")
    if not any(ch.isalnum() for ch in value):
        return _("the name needs at least one letter or digit")
    return _text_rule(200)(value, answers)


def _pattern_rule(pattern: re.Pattern, what: str, empty_ok: bool = False):
    def rule(value: str, answers: Answers) -> str | None:
        if empty_ok and value == "":
            return None
        if not pattern.match(value):
            return _(what)
        return None

    return rule


def _range_rule(low: float, high: float, open_interval: bool = False):
    def rule(value: float, answers: Answers) -> str | None:
        inside = low < value < high if open_interval else low <= value <= high
        if not inside:
            bounds = f"({low}, {high})" if open_interval else f"[{low}, {high}]"
            return _("a number in %(bounds)s") % {"bounds": bounds}
        return None

    return rule


def _algorithm_choices(answers: Answers) -> tuple[str, ...]:
    return ALGORITHMS[answers.get("task", "classification")]


def _default_algorithm(answers: Answers) -> str:
    return "random_forest"


def _column_choices(answers: Answers) -> tuple[str, ...]:
    return tuple(col["name"] for col in answers.get("columns", ()))


def _default_target(answers: Answers) -> str:
    names = _column_choices(answers)
    return names[-1] if names else ""


def _default_task(answers: Answers) -> str:
    return answers.get("_inferred_task", "classification")


def _in_project_language(message: str) -> Callable[[Answers], str]:
    """A default text in the language the `locale` answer chose."""
    def default(answers: Answers) -> str:
        from generator.i18n import translations

        return translations(answers.get("locale", "en")).gettext(message)

    default.localized = message  # `aawgen questions` shows it, not "from the data"
    return default


def _flavours_rule(value: list[str], answers: Answers) -> str | None:
    return None if value else _("choose at least one flavour")


QUESTIONS: tuple[Question, ...] = (
    Question(
        "locale", "choice", N_("Language of the project"),
        N_("en or fr: comments, docstrings, READMEs, notebooks, help texts and "
           "messages of the generated project."),
        default="en", choices=LANGUAGES,
    ),
    Question(
        "project_name", "text", N_("Project name"),
        N_("Free text in any language; the folder, image and workflow names "
           "are derived from it."),
        default="Iris classifier", rule=_project_name_rule,
    ),
    Question(
        "description", "text", N_("One-line description"),
        N_("Shown in the project's README and image labels."),
        default=_in_project_language(
            N_("Train and evaluate a model on the AAW platform.")
        ),
        rule=_text_rule(2000, multiline=True),
    ),
    Question(
        "author", "text", N_("Author"),
        N_("Name or team, for the README and labels."),
        default=_in_project_language(N_("AAW user")), rule=_text_rule(200),
    ),
    Question(
        "flavours", "multi", N_("Flavours to generate"),
        N_("The same pipeline in each chosen language."),
        default=["python"], choices=FLAVOURS, rule=_flavours_rule,
    ),
    Question(
        "dataset", "text", N_("Dataset (CSV path)"),
        N_("'data/iris.csv' is the bundled sample; any other path is read "
           "for its columns and used in place, never copied into the project."),
        default=SAMPLE_DATASET, rule=_text_rule(1000),
    ),
    Question(
        "target", "column", N_("Target column"),
        N_("The column to predict, as written in the CSV header."),
        default=_default_target, choices=_column_choices,
    ),
    Question(
        "features", "columns", N_("Feature columns"),
        N_("'all' for every other column, or a comma-separated list."),
        default="all", choices=_column_choices,
    ),
    Question(
        "missing", "choice", N_("Missing values in features"),
        N_("impute: median for numbers, most frequent for text; drop: drop rows."),
        default="impute", choices=("impute", "drop"),
    ),
    Question(
        "task", "choice", N_("Task"),
        N_("Inferred from the target column when a CSV is given."),
        default=_default_task, choices=("classification", "regression"),
    ),
    Question(
        "algorithm", "choice", N_("Algorithm"),
        N_("In SAS, random_forest and gradient_boosting need an Enterprise Miner "
           "licence (HPFOREST, TREEBOOST); the others need only SAS/STAT."),
        default=_default_algorithm, choices=_algorithm_choices,
    ),
    Question(
        "test_size", "float", N_("Test share"),
        N_("Share of rows held out for evaluation."),
        default=0.2, rule=_range_rule(0, 1, open_interval=True),
    ),
    Question(
        "seed", "int", N_("Random seed"),
        N_("Makes the split and the model repeatable."),
        default=42, rule=_range_rule(0, 2**31 - 1),
    ),
    Question(
        "cv_folds", "int", N_("Cross-validation folds"),
        N_("Folds on the training split."),
        default=5, rule=_range_rule(2, 20),
    ),
    Question(
        "n_trees", "int", N_("Trees"), N_("Trees for random forest and boosting."),
        default=100, rule=_range_rule(1, 5000),
    ),
    Question(
        "registry", "text", N_("Container registry"),
        N_("Images are pushed and pulled as <registry>/<slug>-<flavour>:<tag>."),
        default="k8scc01covidacr.azurecr.io",
        rule=_pattern_rule(_REGISTRY, N_("a registry host, like registry.example.ca")),
    ),
    Question(
        "image_tag", "text", N_("Image tag"),
        N_("Tag of every image this project builds."),
        default="0.1.0",
        rule=_pattern_rule(_IMAGE_TAG, N_("letters, digits, '_', '.', '-'; 128 max")),
    ),
    Question(
        "namespace", "text", N_("Argo namespace"),
        N_("Your Kubeflow profile; empty takes $NB_NAMESPACE at submit time."),
        default="", rule=_pattern_rule(
            _DNS_LABEL, N_("a DNS-1123 label (lowercase, digits, '-')"),
            empty_ok=True,
        ),
    ),
    Question(
        "service_account", "text", N_("Argo service account"),
        N_("Must be allowed to write workflowtaskresults."),
        default="default-editor", rule=_pattern_rule(
            _DNS_SUBDOMAIN, N_("a DNS-1123 name (lowercase, digits, '-', '.')")
        ),
    ),
    Question(
        "cpu_request", "text", N_("CPU request"), N_("Per step, e.g. 1 or 500m."),
        default="1",
        rule=_pattern_rule(_QUANTITY, N_("a quantity like 1, 0.5 or 500m")),
    ),
    Question(
        "cpu_limit", "text", N_("CPU limit"), N_("Per step."),
        default="2", rule=_pattern_rule(_QUANTITY, N_("a quantity like 2 or 1500m")),
    ),
    Question(
        "memory_request", "text", N_("Memory request"), N_("Per step, e.g. 2Gi."),
        default="2Gi",
        rule=_pattern_rule(_QUANTITY, N_("a quantity like 2Gi or 512Mi")),
    ),
    Question(
        "memory_limit", "text", N_("Memory limit"), N_("Per step."),
        default="4Gi", rule=_pattern_rule(_QUANTITY, N_("a quantity like 4Gi")),
    ),
    Question(
        "gpu", "int", N_("GPUs for training"),
        N_("0 for none; nvidia.com/gpu limit."),
        default=0, rule=_range_rule(0, 8),
    ),
    Question(
        "pip_index_url", "text", N_("PyPI mirror URL"),
        N_("Build argument of the Python images; empty uses pip's default."),
        default="", rule=_pattern_rule(_URL, N_("an http(s) URL"), empty_ok=True),
    ),
    Question(
        "cran_mirror", "text", N_("CRAN mirror URL"),
        N_("Build argument of the R image."),
        default="https://cloud.r-project.org",
        rule=_pattern_rule(_URL, N_("an http(s) URL")),
    ),
    Question(
        "storage_path", "text", N_("Storage path at run time"),
        N_("Where the workflow reads the data, e.g. a bucket under ~/buckets/."),
        default="/home/jovyan/buckets/aaw-unclassified/data",
        rule=_text_rule(500),
    ),
    Question(
        "istio_sidecar_off", "bool", N_("Disable the Istio sidecar in workflow pods"),
        N_("Platform namespaces inject one; short steps hang unless it is off."),
        default=True,
    ),
    Question(
        "workflow_template", "bool", N_("Also write a WorkflowTemplate"),
        N_("Lets a team submit by name with argo submit --from."),
        default=False,
    ),
    Question(
        "couler", "bool", N_("Also write a Couler script (legacy)"),
        N_("Couler is unmaintained; Hera is the supported way."),
        default=False,
    ),
    Question(
        "sas_cfgname", "text", N_("saspy configuration name"),
        N_("The SASsession(cfgname=...) of your sascfg_personal.py."),
        default="default",
        rule=_pattern_rule(
            _SAS_CFGNAME, N_("a Python identifier of 64 characters max")
        ),
        ask=lambda answers: "saspy" in answers.get("flavours", ()),
    ),
    Question(
        "sas_image", "text", N_("Licensed SAS image for Argo"),
        N_("Empty leaves the SAS flavours out of the workflow."),
        default="", rule=_pattern_rule(
            _IMAGE_REF, N_("an image reference like registry/sas:tag"), empty_ok=True
        ),
        ask=lambda answers: bool({"sas", "saspy"} & set(answers.get("flavours", ()))),
    ),
)

BY_KEY = {question.key: question for question in QUESTIONS}
