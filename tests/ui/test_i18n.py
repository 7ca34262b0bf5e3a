"""Languages: the German translation loads by setting or by locale, object names included.

The ``.ts`` sources are checked against the code with Qt's own ``lupdate`` (every string the
code translates is there and translated) and the ``.qm`` files against ``lrelease``. After
changing a translated string::

    pyside6-lupdate doodle/ui/*.py doodle/export/*.py \\
        -ts assets/i18n/doodle_de.ts assets/i18n/doodle_fr.ts
    pyside6-lupdate -pluralonly doodle/ui/*.py doodle/export/*.py -ts assets/i18n/doodle_en.ts
    pyside6-lrelease assets/i18n/doodle_de.ts assets/i18n/doodle_fr.ts assets/i18n/doodle_en.ts
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from doodle import paths
from doodle.config import load_settings, save_user_settings
from doodle.music import midi_out
from doodle.music.midi_out import MidiSettings
from doodle.music.objects import INSTRUMENTS
from doodle.music.player import MusicPlayer
from doodle.music.synth import Synth
from doodle.ui import classroom
from doodle.ui.app import build_window
from doodle.ui.audio_sink import SynthAudioSink
from doodle.ui.guesses import GuessBar
from doodle.ui.i18n import OBJECT_LABELS, available_languages, install_translator, object_label
from doodle.ui.ideas import IdeasPanel
from doodle.ui.music_controls import INSTRUMENT_LABELS, MusicControls
from doodle.ui.picker import CurrentObjectButton, ObjectButton

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
    # Each button of the main window says its own word, not its neighbour's.
    main_window = {
        "Draw": "Dessiner",
        "Rubber": "Gomme",
        "Take back the last step (Ctrl+Z)": "Annuler la dernière étape (Ctrl+Z)",
        "Hints": "Indices",
        "Keep it": "Je le garde",
        "Another one": "Un autre",
    }
    for english, french in main_window.items():
        assert QCoreApplication.translate("MainWindow", english) == french


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


LANGUAGES = ("de", "fr")
TRANSLATED_CODE = ("doodle/ui", "doodle/export")
PLACEHOLDER = re.compile(r"%(?:\d|n)")


def _qt_tool(name: str) -> str:
    return str(Path(PySide6.__file__).parent / name)


def _messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_file).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def _strings_in_the_code(tmp_path: Path) -> dict[tuple[str, str], ET.Element]:
    root = Path(__file__).resolve().parents[2]
    sources = [str(path) for folder in TRANSLATED_CODE for path in (root / folder).glob("*.py")]
    extracted = tmp_path / "extracted.ts"
    subprocess.run(
        [_qt_tool("lupdate"), "-silent", *sources, "-ts", str(extracted)],
        cwd=root,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return _messages(extracted)


def test_every_translated_string_of_the_code_is_in_german_and_french(tmp_path):
    in_code = _strings_in_the_code(tmp_path)
    assert ("IdeasPanel", "Pick two drawings and watch one turn into the other") in in_code
    for language in LANGUAGES:
        shipped = _messages(paths.assets_dir() / "i18n" / f"doodle_{language}.ts")
        missing = sorted(set(in_code) - set(shipped))
        assert missing == [], f"run pyside6-lupdate for doodle_{language}.ts: {missing}"
        empty = [
            key
            for key, message in shipped.items()
            if key in in_code and not all(text.strip() for text in _translations(message))
        ]
        assert empty == [], language


def test_translations_keep_placeholders_and_accelerators():
    for language in LANGUAGES:
        for (context, source), message in _messages(
            paths.assets_dir() / "i18n" / f"doodle_{language}.ts"
        ).items():
            for text in _translations(message):
                assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                    language,
                    context,
                    source,
                )
                assert ("&" in text) == ("&" in source), (language, context, source)


@pytest.mark.parametrize("language", ("de", "fr", "en"))
def test_compiled_translations_match_their_sources(tmp_path, language):
    folder = paths.assets_dir() / "i18n"
    source, compiled = folder / f"doodle_{language}.ts", tmp_path / f"doodle_{language}.qm"
    subprocess.run(
        [_qt_tool("lrelease"), "-silent", str(source), "-qm", str(compiled)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert compiled.read_bytes() == (folder / f"doodle_{language}.qm").read_bytes(), (
        f"run pyside6-lrelease for doodle_{language}.ts"
    )


def test_sound_problems_are_said_in_german(english_afterwards):
    install_translator(english_afterwards, "de")
    sink = SynthAudioSink(Synth())
    said = sink.tr("The sound stopped working (the speakers may have been unplugged).")
    assert said == "Der Ton geht nicht mehr (vielleicht wurden die Lautsprecher ausgesteckt)."


def test_instruments_are_named_in_french(english_afterwards, qtbot):
    assert {instrument.label for instrument in INSTRUMENTS.values()} == set(INSTRUMENT_LABELS)
    install_translator(english_afterwards, "fr")
    midi_out.save_settings(MidiSettings("synth"))
    controls = MusicControls(MusicPlayer(seed=0))
    qtbot.addWidget(controls)
    try:
        box = controls.instrument_box
        assert box.itemText(box.findData("harp")) == "Harpe"
        assert box.itemText(box.findData("music_box")) == "Boîte à musique"
    finally:
        controls.shutdown()


def _teacher_saves_language(monkeypatch, language: str) -> None:
    """The settings dialog's outcome: the teacher picked ``language`` and pressed Save."""

    def saved(_parent, _loaded, _objects):
        save_user_settings({"language": language})
        return load_settings()

    monkeypatch.setattr(classroom, "open_settings", saved)


def test_the_main_window_switches_language_without_a_restart(
    english_afterwards, qtbot, monkeypatch, magenta_models_dir
):
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(magenta_models_dir))
    midi_out.save_settings(MidiSettings("synth"))
    install_translator(english_afterwards, "en")
    window = build_window(load_settings())
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    tools = window.findChild(classroom.ClassroomTools)
    bear = window.findChild(ObjectButton, "object_bear")
    current = window.findChild(CurrentObjectButton)
    guesses = window.findChild(GuessBar)
    music = window.findChild(MusicControls)
    ideas = window.findChild(IdeasPanel)
    pictures = [window.findChild(ObjectButton, f"object_{name}") for name in ("bear", "sheep")]
    # Arriving pictures refresh the guesses; after them, the guesses shown below stay.
    qtbot.waitUntil(lambda: all(button.has_picture for button in pictures), timeout=60_000)
    window.set_active_model("bear")
    guesses.set_guesses([("sheep", "Sheep", [])])  # as the recogniser would show them

    def texts() -> dict[str, str]:
        return {
            "undo": window.undo_button.text(),
            "draw": window.pencil_button.text(),
            "finish": window.finish_button.text(),
            "ideas": window.variations_panel.more_button.text(),
            "gallery": tools.gallery_button.text(),
            "music": music.music_button.text(),
            "harp": music.instrument_box.itemText(music.instrument_box.findData("harp")),
            "picker": bear.text(),
            "current": current.text(),
            "chooser": window.model_chooser.itemText(window.model_chooser.findData("bear")),
            "guess": guesses.buttons()[0].text(),
            "reimagine": ideas.reimagine_button.text(),
            "red": window.palette.swatches()[1].toolTip(),
            "thick": window.brush_sizes.buttons()[2].toolTip(),
        }

    english = texts()
    assert english == {
        "undo": "Undo", "draw": "Draw", "finish": "Finish it!", "ideas": "More ideas",
        "gallery": "My drawings", "music": "Music", "harp": "Harp", "picker": "Bear",
        "current": "Bear", "chooser": "Bear", "guess": "Sheep?", "reimagine": "Reimagine",
        "red": "red", "thick": "thick",
    }  # fmt: skip
    expected = {
        "de": {
            "undo": "Zurück", "draw": "Malen", "finish": "Mal es fertig!",
            "gallery": "Meine Bilder", "music": "Musik", "harp": "Harfe", "picker": "Bär",
            "current": "Bär", "chooser": "Bär", "guess": "Schaf?", "reimagine": "Neu erfinden",
            "red": "rot", "thick": "dick",
        },
        "fr": {
            "undo": "Annuler", "draw": "Dessiner", "finish": "Finis-le !",
            "gallery": "Mes dessins", "music": "Musique", "harp": "Harpe", "picker": "Ours",
            "current": "Ours", "chooser": "Ours", "guess": "Mouton ?", "reimagine": "Réinventer",
            "red": "rouge", "thick": "épais",
        },
        "en": {key: english[key] for key in english if key != "ideas"},
    }  # fmt: skip
    for language in ("de", "fr", "en"):
        _teacher_saves_language(monkeypatch, language)
        tools.open_settings()
        wanted = expected[language]
        qtbot.waitUntil(lambda w=wanted: {k: texts()[k] for k in w} == w, timeout=3000)
        assert texts()["ideas"] == QCoreApplication.translate("VariationsPanel", "More ideas")
    assert texts() == english
