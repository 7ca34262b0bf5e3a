"""`doodle train melody`: train the melody LSTM on folk tunes and export it to ONNX.

torch and music21 are imported inside the handler only; imports no Qt.
"""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path

from doodle import paths
from doodle.core.errors import DoodleError

BIGRAM_K_CHOICES = (0.01, 0.05, 0.1, 0.5, 1.0)
LICENCE = (
    "melodies: public domain (tune books of 1782-1903); ABC encodings by their transcribers "
    "(O'Neill's: Norbert Paap; Aird's: Jack Campin; Ryan's: Ray Davies, Bob Puckette and "
    "others), shipped in music21's corpus with the encoders' permission (music21 "
    "corpus/license.txt); the weights hold no tune and are Doodle's, Apache-2.0"
)


def register(train_subparsers: argparse._SubParsersAction) -> None:
    parser = train_subparsers.add_parser(
        "melody", help="train the melody model on music21's public-domain folk tune books"
    )
    parser.add_argument(
        "--collections",
        nargs="+",
        default=["oneills1850", "airdsAirs", "ryansMammoth"],
        help="music21 corpus collections to learn from",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="model folder (default: bundled models_onnx/music)"
    )
    parser.add_argument("--cache", type=Path, default=None, help="token cache (.npz)")
    parser.add_argument("--minutes", type=float, default=15.0, help="training time budget")
    parser.add_argument("--max-steps", type=int, default=800)
    parser.add_argument("--hidden", type=int, default=192)
    parser.add_argument("--embedding", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    try:
        import music21  # noqa: F401 - only to say clearly when it is missing
        import torch
    except ImportError as error:
        raise DoodleError(f"training needs the [train] extra ({error.name} is missing)") from None

    from doodle.music import model as melody_model
    from doodle.music import vocab
    from doodle.train import melody_data
    from doodle.train.melody_model import export_step_onnx, sequence_nll, train

    torch.set_num_threads(1)
    out = args.out or melody_model.bundled_melody_dir()
    cache = args.cache or paths.cache_dir() / "melody_tokens.npz"
    for collection in args.collections:
        if not melody_data.corpus_files(collection):
            raise DoodleError(f"music21's corpus has no collection named {collection!r}")
    tunes = melody_data.load_corpus(list(args.collections), cache)
    splits = {
        name: [t for t in tunes if melody_data.split_of(t.identity) == name]
        for name in ("train", "val", "test")
    }
    print({name: len(group) for name, group in splits.items()})

    counts = melody_data.bigram_counts(splits["train"])
    k = min(BIGRAM_K_CHOICES, key=lambda k: melody_data.bigram_nll(counts, splits["val"], k))
    bigram_test = melody_data.bigram_nll(counts, splits["test"], k)

    result = train(
        splits["train"],
        splits["val"],
        vocab.VOCAB_SIZE,
        embedding_size=args.embedding,
        hidden_size=args.hidden,
        minutes=args.minutes,
        max_steps=args.max_steps,
        seed=args.seed,
    )
    model_test = sequence_nll(result.model, splits["test"])
    print(f"test NLL: model {model_test:.4f}, bigram (k={k}) {bigram_test:.4f}")

    out.mkdir(parents=True, exist_ok=True)
    export_step_onnx(result.model, out / melody_model.STEP_FILE)
    (out / melody_model.BIGRAM_FILE).write_text(
        json.dumps({"k": k, "split": "train", "counts": counts.tolist()}, separators=(",", ":")),
        encoding="utf-8",
    )
    meta = {
        "format": 1,
        "name": "music",
        "label": "Music",
        "kind": "melody",
        "vocabulary": vocab.token_names(),
        "vocab_size": vocab.VOCAB_SIZE,
        "hidden_size": args.hidden,
        "embedding_size": args.embedding,
        "num_layers": 1,
        "parameters": sum(p.numel() for p in result.model.parameters()),
        "provenance": {
            "source": "music21 corpus (ABC tune books)",
            "collections": {
                c: melody_data.COLLECTIONS.get(c, "see music21 corpus") for c in args.collections
            },
            "licence": LICENCE,
            "tunes": {name: len(group) for name, group in splits.items()},
            "split": "stable crc32 of the tune identity: 10% test, 5% validation",
            "trained": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ"),
            "training": {
                "steps": result.steps,
                "seconds": round(result.seconds),
                "threads": 1,
                "window": 192,
                "batch": 64,
                "seed": args.seed,
            },
        },
        "metrics": {
            "test_nll_model": round(model_test, 4),
            "test_nll_bigram": round(bigram_test, 4),
            "bigram_k": k,
            "validation_nll_model": round(result.best_validation_nll, 4),
            "units": "nats per predicted token over whole held-out tunes",
        },
    }
    (out / melody_model.MODEL_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    onnx_model = melody_model.MelodyModel(out)
    check = [t for t in splits["test"]][:20]
    ort_total = sum(onnx_model.sequence_nll(t.tokens)[0] for t in check)
    ort_count = sum(len(t.tokens) - 1 for t in check)
    torch_nll = sequence_nll(result.model, check)
    print(
        f"ONNX check on 20 test tunes: onnxruntime {ort_total / ort_count:.5f}, "
        f"torch {torch_nll:.5f}"
    )
    print(f"wrote {out}")
    return 0
