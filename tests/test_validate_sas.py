"""The structural SAS check and the @sasjs/lint wrapper, on real tools."""

import os
import shutil

import pytest

from generator.validate.sas import check_sas_text, decode_string, tokenize
from generator.validate.sas_lint import (
    SasLintUnavailable,
    find_node_modules,
    lint_sas_text,
)

GOOD = """\
/**
  @file
  @brief A small program that uses every kind of step the templates use.
**/
options validvarname=v7 nonotes;
%let input = %sysget(INPUT);

proc import datafile="&input" out=work.raw dbms=csv replace;
  getnames=yes;
  guessingrows=max;
run;

data work.clean;
  set work.raw;
  if missing(species) then delete;
  'bill length'n = bill_length_mm * 1;
  total + 1;
run;

proc sort data=work.clean;
  by species;
run;

proc surveyselect data=work.clean out=work.split outall samprate=0.8 seed=42;
  strata species;
run;

proc sql noprint;
  select count(*) into :n trimmed from work.split;
quit;

proc reg data=work.split;
  model bill_length_mm = flipper_length_mm;
run;
quit;

proc freq data=work.split;
  tables species*selected / out=work.counts;
run;

data _null_;
  file "out.json";
  put '{"n": ' "&n" '}';
run;
"""


def messages(text: str) -> list[str]:
    return [problem.message for problem in check_sas_text(text, "prog.sas")]


def test_a_well_formed_program_passes():
    assert check_sas_text(GOOD, "prog.sas") == []


def test_a_missing_run_is_reported_at_the_step_left_open():
    text = "data a;\n  set b;\nproc print data=a;\nrun;\n"
    problems = check_sas_text(text, "prog.sas")
    assert [p.where for p in problems] == ["line 3"]
    assert "not closed by run;" in problems[0].message


def test_a_missing_run_at_the_end_of_the_program():
    assert messages("data a;\n  set b;\n") == ["DATA step is not closed by run;"]


def test_a_run_without_its_semicolon_gets_a_hint():
    [message] = messages("data a;\n  x = 1\nrun\n")
    assert "not closed by run;" in message


def test_a_translated_run_is_rejected():
    found = messages("data a;\n  set b;\ncourir;\n")
    assert any("'courir' is not a SAS keyword" in m and "run" in m for m in found)


def test_translated_quit_and_data_are_rejected():
    assert any("quitter" in m for m in messages("proc sql;\n  select 1;\nquitter;\n"))
    found = messages("données a;\n  set b;\nrun;\n")
    assert any("'données' is not a SAS keyword" in m for m in found)


def test_a_statement_in_the_wrong_procedure_is_rejected():
    [message] = messages("proc sort data=a;\n  tables x;\nrun;\n")
    assert message.startswith("PROC SORT does not accept a TABLES statement")


def test_a_missing_semicolon_after_data_is_rejected():
    [message] = messages("data a\n  set b;\nrun;\n")
    assert "missing semicolon after DATA" in message


def test_a_missing_semicolon_after_proc_is_rejected():
    [message] = messages("proc sort data=a\n  by x;\nrun;\n")
    assert "missing semicolon" in message


def test_proc_sql_must_end_with_quit():
    [message] = messages("proc sql;\n  select * from a;\nrun;\n")
    assert "PROC SQL ends with quit;" in message


def test_an_interactive_procedure_needs_quit():
    [message] = messages("proc reg data=a;\n  model y = x;\nrun;\n")
    assert "not ended by quit;" in message


def test_an_unknown_procedure_is_named():
    [message] = messages("proc frobnicate data=a;\nrun;\n")
    assert "PROC FROBNICATE is not a procedure this check knows" in message


def test_an_unclosed_string_is_reported():
    found = messages("data a;\n  x = 'abc;\nrun;\n")
    assert any("never closed" in m for m in found)


def test_a_statement_outside_any_step_is_rejected():
    [message] = messages("set b;\n")
    assert message == "SET statement is outside any DATA or PROC step"


def test_french_comments_are_fine():
    text = "/* Étape : courir les données */\n* quitter ici;\ndata a;\n  x=1;\nrun;\n"
    assert messages(text) == []


def test_steps_inside_macro_blocks_are_checked():
    text = (
        "%macro go();\n  %if 1 %then %do;\n    data a;\n      x=1;\n"
        "  %end;\n%mend go;\n"
    )
    assert any("not closed by run;" in m for m in messages(text))


def test_the_tokenizer_reads_strings_and_name_literals():
    tokens = tokenize("x = 'it''s' || \"a \"\"b\"\"\" || 'my col'n;")
    kinds = [t.kind for t in tokens]
    assert kinds == [
        "word",
        "punct",
        "string",
        "punct",
        "punct",
        "string",
        "punct",
        "punct",
        "name",
        "punct",
    ]
    assert decode_string(tokens[2].text) == "it's"
    assert decode_string(tokens[5].text) == 'a "b"'
    assert decode_string(tokens[8].text) == "my col"


# @sasjs/lint needs Node and the npm package; in CI both must be there.


def require_sasjs_lint() -> None:
    reason = None
    if shutil.which("node") is None:
        reason = "node is not installed"
    else:
        try:
            find_node_modules()
        except SasLintUnavailable as missing:
            reason = str(missing)
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must have SAS lint: {reason}")
    pytest.skip(reason)


def test_sas_lint_accepts_a_tidy_program():
    require_sasjs_lint()
    assert lint_sas_text(GOOD, "prog.sas") == []


def test_sas_lint_reports_hygiene_problems():
    require_sasjs_lint()
    problems = lint_sas_text("data a;\n   set b; \nrun;\n", "messy.sas")
    found = {(p.where, p.message) for p in problems}
    assert ("line 1", "File missing Doxygen header") in found
    assert ("line 2", "Line contains trailing spaces") in found
    assert all(p.file == "messy.sas" for p in problems)


def test_statement_labels_and_macro_loops_are_understood():
    text = (
        "%macro go();\n  %do fold = 1 %to 3;\n    data _null_;\n"
        "      x = &fold;\n      link emit;\n      return;\n"
        "    emit:\n      put x=;\n      return;\n    run;\n  %end;\n"
        "%mend go;\n"
    )
    assert messages(text) == []
