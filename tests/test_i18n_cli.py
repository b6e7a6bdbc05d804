"""aawgen speaks French with --lang fr or a French locale, English otherwise."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from generator.i18n import language_from_environment, translations
from tests.conftest import ROOT

# An environment with no locale variable, so each test says what it wants.
PLAIN = {key: value for key, value in os.environ.items()
         if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}


@pytest.mark.parametrize("environ,expected", [
    ({}, "en"),
    ({"LANG": "fr_CA.UTF-8"}, "fr"),
    ({"LANG": "fr"}, "fr"),
    ({"LANG": "en_CA.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_CA.UTF-8"}, "fr"),
    ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_CA.UTF-8"}, "fr"),
    ({"LC_ALL": "en_CA.UTF-8", "LC_MESSAGES": "fr_CA.UTF-8"}, "en"),
    ({"LANGUAGE": "fr_CA:en", "LANG": "en_CA.UTF-8"}, "fr"),
    ({"LANG": ""}, "en"),
])
def test_the_environment_chooses_the_language(environ, expected):
    assert language_from_environment(environ) == expected


def _run(*args: str, lang: str | None = None,
         **kwargs) -> subprocess.CompletedProcess:
    """aawgen in a subprocess with LANG as given and no other locale."""
    env = dict(PLAIN)
    if lang is not None:
        env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True,
        text=True, env={**env, "PYTHONPATH": str(ROOT), "COLUMNS": "200"},
        timeout=120, **kwargs,
    )


def _questions(*args: str, lang: str | None = None) -> dict[str, dict]:
    result = _run(*args, "questions", "--json", lang=lang)
    assert result.returncode == 0, result.stderr
    return {row["key"]: row for row in json.loads(result.stdout)}


def test_questions_are_french_with_lang_fr():
    rows = _questions("--lang", "fr")
    assert rows["project_name"]["prompt"] == "Nom du projet"
    assert rows["seed"]["prompt"] == "Graine aléatoire"
    assert rows["target"]["default"] == "(tiré des données)"
    # Keys, types and choices are the contract and stay as they are.
    assert rows["locale"]["choices"] == ["en", "fr"]
    assert rows["missing"]["choices"] == ["impute", "drop"]


def test_questions_are_french_in_a_french_locale():
    rows = _questions(lang="fr_CA.UTF-8")
    assert rows["project_name"]["prompt"] == "Nom du projet"


def test_lang_en_wins_over_a_french_locale():
    rows = _questions("--lang", "en", lang="fr_CA.UTF-8")
    assert rows["project_name"]["prompt"] == "Project name"


def test_questions_are_english_elsewhere():
    assert _questions()["project_name"]["prompt"] == "Project name"
    assert _questions(lang="de_DE.UTF-8")["project_name"]["prompt"] == "Project name"


def test_an_unknown_language_is_a_usage_error():
    result = _run("--lang", "de", "questions")
    assert result.returncode == 2
    assert "choose en or fr" in result.stderr


def test_answer_errors_are_french_in_a_french_locale(tmp_path):
    result = _run("new", str(tmp_path / "p"), "--defaults", "--set", "seed=abc",
                  lang="fr_CA.UTF-8")
    assert result.returncode == 2
    assert ("réponse 'seed' : 'abc' n'est pas acceptée : un nombre entier est "
            "attendu") in result.stderr
    assert not (tmp_path / "p").exists()


def test_piped_questionnaire_in_a_french_locale(tmp_path):
    result = _run("new", str(tmp_path / "p"), input="\n" * 40, lang="fr_CA.UTF-8")
    assert result.returncode == 0, result.stderr
    assert "Variantes à générer" in result.stdout
    assert "Projet écrit dans" in result.stdout
    # The interface language is not the project's: that is the locale answer.
    readme = (tmp_path / "p" / "README.md").read_text(encoding="utf-8")
    assert "## Run everything locally" in readme


def test_help_does_not_import_babel_nor_read_a_catalogue():
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator", "--help"],
        capture_output=True, text=True, env={**PLAIN, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode == 0
    modules = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert not any(name.split(".")[0] == "babel" for name in modules)
    assert "jinja2" not in modules


def test_reading_a_catalogue_is_cheap():
    translations.cache_clear()
    start = time.perf_counter()
    translations("fr")
    elapsed = time.perf_counter() - start
    assert elapsed < 0.1, f"reading the French catalogue took {elapsed:.3f}s"


# -- the questionnaire in a real terminal -------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal:
    """aawgen running on a pseudo-terminal, read and typed into like a user."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
        )
        os.close(slave)
        self.screen = ""

    def read_until(self, marker: str, timeout: float = 30) -> str:
        """Everything shown until `marker` appears; fails after `timeout`."""
        start = len(self.screen)
        deadline = time.monotonic() + timeout
        while marker not in self.screen[start:]:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                raise AssertionError(
                    f"{marker!r} did not appear; the terminal shows:\n"
                    + self.screen[-2000:]
                )
        return self.screen[start:]

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8") + b"\r")

    def finish(self, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while self._read(max(deadline - time.monotonic(), 0.01)):
            pass
        code = self.process.wait(timeout=max(deadline - time.monotonic(), 1))
        os.close(self.master)
        return code

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the child closed the terminal
            return False
        if not data:
            return False
        self.screen += ANSI.sub("", data.decode("utf-8", "replace"))
        return True


def test_lang_fr_asks_the_questions_in_french_in_a_terminal(tmp_path):
    dest = tmp_path / "projet"
    env = {**PLAIN, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color",
           "LANG": "en_CA.UTF-8"}
    terminal = Terminal(["--lang", "fr", "new", str(dest)], env)
    replies = {
        "Nom du projet": "Prévision des récoltes",
        "Langue du projet": "fr",
        "Graine aléatoire": "onze",  # refused, then asked again
    }
    shown = []
    try:
        while True:
            try:
                question = terminal.read_until("] > ", timeout=30)
            except AssertionError:
                # The questionnaire is over once aawgen has exited.
                terminal.process.wait(timeout=30)
                break
            shown.append(question)
            prompt = next((key for key in replies if key in question), None)
            terminal.type(replies.pop(prompt) if prompt else "")
            if prompt == "Graine aléatoire":
                replies["un nombre entier est attendu"] = "11"
    finally:
        code = terminal.finish()

    screen = terminal.screen
    assert code == 0, screen[-2000:]
    for french in ("Nom du projet (Texte libre", "Langue du projet", "choix : en, fr",
                   "Variantes à générer", "Colonne cible", "Graine aléatoire",
                   "un nombre entier est attendu", "créé README.md",
                   "Projet écrit dans"):
        assert french in screen, french
    assert "Project name" not in screen
    stored = (dest / ".aawgen" / "answers.yaml").read_text(encoding="utf-8")
    assert "project_name: Prévision des récoltes" in stored
    assert "\nseed: 11\n" in stored
    readme = (dest / "README.md").read_text(encoding="utf-8")
    assert "## Tout exécuter localement" in readme


def test_the_terminal_helper_sees_english_without_lang(tmp_path):
    """The same drive in English: the French above is no accident of the pty."""
    env = {**PLAIN, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
    terminal = Terminal(["new", str(tmp_path / "p")], env)
    try:
        first = terminal.read_until("] > ")
        terminal.process.terminate()
    finally:
        terminal.finish()
    assert "Language of the project (en or fr: comments" in first


def test_project_written_message_names_the_folder(tmp_path):
    result = _run("--lang", "fr", "new", str(tmp_path / "p"), "--defaults")
    assert result.returncode == 0, result.stderr
    assert f"Projet écrit dans {tmp_path / 'p'}." in result.stdout
    assert Path(tmp_path / "p" / "README.md").is_file()
