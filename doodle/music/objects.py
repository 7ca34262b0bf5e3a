"""Each drawable object's own key and instrument; imports no Qt.

Instruments are chosen for children: soft, friendly timbres. Each has a General MIDI program
(for MIDI synths) and a voice of the built-in synth with the same character.
"""

from __future__ import annotations

from dataclasses import dataclass

NOTE_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")


@dataclass(frozen=True)
class Instrument:
    name: str
    label: str
    gm_program: int  # General MIDI program, 0-based
    voice: str  # built-in synth voice (see doodle.music.synth.VOICES)


INSTRUMENTS: dict[str, Instrument] = {
    i.name: i
    for i in (
        Instrument("music_box", "Music box", 10, "music_box"),
        Instrument("marimba", "Marimba", 12, "marimba"),
        Instrument("flute", "Flute", 73, "flute"),
        Instrument("piano", "Soft piano", 0, "piano"),
        Instrument("ocarina", "Ocarina", 79, "ocarina"),
        Instrument("xylophone", "Xylophone", 13, "xylophone"),
        Instrument("bassoon", "Bassoon", 70, "reed"),
        Instrument("harp", "Harp", 46, "harp"),
    )
}


@dataclass(frozen=True)
class ObjectMusic:
    """How an object sounds: tonic (MIDI note of the middle register), mode and instrument."""

    tonic_midi: int
    minor: bool
    instrument: str

    @property
    def key_name(self) -> str:
        return f"{NOTE_NAMES[self.tonic_midi % 12]} {'minor' if self.minor else 'major'}"


DEFAULT_MUSIC = ObjectMusic(tonic_midi=72, minor=False, instrument="music_box")

OBJECT_MUSIC: dict[str, ObjectMusic] = {
    "bear": ObjectMusic(60, False, "bassoon"),
    "cat": ObjectMusic(74, False, "flute"),
    "dog": ObjectMusic(67, False, "marimba"),
    "bird": ObjectMusic(79, False, "flute"),
    "owl": ObjectMusic(65, True, "ocarina"),
    "fish": ObjectMusic(71, False, "harp"),
    "whale": ObjectMusic(58, True, "piano"),
    "elephant": ObjectMusic(55, False, "bassoon"),
    "butterfly": ObjectMusic(76, False, "music_box"),
    "flower": ObjectMusic(72, False, "harp"),
    "rabbit": ObjectMusic(77, False, "xylophone"),
    "pig": ObjectMusic(65, False, "marimba"),
    "sheep": ObjectMusic(69, False, "ocarina"),
    "spider": ObjectMusic(62, True, "xylophone"),
    "snail": ObjectMusic(63, False, "piano"),
    "castle": ObjectMusic(62, True, "harp"),
    "house": ObjectMusic(67, False, "piano"),
    "car": ObjectMusic(70, False, "xylophone"),
    "tree": ObjectMusic(64, True, "marimba"),
    "sun": ObjectMusic(72, False, "music_box"),
    "cloud": ObjectMusic(69, True, "flute"),
    # The objects of the bundled and downloadable drawing models.
    "ambulance": ObjectMusic(70, False, "xylophone"),
    "bicycle": ObjectMusic(74, False, "xylophone"),
    "bulldozer": ObjectMusic(57, False, "bassoon"),
    "dolphin": ObjectMusic(76, False, "harp"),
    "hedgehog": ObjectMusic(66, False, "marimba"),
    "key": ObjectMusic(79, False, "music_box"),
    "lobster": ObjectMusic(63, True, "marimba"),
    "monkey": ObjectMusic(68, False, "marimba"),
    "palm_tree": ObjectMusic(65, False, "harp"),
    "parrot": ObjectMusic(78, False, "flute"),
    "rain": ObjectMusic(69, True, "piano"),
    "rhinoceros": ObjectMusic(56, True, "bassoon"),
    "roller_coaster": ObjectMusic(73, False, "xylophone"),
    "tiger": ObjectMusic(61, True, "bassoon"),
}


def music_for(object_name: str | None) -> ObjectMusic:
    """The object's key and instrument, or the default for names not in the table."""
    if not object_name:
        return DEFAULT_MUSIC
    return OBJECT_MUSIC.get(object_name.strip().lower().replace(" ", "_"), DEFAULT_MUSIC)
