"""The compiled-template cache: same output, private folder, best effort."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import answers as answer_book
from generator.render import TEMPLATES, environment, render_project
from generator.template_cache import bytecode_cache


@pytest.fixture
def context():
    answers = answer_book.collect(answer_book.parse_sets(["flavours=python,r"]))
    return answer_book.derive(answers)


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("AAWGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def cached_entries(cache_home: Path) -> list[Path]:
    return sorted(cache_home.glob("aawgen/jinja-*/*.jinja-cache"))


def test_cold_and_warm_cache_render_what_no_cache_renders(
    context, cache_home, monkeypatch
):
    cold = render_project(context)
    assert cached_entries(cache_home)
    warm = render_project(context)
    monkeypatch.setenv("AAWGEN_NO_CACHE", "1")
    assert cold == warm == render_project(context)


def test_damaged_entries_are_compiled_afresh(context, cache_home):
    expected = render_project(context)
    for entry in cached_entries(cache_home):
        entry.write_bytes(entry.read_bytes()[:20] + b"\x00garbage")
    assert render_project(context) == expected
    for entry in cached_entries(cache_home)[:3]:
        entry.write_bytes(b"")
    assert render_project(context) == expected


def test_an_unusable_cache_folder_means_no_cache(context, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.delenv("AAWGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert environment().bytecode_cache is None
    assert render_project(context)


def test_a_folder_others_can_write_is_not_trusted(cache_home):
    env = environment()
    folder = Path(env.bytecode_cache.directory)
    folder.chmod(0o777)
    assert bytecode_cache(env, TEMPLATES) is None
    folder.chmod(0o700)
    assert bytecode_cache(env, TEMPLATES) is not None


@pytest.mark.parametrize("change", [
    lambda env: setattr(env, "trim_blocks", False),
    lambda env: setattr(env, "newstyle_gettext", False),
    lambda env: env.policies.__setitem__("ext.i18n.trimmed", False),
])
def test_settings_that_change_compiled_code_use_another_folder(cache_home, change):
    env = environment()
    first = env.bytecode_cache.directory
    assert bytecode_cache(env, TEMPLATES).directory == first
    change(env)
    assert bytecode_cache(env, TEMPLATES).directory != first


def test_turned_off_by_environment_variable(cache_home, monkeypatch):
    monkeypatch.setenv("AAWGEN_NO_CACHE", "1")
    assert environment().bytecode_cache is None
