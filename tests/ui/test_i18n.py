"""Languages: the German translation loads by setting or by locale, object names included."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from doodle import paths
from doodle.ui.i18n import OBJECT_LABELS, available_languages, install_translator, object_label

MAGENTA_OBJECTS = (
    "bear bird dog dolphin hedgehog monkey parrot rabbit sheep tiger palm_tree ambulance bicycle "
    "bulldozer key lantern calendar diving_board lobster mosquito pool rain rhinoceros "
    "roller_coaster toothbrush toothpaste trombone antyoga"
).split()


@pytest.fixture
def english_afterwards(qapp):
    yield qapp
    install_translator(qapp, "en")
    QLocale.setDefault(QLocale("en"))


def test_german_is_shipped():
    assert "de" in available_languages()
    assert (paths.assets_dir() / "i18n" / "doodle_de.qm").is_file()


def test_setting_chooses_german(english_afterwards):
    assert install_translator(english_afterwards, "de") == "de"
    assert QCoreApplication.translate("MainWindow", "Undo") == "Zurück"
    assert QCoreApplication.translate("GalleryDialog", "My drawings") == "Meine Bilder"
    assert object_label("palm_tree") == "Palme"
    assert object_label("bear") == "Bär"
    assert install_translator(english_afterwards, "en") == "en"
    assert object_label("palm_tree") == "Palm tree"
    assert QCoreApplication.translate("MainWindow", "Undo") == "Undo"


def test_french_is_shipped_too(english_afterwards):
    assert "fr" in available_languages()
    assert install_translator(english_afterwards, "fr_CA") == "fr"
    assert QCoreApplication.translate("MainWindow", "Undo") == "Annuler"
    assert object_label("hedgehog") == "Hérisson"


def test_system_locale_is_the_default(english_afterwards, monkeypatch):
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_AT")))
    assert install_translator(english_afterwards, None) == "de"
    assert object_label("hedgehog") == "Igel"


def test_unknown_language_falls_back_to_english(english_afterwards):
    assert install_translator(english_afterwards, "xx") == "en"
    assert object_label("rain") == "Rain"


def test_english_plurals(english_afterwards):
    assert available_languages()[0] == "en" and available_languages().count("en") == 1
    for language in ("en", "es"):
        install_translator(english_afterwards, language)
        one = QCoreApplication.translate("GalleryDialog", "%n drawing(s) deleted for good.", "", 1)
        two = QCoreApplication.translate("GalleryDialog", "%n drawing(s) deleted for good.", "", 2)
        assert (one, two) == ("1 drawing deleted for good.", "2 drawings deleted for good.")


def test_every_object_and_every_string_is_translated(english_afterwards):
    from doodle.export.captions import english_label

    assert {english_label(name) for name in MAGENTA_OBJECTS} <= set(OBJECT_LABELS)
    install_translator(english_afterwards, "de")
    same_in_german = {"tiger"}
    untranslated = [
        name
        for name in MAGENTA_OBJECTS
        if object_label(name) == english_label(name) and name not in same_in_german
    ]
    assert untranslated == []
    for language in ("de", "fr"):
        root = ET.parse(paths.assets_dir() / "i18n" / f"doodle_{language}.ts").getroot()
        unfinished = [
            m.findtext("source")
            for m in root.iter("message")
            if m.find("translation").get("type") == "unfinished"
        ]
        assert unfinished == [], language
