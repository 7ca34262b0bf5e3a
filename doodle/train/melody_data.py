"""Folk melodies from music21's corpus turned into melody tokens; imports no Qt.

The collections are public-domain tune books shipped with music21 as ABC files. Each tune
becomes one token sequence (see ``doodle.music.vocab``). Parsing the ABC books takes minutes,
so the tokens are cached as a plain ``.npz`` (no pickled objects). The held-out split is a
stable hash of the tune's identity, so tests can find the same held-out tunes again.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from doodle.music import vocab

COLLECTIONS: dict[str, str] = {
    "oneills1850": "O'Neill's Music of Ireland (1850 tunes, 1903), public domain",
    "airdsAirs": "James Aird, A Selection of Scotch, English, Irish and Foreign Airs "
    "(1782-1803), public domain",
    "ryansMammoth": "Ryan's Mammoth Collection (1883), public domain",
}
MINOR_MODES = {"minor", "dorian", "phrygian", "aeolian", "locrian"}
TEST_PERCENT = 10
VALIDATION_PERCENT = 5


@dataclass(frozen=True)
class Tune:
    """One tokenised tune and where it came from."""

    collection: str
    identity: str
    tokens: np.ndarray  # int64 [T]


def split_of(identity: str) -> str:
    """ "train", "val" or "test", from a stable hash of the tune's identity."""
    bucket = zlib.crc32(identity.encode("utf-8")) % 100
    if bucket < TEST_PERCENT:
        return "test"
    if bucket < TEST_PERCENT + VALIDATION_PERCENT:
        return "val"
    return "train"


def corpus_files(collection: str) -> list[Path]:
    from music21 import corpus

    return sorted(Path(p) for p in corpus.getComposer(collection))


def _tonic_and_mode(score) -> tuple[int, str]:
    from music21 import key

    signatures = list(score.recurse().getElementsByClass(key.KeySignature))
    if not signatures:
        return 0, "major"
    first = signatures[0]
    found = first if isinstance(first, key.Key) else first.asKey("major")
    return found.tonic.pitchClass, (found.mode or "major")


def _bars(score) -> list[list[tuple[int | None, float]]]:
    """Bars of (midi pitch or None for rest, length in sixteenths); ties merged, no graces."""
    from music21 import stream

    parts = score.parts if score.parts else [score]
    bars: list[list[tuple[int | None, float]]] = []
    for measure in parts[0].getElementsByClass(stream.Measure):
        events: list[tuple[int | None, float]] = []
        for element in measure.flatten().notesAndRests:
            length = float(element.quarterLength) * 4.0
            if length <= 0.0:
                continue
            if element.isRest:
                events.append((None, length))
                continue
            midi = max(p.midi for p in element.pitches)
            tie = getattr(element, "tie", None)
            continues = tie is not None and tie.type in ("stop", "continue")
            if continues and events and events[-1][0] == midi:
                events[-1] = (midi, events[-1][1] + length)
            elif continues and not events and bars and bars[-1] and bars[-1][-1][0] == midi:
                bars[-1][-1] = (midi, bars[-1][-1][1] + length)
            else:
                events.append((midi, length))
        if events:
            bars.append(events)
    return bars


def tokenize_score(score) -> np.ndarray | None:
    """Tokens of one music21 score, or None when it holds no usable melody."""
    tonic, mode = _tonic_and_mode(score)
    bars = _bars(score)
    pitches = [p for bar in bars for p, _ in bar if p is not None]
    if len(pitches) < 8:
        return None
    # Put the tonic in the octave that centres the tune's median on 0..11 semitones.
    median = int(np.median(pitches))
    tonic_midi = tonic + 12 * ((median - tonic) // 12)
    tokens = [vocab.BOS_MINOR if mode in MINOR_MODES else vocab.BOS_MAJOR]
    for bar in bars:
        for pitch, length in bar:
            if pitch is None:
                tokens.append(vocab.REST)
            else:
                tokens.append(vocab.pitch_token(pitch - tonic_midi))
            tokens.append(vocab.duration_token(length))
        tokens.append(vocab.BAR)
    tokens.append(vocab.EOS)
    return np.asarray(tokens, dtype=np.int64)


def iter_tunes(collection: str, files: list[Path] | None = None) -> Iterator[Tune]:
    """Tokenised tunes of one collection (skips tunes music21 cannot read)."""
    from music21 import converter, stream

    for path in files if files is not None else corpus_files(collection):
        try:
            parsed = converter.parse(path)
        except Exception:  # noqa: BLE001 - a broken ABC tune is skipped, not fatal
            continue
        scores = parsed.scores if isinstance(parsed, stream.Opus) else [parsed]
        for index, score in enumerate(scores):
            try:
                tokens = tokenize_score(score)
            except Exception:  # noqa: BLE001 - same: one odd tune must not stop the corpus
                continue
            if tokens is not None:
                yield Tune(collection, f"{collection}/{path.name}#{index}", tokens)


def save_cache(path: Path, tunes: list[Tune]) -> None:
    lengths = np.asarray([len(t.tokens) for t in tunes], dtype=np.int64)
    np.savez_compressed(
        path,
        tokens=np.concatenate([t.tokens for t in tunes]),
        lengths=lengths,
        identities=np.asarray([t.identity for t in tunes], dtype=np.str_),
        collections=np.asarray([t.collection for t in tunes], dtype=np.str_),
    )


def load_cache(path: Path) -> list[Tune]:
    with np.load(path, allow_pickle=False) as data:
        tokens, lengths = data["tokens"], data["lengths"]
        identities, collections = data["identities"], data["collections"]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    return [
        Tune(str(c), str(i), tokens[s : s + n])
        for c, i, s, n in zip(collections, identities, starts, lengths, strict=True)
    ]


def load_corpus(collections: list[str], cache: Path | None, log=print) -> list[Tune]:
    """All tunes of the collections, parsed once and then read from ``cache``."""
    if cache is not None and cache.is_file():
        tunes = load_cache(cache)
        if sorted({t.collection for t in tunes}) == sorted(collections):
            return tunes
    tunes = []
    for collection in collections:
        before = len(tunes)
        tunes.extend(iter_tunes(collection))
        log(f"{collection}: {len(tunes) - before} tunes")
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        save_cache(cache, tunes)
    return tunes


def bigram_counts(tunes: list[Tune]) -> np.ndarray:
    """Counts [previous, next] of token pairs inside tunes (int64 [V, V])."""
    counts = np.zeros((vocab.VOCAB_SIZE, vocab.VOCAB_SIZE), dtype=np.int64)
    for tune in tunes:
        np.add.at(counts, (tune.tokens[:-1], tune.tokens[1:]), 1)
    return counts


def bigram_nll(counts: np.ndarray, tunes: list[Tune], k: float) -> float:
    """Mean negative log-likelihood (nats per predicted token) of add-k smoothed bigrams."""
    probs = (counts + k) / (counts.sum(axis=1, keepdims=True) + k * counts.shape[1])
    total, n = 0.0, 0
    for tune in tunes:
        total -= float(np.log(probs[tune.tokens[:-1], tune.tokens[1:]]).sum())
        n += len(tune.tokens) - 1
    return total / n
