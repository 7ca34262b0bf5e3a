"""The melody model's vocabulary: note events as tokens; imports no Qt.

A tune is ``BOS_MAJOR|BOS_MINOR`` followed by bars of ``(PITCH|REST, DUR)`` pairs, each bar
closed by ``BAR``, and ``EOS`` at the end. Pitches are semitones relative to the tune's tonic
(-12..+24), so one model serves every key; durations are in sixteenth notes.
"""

from __future__ import annotations

from dataclasses import dataclass

BOS_MAJOR = 0
BOS_MINOR = 1
EOS = 2
BAR = 3
REST = 4
PITCH_LOW = -12
PITCH_HIGH = 24
PITCH_BASE = 5
DURATIONS_16TH: tuple[int, ...] = (1, 2, 3, 4, 6, 8, 12, 16)
DUR_BASE = PITCH_BASE + (PITCH_HIGH - PITCH_LOW + 1)
VOCAB_SIZE = DUR_BASE + len(DURATIONS_16TH)


def pitch_token(relative_pitch: int) -> int:
    """Token of a pitch relative to the tonic; out-of-range pitches move by octaves into range."""
    while relative_pitch < PITCH_LOW:
        relative_pitch += 12
    while relative_pitch > PITCH_HIGH:
        relative_pitch -= 12
    return PITCH_BASE + relative_pitch - PITCH_LOW


def duration_token(sixteenths: float) -> int:
    """Token of the nearest representable duration."""
    nearest = min(range(len(DURATIONS_16TH)), key=lambda i: abs(DURATIONS_16TH[i] - sixteenths))
    return DUR_BASE + nearest


def is_pitch(token: int) -> bool:
    return PITCH_BASE <= token < DUR_BASE


def is_duration(token: int) -> bool:
    return DUR_BASE <= token < VOCAB_SIZE


def token_pitch(token: int) -> int:
    """Relative pitch of a pitch token."""
    return token - PITCH_BASE + PITCH_LOW


def token_sixteenths(token: int) -> int:
    """Length in sixteenth notes of a duration token."""
    return DURATIONS_16TH[token - DUR_BASE]


def token_names() -> list[str]:
    """Readable names, index = token id (stored in model.json)."""
    names = ["BOS_MAJOR", "BOS_MINOR", "EOS", "BAR", "REST"]
    names += [f"P{p:+d}" for p in range(PITCH_LOW, PITCH_HIGH + 1)]
    names += [f"D{d}" for d in DURATIONS_16TH]
    return names


@dataclass(frozen=True)
class MelodyNote:
    """One sampled note or rest, before the drawing shapes it (tempo, register, loudness).

    ``relative_pitch`` is None for a rest; ``beats`` is in quarter notes; ``bar_after`` marks
    the last note of a bar (cadences land after it).
    """

    relative_pitch: int | None
    beats: float
    bar_after: bool = False
