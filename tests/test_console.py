"""The console's plain lines: uncoloured in pipes, coloured on terminals."""

from __future__ import annotations

import io

import pytest

from generator import console


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def loud():
    console.set_quiet(False)
    yield
    console.set_quiet(False)


def test_file_action_is_plain_text_in_a_pipe(monkeypatch, loud):
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    console.file_action("created", "data/[raw] file.csv")
    assert out.getvalue() == "   created data/[raw] file.csv\n"


def test_file_action_is_coloured_on_a_terminal(monkeypatch, loud):
    out = Terminal()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    console.file_action("conflict", "python/train.py")
    assert out.getvalue() == "\x1b[31m  conflict\x1b[0m python/train.py\n"
    monkeypatch.setenv("NO_COLOR", "1")
    console.file_action("kept", "r/train.R")
    assert out.getvalue().endswith("\n      kept r/train.R\n")


def test_quiet_silences_plain_lines_and_the_rich_console(monkeypatch, loud):
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    console.set_quiet(True)
    console.say("hidden")
    console.file_action("created", "hidden")
    assert console.console.quiet
    console.console.print("hidden too")
    assert out.getvalue() == ""
    console.set_quiet(False)
    assert not console.console.quiet
