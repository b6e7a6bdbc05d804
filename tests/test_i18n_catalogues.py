"""The catalogues hold exactly the messages aawgen and its templates use.

Messages are extracted with Babel's extraction API from every template and
every module of aawgen, as babel.cfg maps them; each needs an English and a
French translation, and a catalogue entry that nothing uses is an error.
"""

from __future__ import annotations

import gettext

from tests.conftest import ROOT
from tools import catalogues


def test_every_message_is_translated_in_both_languages_and_used():
    assert catalogues.problems() == []


def test_extraction_reads_every_template_and_module():
    mapped = {path.relative_to(ROOT).as_posix()
              for path, _, _ in catalogues.source_files()}
    templates = {path.relative_to(ROOT).as_posix()
                 for path in (ROOT / "templates").rglob("*.jinja")}
    modules = {path.relative_to(ROOT).as_posix()
               for path in (ROOT / "generator").rglob("*.py")}
    assert templates <= mapped
    assert modules <= mapped


def test_messages_come_from_templates_and_from_aawgen_itself():
    files = {location for message in catalogues.extract()
             for location, _ in message.locations}
    for family in ("templates/project/", "templates/python/", "templates/r/",
                   "templates/workflows/", "generator/questions.py",
                   "generator/answers.py", "generator/workflows.py"):
        assert any(name.startswith(family) for name in files), family


def test_french_is_french():
    """Most French entries differ from the English; a few words (Python,
    classification) are the same in both languages."""
    catalog = catalogues.read_catalogue("fr")
    entries = [message for message in catalog if message.id]
    same = [message.id for message in entries if message.string == message.id]
    assert len(same) <= 0.05 * len(entries), same


def test_the_field_keeps_its_french_terms():
    translations = dict(_pairs(catalogues.read_catalogue("fr")))
    assert translations["random forest"] == "forêt aléatoire"
    assert translations["accuracy"] == "exactitude"
    assert "jeu de données" in translations["Dataset (CSV path)"].lower()
    assert "validation croisée" in translations["Cross-validation folds"]
    assert "ensemble d'entraînement" in translations[
        "Folds on the training split."]


def test_no_translation_renames_code():
    """Backticked code, placeholders and package names survive translation."""
    import re

    code = re.compile(r"`[^`]+`")
    for english, french in _pairs(catalogues.read_catalogue("fr")):
        for span in code.findall(english):
            # Placeholders of a file layout may be translated inside paths.
            if "<" in span or "=" in span:
                continue
            assert span in french, (english, span)
        for package in ("janitor", "caret", "optparse", "saspy", "Hera",
                        "Couler", "scikit-learn", "pandas"):
            if package in english:
                assert package in french, (english, package)


def test_compiled_catalogues_ship_inside_the_package():
    from generator.i18n import LOCALE_DIR, translations

    assert LOCALE_DIR.is_relative_to(ROOT / "generator")
    for language in ("en", "fr"):
        assert isinstance(translations(language), gettext.GNUTranslations)
    assert translations("fr").gettext("Project name") == "Nom du projet"
    assert translations("en").gettext("Project name") == "Project name"


def test_plural_forms_follow_each_language():
    from generator.i18n import translations

    singular, plural = "%(count)s column", "%(count)s columns"
    assert translations("fr").ngettext(singular, plural, 1) == "%(count)s colonne"
    # French counts zero and one as singular; English only one.
    assert translations("fr").ngettext(singular, plural, 0) == "%(count)s colonne"
    assert translations("en").ngettext(singular, plural, 0) == plural


def _pairs(catalog):
    for message in catalog:
        if message.id and isinstance(message.id, str):
            yield message.id, message.string
