"""Structural check of SAS programs, built on the tree-sitter-sas parser.

The parser finds steps, statements and their RUN/QUIT; it is coarse (a step
left open swallows the next one, every statement of a procedure is
"generic"), so our own rules read each statement's first word with a small
tokenizer and hold it against the allow-lists in `sas_statements`:

- every DATA and PROC step is closed by the RUN or QUIT its kind needs;
- every statement is one its step (or the open code) accepts;
- no keyword is a translation (`courir;`, `quitter;`, `données`);
- a DATA or PROC statement ends with a semicolon before the body starts.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.validate import Problem
from generator.validate.sas_statements import (
    COMMON_PROC_STATEMENTS,
    DATA_STEP_STATEMENTS,
    GLOBAL_STATEMENTS,
    PROCEDURES,
    RUN_IS_IGNORED,
    TRANSLATED_KEYWORDS,
    Procedure,
)

if TYPE_CHECKING:
    from tree_sitter import Node, Parser

COMMENTS = frozenset({"block_comment", "line_comment", "percent_comment"})
HEADERS = frozenset({"data_step_header", "proc_step_header", "proc_sql_header"})
CLOSERS = frozenset({"run_statement", "run_or_quit_statement"})
# Node types the grammar gives to statements that are fine in open code.
OPEN_CODE_NODES = frozenset(
    {
        "options_statement",
        "libname_statement",
        "macro_variable_assignment",
        "macro_call_statement",
        "include_statement",
        "null_statement",
    }
)
BLOCK_NODES = frozenset(
    {"macro_definition", "macro_if_statement", "macro_do_statement"}
)
# Pieces of a macro block that are not statements of their own.
MACRO_PARTS = frozenset(
    {
        "macro_name",
        "macro_parameters",
        "macro_options",
        "macro_end",
        "macro_variable_ref",
        "macro_label",
        "macro_call",
        "numeric_literal",
        "string_literal",
        "identifier",
    }
)


@dataclass(frozen=True)
class Token:
    """One lexical unit of a statement: a word, string, name literal, etc."""

    kind: str
    text: str
    start: int

    @property
    def word(self) -> str:
        return self.text.lower()


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<comment>/\*.*?(?:\*/|\Z))
    | (?P<string>(?:'(?:[^']|'')*'|"(?:[^"]|"")*")(?P<suffix>[A-Za-z]{0,2}))
    | (?P<macro>[%&][^\W\d]\w*)
    | (?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)
    | (?P<word>[^\W\d]\w*)
    | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokenize(text: str) -> list[Token]:
    """Split SAS text into tokens, dropping blanks and block comments.

    An unterminated string becomes one "open-string" token running to the
    end, so callers can say so instead of reading its contents as code.
    """
    tokens = []
    position = 0
    while position < len(text):
        quote = text[position]
        if quote in "'\"" and not _closes(text, position):
            tokens.append(Token("open-string", text[position:], position))
            break
        match = _TOKEN.match(text, position)
        kind = match.lastgroup
        if kind == "suffix":
            kind = "string"
        if kind == "string" and match.group("suffix").lower() == "n":
            kind = "name"
        if kind not in ("space", "comment"):
            tokens.append(Token(kind, match.group(), position))
        position = match.end()
    return tokens


def _closes(text: str, start: int) -> bool:
    quote = text[start]
    pattern = re.compile(f"{quote}(?:[^{quote}]|{quote}{quote})*{quote}")
    return pattern.match(text, start) is not None


def decode_string(token_text: str) -> str:
    """The value a SAS literal stands for: 'text', "text", 'name'n or 'hex'x."""
    quote = token_text[0]
    end = token_text.rindex(quote)
    body = token_text[1:end].replace(quote * 2, quote)
    if token_text[end + 1 :].lower() == "x":
        return bytes.fromhex(body).decode("utf-8")
    return body


def check_sas_file(path: Path, shown_as: str | None = None) -> list[Problem]:
    """Check one SAS program on disk."""
    text = Path(path).read_text(encoding="utf-8")
    return check_sas_text(text, shown_as or str(path))


def check_sas_text(text: str, file: str) -> list[Problem]:
    """Check the structure of one SAS program; an empty list means it passed."""
    source = text.encode("utf-8")
    tree = _parser().parse(source)
    checker = _Checker(file, source)
    checker.check_block(tree.root_node)
    return sorted(set(checker.problems), key=_problem_order)


def _problem_order(problem: Problem) -> tuple[int, str]:
    line = re.search(r"\d+", problem.where)
    return (int(line.group()) if line else 0, problem.message)


@functools.cache
def _parser() -> Parser:
    import tree_sitter_sas
    from tree_sitter import Language, Parser

    return Parser(Language(tree_sitter_sas.language()))


@dataclass
class _OpenProc:
    """An interactive procedure whose RUN left it waiting for QUIT."""

    name: str
    rule: Procedure
    line: int


class _Checker:
    """Walks one parse tree and collects problems."""

    def __init__(self, file: str, source: bytes) -> None:
        self.file = file
        self.source = source
        self.problems: list[Problem] = []

    def report(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else node.start_point.row + 1
        self.problems.append(Problem(self.file, f"line {line}", message))

    def text(self, node: Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8")

    # Open code: steps, global statements, macro blocks.

    def check_block(self, block: Node) -> None:
        waiting: _OpenProc | None = None
        for node in block.named_children:
            kind = node.type
            if kind in COMMENTS or kind in OPEN_CODE_NODES:
                continue
            if kind in BLOCK_NODES:
                self.check_block(node)
                continue
            if waiting and kind == "generic_statement":
                waiting = self.continue_interactive(waiting, node)
                continue
            if waiting and kind in ("data_step", "proc_step", "proc_sql_step"):
                self.report_unquit(waiting, node)
                waiting = None
            if kind == "data_step":
                self.check_data_step(node, list(node.named_children))
            elif kind in ("proc_step", "proc_sql_step"):
                waiting = self.check_proc_step(node, list(node.named_children))
            elif kind == "ERROR":
                self.check_error(node)
            elif kind == "generic_statement":
                self.check_open_statement(node)
            elif kind not in MACRO_PARTS:
                self.report(
                    node,
                    f"{_first_words(self.text(node))} statement is "
                    "outside any DATA or PROC step",
                )
        if waiting:
            self.report_unquit(waiting, None)

    def check_open_statement(self, node: Node) -> None:
        tokens = tokenize(self.text(node))
        first = tokens[0] if tokens else None
        if first is None or first.kind == "macro" or first.text == ";":
            return
        if self.check_translated(node, first):
            return
        word = first.word
        if word in GLOBAL_STATEMENTS or _numbered_title(word):
            return
        if word in ("run", "quit") and _is_bare(tokens):
            return  # a stray RUN or QUIT between steps does nothing
        self.report(node, f"{word.upper()} statement is outside any DATA or PROC step")

    def check_translated(self, node: Node, token: Token) -> bool:
        meant = TRANSLATED_KEYWORDS.get(token.word)
        if meant is None and token.kind == "word" and not token.text.isascii():
            meant = "an English keyword"
        if meant is None:
            return False
        self.report(
            node,
            f"'{token.text}' is not a SAS keyword: SAS keywords "
            f"are never translated (write {meant})",
        )
        return True

    # DATA steps.

    def check_data_step(self, step: Node, children: list[Node]) -> None:
        header = children[0]
        self.check_data_header(header)
        body = children[1:]
        closer = body[-1] if body and body[-1].type in CLOSERS else None
        if closer is None:
            self.report_unclosed(step, "DATA", body, "run")
        else:
            body = body[:-1]
            if self.text(closer).lower().startswith("quit"):
                self.report(closer, "the DATA step is closed by QUIT; use run;")
        for node in body:
            self.check_data_statement(node)

    def check_data_header(self, header: Node) -> None:
        for token in tokenize(self.text(header)):
            if token.kind == "word" and token.word in DATA_STEP_STATEMENTS - {"data"}:
                if token.word in ("keep", "drop", "rename", "where"):
                    continue  # data set options: data a(keep=x)
                self.report(
                    header,
                    f"the DATA statement has no ';' before "
                    f"'{token.text}' (missing semicolon after DATA)",
                )
                return

    def check_data_statement(self, node: Node) -> None:
        if node.type in COMMENTS or node.type in OPEN_CODE_NODES:
            return
        if node.type in CLOSERS:
            return
        tokens = tokenize(self.text(node))
        if not tokens or tokens[0].kind == "macro" or tokens[0].text == ";":
            return
        if len(tokens) > 1 and tokens[0].kind == "word" and tokens[1].text == ":":
            tokens = tokens[2:]  # a statement label, as in `emit: put x;`
            if not tokens or tokens[0].text == ";":
                return
        first = tokens[0]
        if first.kind not in ("word", "name"):
            return  # an unclosed string or stray symbol, reported elsewhere
        if first.kind == "name" or _is_assignment(tokens):
            return  # a variable may be called `data`, `fin` or `sinon`
        if self.check_step_start(node, first, "DATA step"):
            return
        if self.check_translated(node, first):
            return
        word = first.word
        if word in DATA_STEP_STATEMENTS or word in GLOBAL_STATEMENTS:
            return
        if _numbered_title(word):
            return
        self.report(node, f"the DATA step does not accept a {word.upper()} statement")

    def check_step_start(self, node: Node, first: Token, inside: str) -> bool:
        """A DATA or PROC statement found inside a step: the step was left open."""
        if first.word not in ("data", "proc"):
            return False
        self.report(
            node,
            f"{first.word.upper()} statement inside the {inside}: "
            "the step before it is not closed by run; or quit;",
        )
        return True

    # PROC steps.

    def check_proc_step(self, step: Node, children: list[Node]) -> _OpenProc | None:
        header = children[0]
        tokens = tokenize(self.text(header))
        name = tokens[1].word if len(tokens) > 1 else ""
        rule = PROCEDURES.get(name)
        label = f"PROC {name.upper()}"
        if rule is None:
            if not self.check_translated(header, tokens[1]):
                self.report(
                    header,
                    f"{label} is not a procedure this check "
                    "knows (see generator/validate/sas_statements.py)",
                )
            rule = Procedure(frozenset())
        else:
            self.check_proc_header(header, name, rule, tokens)

        body = children[1:]
        closer = body[-1] if body and body[-1].type in CLOSERS else None
        if closer is None:
            self.report_unclosed(step, label, body, rule.ends_with)
        else:
            body = body[:-1]
        for node in body:
            self.check_proc_statement(node, name, rule)
        if closer is None:
            return None

        closed_by = self.text(closer).lower().rstrip("; \n")
        if name in RUN_IS_IGNORED and closed_by == "run":
            self.report(
                closer,
                f"{label} ends with quit;, not run; (SAS "
                "ignores RUN there and the step stays open)",
            )
        elif rule.ends_with == "quit" and closed_by == "run":
            return _OpenProc(name, rule, step.start_point.row + 1)
        elif rule.ends_with == "run" and closed_by == "quit" and name in PROCEDURES:
            self.report(closer, f"{label} ends with run;, not quit;")
        return None

    def check_proc_header(
        self, header: Node, name: str, rule: Procedure, tokens: list[Token]
    ) -> None:
        # Catch "proc sort data=a\n by x;": a statement name in the header.
        own = (rule.statements | COMMON_PROC_STATEMENTS) - rule.header_words
        for index, token in enumerate(tokens[2:], start=2):
            after = tokens[index + 1].text if index + 1 < len(tokens) else ""
            if token.kind == "word" and token.word in own and after != "=":
                if tokens[index - 1].text == "=":
                    continue  # an option's value, like order=freq
                self.report(
                    header,
                    f"the PROC {name.upper()} statement has no "
                    f"';' before '{token.text}' (missing semicolon)",
                )
                return

    def check_proc_statement(self, node: Node, name: str, rule: Procedure) -> None:
        if node.type in COMMENTS or node.type in OPEN_CODE_NODES:
            return
        tokens = tokenize(self.text(node))
        if not tokens or tokens[0].kind == "macro" or tokens[0].text == ";":
            return
        first = tokens[0]
        if first.kind != "word":
            return  # an unclosed string or stray symbol, reported elsewhere
        label = f"PROC {name.upper()}"
        if self.check_step_start(node, first, label):
            return
        if node.type in CLOSERS:
            return
        if self.check_translated(node, first):
            return
        word = first.word
        if word in ("run", "quit") and _is_bare(tokens):
            return
        accepted = rule.statements | COMMON_PROC_STATEMENTS | GLOBAL_STATEMENTS
        if word in accepted or _numbered_title(word) or name not in PROCEDURES:
            return
        known = ", ".join(sorted(w.upper() for w in rule.statements)) or "none"
        self.report(
            node,
            f"{label} does not accept a {word.upper()} statement "
            f"(its statements: {known})",
        )

    def continue_interactive(self, proc: _OpenProc, node: Node) -> _OpenProc | None:
        tokens = tokenize(self.text(node))
        if tokens and tokens[0].word == "quit" and _is_bare(tokens):
            return None
        if tokens and tokens[0].word == "run" and _is_bare(tokens):
            return proc
        self.check_proc_statement(node, proc.name, proc.rule)
        return proc

    def report_unquit(self, proc: _OpenProc, before: Node | None) -> None:
        where = (
            "the end of the program"
            if before is None
            else (f"the step at line {before.start_point.row + 1}")
        )
        self.report(
            proc.line,
            f"PROC {proc.name.upper()} is interactive and "
            f"is not ended by quit; before {where}",
        )

    def report_unclosed(
        self, step: Node, label: str, body: list[Node], needed: str
    ) -> None:
        hint = ""
        for node in body:
            tokens = tokenize(self.text(node))
            words = [t.word for t in tokens if t.kind == "word"]
            if len(words) > 1 and words[-1] in ("run", "quit"):
                hint = (
                    f" (line {node.start_point.row + 1} has '{words[-1]}' "
                    "with no ';' before it)"
                )
            if tokens and tokens[-1].kind == "open-string":
                hint = (
                    f" (a string opened at line {node.start_point.row + 1}"
                    " is never closed)"
                )
        self.report(step, f"{label} step is not closed by {needed};{hint}")

    # Parse errors.

    def check_error(self, node: Node) -> None:
        # The parser gives up on a step left open at the end of a program or
        # macro block; find its header and the statements that follow it.
        children = list(node.named_children)
        starts = [i for i, child in enumerate(children) if child.type in HEADERS]
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(children)
            step = [children[start]]
            for child in children[start + 1 : end]:
                if child.type in ("macro_call_statement", *BLOCK_NODES):
                    break
                step.append(child)
            if step[0].type == "data_step_header":
                self.check_data_step(step[0], step)
            else:
                self.check_proc_step(step[0], step)
        if starts:
            return
        # Otherwise read what the parser did recognise inside, as open code;
        # only when that finds nothing is the error shown as it is.
        found = len(self.problems)
        self.check_block(node)
        if len(self.problems) > found:
            return
        text = self.text(node)
        tokens = tokenize(text)
        if tokens and tokens[-1].kind == "open-string":
            self.report(node, "a quoted string is never closed")
            return
        self.report(node, f"cannot parse: {_first_words(text)!s}")


def _is_assignment(tokens: list[Token]) -> bool:
    """`x = ...;`, `x(i) = ...;`, `x[1] = ...;` or the sum statement `x + 1;`."""
    if tokens[0].kind not in ("word", "name"):
        return False
    second = tokens[1].text if len(tokens) > 1 else ""
    if second in ("=", "+"):
        return True
    if second in ("(", "[", "{"):
        depth = 0
        for index, token in enumerate(tokens[1:], start=1):
            depth += token.text in "([{"
            depth -= token.text in ")]}"
            if depth == 0:
                after = tokens[index + 1].text if index + 1 < len(tokens) else ""
                return after == "="
    return False


def _is_bare(tokens: list[Token]) -> bool:
    return len(tokens) <= 2 and (len(tokens) == 1 or tokens[1].text == ";")


def _numbered_title(word: str) -> bool:
    return re.fullmatch(r"(title|footnote)\d{1,2}", word) is not None


def _first_words(text: str) -> str:
    words = " ".join(text.split())
    return f"'{words[:40]}...'" if len(words) > 40 else f"'{words}'"
