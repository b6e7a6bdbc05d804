"""What SAS accepts where: the allow-lists behind the structural SAS check.

Statement names come from the SAS 9.4 / SAS/STAT 15 syntax pages of each
procedure. The lists cover the procedures generated code uses (plus a few
neighbours users add by hand); a procedure missing here is reported, so
the list grows on purpose rather than by accident.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Procedure:
    """One procedure: the statements it accepts and how its step ends."""

    statements: frozenset[str]
    # "quit" for interactive procedures (RUN only runs a group in them).
    ends_with: str = "run"
    # Words allowed bare in the PROC statement that are also statement names.
    header_words: frozenset[str] = frozenset()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Global statements: valid between steps and inside any step.
GLOBAL_STATEMENTS = _words(
    "options title title1 title2 title3 title4 title5 title6 title7 title8"
    " title9 title10 footnote footnote1 footnote2 footnote3 footnote4"
    " footnote5 footnote6 footnote7 footnote8 footnote9 footnote10"
    " filename libname ods endsas missing"
)

# Statements of the DATA step (Base SAS), besides assignments and sums.
DATA_STEP_STATEMENTS = _words(
    "abort array attrib by call cards cards4 continue datalines datalines4"
    " delete display do drop else end error file format goto go if infile"
    " informat input keep label leave length link list lostcard merge"
    " modify otherwise output put putlog redirect remove rename replace"
    " retain return select set stop update when where window"
)

# Statements most procedures take besides their own.
COMMON_PROC_STATEMENTS = _words("where format label attrib")

PROCEDURES: dict[str, Procedure] = {
    "import": Procedure(
        _words(
            "datarow delimiter getnames guessingrows sheet range mixed"
            " scantext usedate scantime dbsaslabel textsize endcol endrow"
            " namerow startcol startrow"
        )
    ),
    "export": Procedure(_words("delimiter putnames sheet label")),
    "sort": Procedure(_words("by key")),
    "surveyselect": Procedure(
        _words("control freq id size strata samplingunit cluster")
    ),
    "logistic": Procedure(
        _words(
            "by class code contrast effect effectplot estimate exact"
            " exactoptions freq id lsmeans lsmestimate model nloptions"
            " oddsratio output roc roccontrast score slice store strata"
            " test units weight"
        )
    ),
    "hplogistic": Procedure(
        _words(
            "by class code freq id model output partition performance selection weight"
        )
    ),
    "hpsplit": Procedure(
        _words(
            "class code grow id input model output partition performance"
            " prune rules target"
        )
    ),
    "hpreg": Procedure(
        _words(
            "by class code freq id model output partition performance selection weight"
        )
    ),
    "hpforest": Procedure(
        _words("freq id input partition performance save score target")
    ),
    "hp4score": Procedure(_words("id importance performance score")),
    "treeboost": Procedure(
        _words(
            "assess code freq importance input performance save score subseries target"
        )
    ),
    "freq": Procedure(_words("by exact output tables table test weight")),
    "json": Procedure(_words("export write")),
    "reg": Procedure(
        _words(
            "by add code delete freq id model mtest output paint plot print"
            " refit restrict reweight store test var weight"
        ),
        ends_with="quit",
    ),
    "glmselect": Procedure(
        _words(
            "by class code effect freq model output partition performance"
            " score store weight"
        )
    ),
    "means": Procedure(_words("by class freq id output types var ways weight")),
    "summary": Procedure(_words("by class freq id output types var ways weight")),
    "sql": Procedure(
        _words(
            "alter connect create delete describe disconnect drop execute"
            " insert reset select update validate"
        ),
        ends_with="quit",
    ),
    "print": Procedure(
        _words("by id pageby sum sumby var"), header_words=_words("label")
    ),
    "datasets": Procedure(
        _words(
            "age append audit change contents copy delete exchange exclude"
            " index informat ic modify rebuild repair rename save select"
        ),
        ends_with="quit",
    ),
    "contents": Procedure(frozenset()),
    "plm": Procedure(
        _words(
            "code effectplot estimate filter lsmeans lsmestimate score show slice test"
        )
    ),
    "score": Procedure(_words("by id var")),
    "stdize": Procedure(_words("by freq location scale var weight")),
    "printto": Procedure(frozenset()),
}

# Interactive procedures where a RUN statement is a no-op that SAS notes.
RUN_IS_IGNORED = frozenset({"sql"})

# Keywords seen translated in copied snippets, with the SAS word meant.
TRANSLATED_KEYWORDS: dict[str, str] = {
    "courir": "run",
    "exécuter": "run",
    "executer": "run",
    "lancer": "run",
    "quitter": "quit",
    "sortir": "quit",
    "données": "data",
    "donnees": "data",
    "procédure": "proc",
    "procedure": "proc",
    "ensemble": "set",
    "fusionner": "merge",
    "garder": "keep",
    "conserver": "keep",
    "supprimer": "drop",
    "renommer": "rename",
    "longueur": "length",
    "si": "if",
    "sinon": "else",
    "alors": "then",
    "faire": "do",
    "fin": "end",
    "sortie": "output",
    "imprimer": "print",
    "trier": "sort",
    "importer": "import",
    "exporter": "export",
    "fréquence": "freq",
    "frequence": "freq",
    "moyennes": "means",
    "modèle": "model",
    "modele": "model",
    "classe": "class",
    "par": "by",
    "où": "where",
    "ou": "where",
    "tableaux": "tables",
}
