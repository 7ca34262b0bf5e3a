"""Languages: installs Qt translators for Doodle's own strings, the object names and Qt's dialogs.

Doodle's translations are compiled ``.qm`` files in ``assets/i18n/`` (``doodle_de.qm``,
``doodle_fr.qm``; ``doodle_en.qm`` holds only English plural forms), made from ``.ts`` sources
with ``pyside6-lupdate`` (``-pluralonly`` for English) and ``pyside6-lrelease``. The language is the
``language`` setting when there is one, otherwise the system locale; English needs no file.
Object names (the models' labels) are translated in their own context, ``"objects"``; the list
below names them for ``lupdate``.

The language can change while Doodle runs: installing other translators sends every widget a
``QEvent.LanguageChange``, and the main window's lasting widgets set all their texts in a
``retranslate()`` method that runs at construction and again on that event.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from doodle import paths
from doodle.export.captions import object_label

__all__ = ["OBJECT_LABELS", "available_languages", "install_translator", "object_label"]

SOURCE_LANGUAGE = "en"

# The labels of the objects Doodle can draw along with; "objects" is their translation context.
OBJECT_LABELS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("objects", "Ambulance"),
    QT_TRANSLATE_NOOP("objects", "Antyoga"),
    QT_TRANSLATE_NOOP("objects", "Bear"),
    QT_TRANSLATE_NOOP("objects", "Bicycle"),
    QT_TRANSLATE_NOOP("objects", "Bird"),
    QT_TRANSLATE_NOOP("objects", "Bulldozer"),
    QT_TRANSLATE_NOOP("objects", "Calendar"),
    QT_TRANSLATE_NOOP("objects", "Cat"),
    QT_TRANSLATE_NOOP("objects", "Diving board"),
    QT_TRANSLATE_NOOP("objects", "Dog"),
    QT_TRANSLATE_NOOP("objects", "Dolphin"),
    QT_TRANSLATE_NOOP("objects", "Hedgehog"),
    QT_TRANSLATE_NOOP("objects", "Key"),
    QT_TRANSLATE_NOOP("objects", "Lantern"),
    QT_TRANSLATE_NOOP("objects", "Lobster"),
    QT_TRANSLATE_NOOP("objects", "Monkey"),
    QT_TRANSLATE_NOOP("objects", "Mosquito"),
    QT_TRANSLATE_NOOP("objects", "Palm tree"),
    QT_TRANSLATE_NOOP("objects", "Parrot"),
    QT_TRANSLATE_NOOP("objects", "Pool"),
    QT_TRANSLATE_NOOP("objects", "Rabbit"),
    QT_TRANSLATE_NOOP("objects", "Rain"),
    QT_TRANSLATE_NOOP("objects", "Rhinoceros"),
    QT_TRANSLATE_NOOP("objects", "Roller coaster"),
    QT_TRANSLATE_NOOP("objects", "Sheep"),
    QT_TRANSLATE_NOOP("objects", "Tiger"),
    QT_TRANSLATE_NOOP("objects", "Toothbrush"),
    QT_TRANSLATE_NOOP("objects", "Toothpaste"),
    QT_TRANSLATE_NOOP("objects", "Trombone"),
)

# Translators must outlive the call that installs them; the application does not own them.
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return paths.assets_dir() / "i18n"


def available_languages() -> list[str]:
    """English plus every language that has a compiled ``doodle_<lang>.qm``."""
    found = {p.stem.removeprefix("doodle_") for p in translations_dir().glob("doodle_*.qm")}
    return [SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE})]


def _choose(language: str | None) -> str:
    if language:
        return language.replace("-", "_")
    return QLocale.system().name()


def install_translator(app: QCoreApplication, language: str | None = None) -> str:
    """Install the translators for ``language`` (None: the system locale).

    Returns the language in use: its code (``"de"``) or ``"en"`` when no translation matched.
    Calling it again replaces the previous language.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    wanted = _choose(language)
    locale = QLocale(wanted)
    doodle_translator = QTranslator()
    # QTranslator.load tries "doodle_de_AT", then "doodle_de", as locales fall back.
    if not doodle_translator.load(locale, "doodle", "_", str(translations_dir())):
        # English is the source language; its file holds only the plural forms.
        if doodle_translator.load(f"doodle_{SOURCE_LANGUAGE}", str(translations_dir())):
            app.installTranslator(doodle_translator)
            _installed.append(doodle_translator)
        QLocale.setDefault(QLocale(SOURCE_LANGUAGE))
        return SOURCE_LANGUAGE
    app.installTranslator(doodle_translator)
    _installed.append(doodle_translator)
    qt_translator = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    QLocale.setDefault(locale)
    return Path(doodle_translator.filePath()).stem.removeprefix("doodle_")
