"""Shared command-line options and the glue from parsed options to a training run.

Used by ``doodle train fit`` and ``doodle train distill``: model sizes, optimisation settings,
resuming (from a torch checkpoint, one exported model folder, or a folder of exported class
folders) and the run folder layout. Imports torch only inside functions; no Qt.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doodle.core.errors import ModelError
from doodle.engine import contract

if TYPE_CHECKING:
    from doodle.train.trainer import Trainer


def add_model_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model")
    group.add_argument("--hidden", type=int, default=256, help="decoder LSTM size (256)")
    group.add_argument("--vae", action="store_true", help="train a VAE (encoder + latent z)")
    group.add_argument(
        "--enc-hidden", type=int, default=128, help="encoder LSTM size per direction"
    )
    group.add_argument("--z-size", type=int, default=64, help="latent size of a VAE (64)")
    group.add_argument("--mixtures", type=int, default=20, help="Gaussian mixture components")


def add_training_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("training")
    group.add_argument("--out", type=Path, required=True, help="run folder (log, exports)")
    group.add_argument("--minutes", type=float, default=0.0, help="stop after this many minutes")
    group.add_argument("--steps", type=int, default=0, help="stop after this many steps")
    group.add_argument("--batch", type=int, default=100, help="sketches per batch (100)")
    group.add_argument("--lr", type=float, default=1e-3, help="initial learning rate")
    group.add_argument("--lr-decay", type=float, default=0.9999, help="per-step LR decay")
    group.add_argument("--kl-weight", type=float, default=0.5, help="KL weight (VAE)")
    group.add_argument("--kl-tolerance", type=float, default=0.2, help="KL floor per dimension")
    group.add_argument(
        "--kl-decay", type=float, default=0.999, help="per-step decay of (1 - KL annealing eta)"
    )
    group.add_argument(
        "--decoder-dropout",
        type=float,
        default=0.0,
        help="probability of zeroing each decoder input point while training (VAE: makes the "
        "decoder use z)",
    )
    group.add_argument(
        "--pen-weight",
        type=float,
        default=1.0,
        help="weight of the pen loss against the offset loss (1 as in the paper)",
    )
    group.add_argument("--max-len", type=int, default=250, help="drop longer sketches")
    group.add_argument(
        "--like-quickdraw",
        action="store_true",
        help="train on the sketches scaled into the 256-px box and simplified as Quick, Draw! "
        "drawings are (the form in which real drawings reach the model)",
    )
    group.add_argument("--augment-scale", type=float, default=0.15, help="random x/y scaling")
    group.add_argument("--augment-drop", type=float, default=0.10, help="point dropping")
    group.add_argument(
        "--export-every-min", type=float, default=10.0, help="export model folders this often"
    )
    group.add_argument("--fp16", action="store_true", help="export fp16 weights (half the size)")
    group.add_argument("--threads", type=int, default=1, help="torch CPU threads (1)")
    group.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    group.add_argument("--seed", type=int, default=0)
    group.add_argument(
        "--resume",
        type=Path,
        action="append",
        help="continue from checkpoint.pt, an exported model folder, or a folder of them "
        "(repeat the option to name several folders of one run, e.g. bundled drawing models)",
    )


def train_config(args: argparse.Namespace, match_teacher: bool = False):
    from doodle.train.trainer import TrainConfig

    return TrainConfig(
        batch_size=args.batch,
        learning_rate=args.lr,
        lr_decay=args.lr_decay,
        kl_weight=args.kl_weight,
        kl_tolerance=args.kl_tolerance,
        kl_decay=args.kl_decay,
        norm_len=args.max_len,
        match_teacher=match_teacher,
        augment_scale=args.augment_scale,
        augment_drop=args.augment_drop,
        max_steps=args.steps,
        minutes=args.minutes,
        export_every_s=60.0 * args.export_every_min,
        threads=args.threads,
        seed=args.seed,
        fp16_export=args.fp16,
        decoder_dropout=args.decoder_dropout,
        pen_weight=args.pen_weight,
    )


def exported_folders(paths: Path | list[Path]) -> list[Path]:
    """The folders to resume from, given model folders and folders of them.

    A folder of folders contributes its Sketch-RNN subfolders (other model families are
    skipped). Where one run's ``export --bundle`` left both a drawing model (a decoder cut
    from the VAE) and the VAE folder of a class, the VAE folder is taken. Folders of several
    training runs cannot be resumed together; the error lists each run's folders.
    """
    from doodle.train.export import is_cut_from_vae, run_fingerprint

    given = [paths] if isinstance(paths, Path) else list(paths)
    candidates: list[Path] = []
    for path in given:
        if (path / contract.MODEL_JSON).is_file():
            candidates.append(path)
            continue
        if not path.is_dir():
            raise ModelError(f"{path}: no such model folder to resume from")
        found = sorted(p for p in path.iterdir() if _is_sketch_folder(p))
        if not found:
            raise ModelError(f"{path}: no exported model folders to resume from")
        candidates.extend(found)
    runs: dict[str, list[Path]] = {}
    for folder in candidates:
        runs.setdefault(run_fingerprint(folder), []).append(folder)
    if len(runs) > 1:
        listed = "; ".join(" ".join(str(f) for f in folders) for folders in runs.values())
        raise ModelError(
            f"these folders come from {len(runs)} training runs: {listed}. "
            "Resume from one run's folders (--resume may be given once per folder)"
        )
    folders = next(iter(runs.values()))
    metas = {folder: _meta(folder) for folder in folders}
    full_classes = {_class_name(m) for m in metas.values() if not is_cut_from_vae(m)}
    return [
        folder
        for folder, meta in metas.items()
        if not (is_cut_from_vae(meta) and _class_name(meta) in full_classes)
    ]


def _meta(folder: Path) -> dict[str, Any]:
    return json.loads((folder / contract.MODEL_JSON).read_text("utf-8"))


def _class_name(meta: dict[str, Any]) -> str:
    return str(meta.get("provenance", {}).get("class_name", meta.get("name")))


def _is_sketch_folder(folder: Path) -> bool:
    if not (folder / contract.MODEL_JSON).is_file():
        return False
    return _meta(folder).get("kind") in contract.KINDS  # melody, recogniser share the folder


def build_model(args: argparse.Namespace, class_names: list[str]):
    """A fresh model, or the resumed one with its class order (grown by the data's new classes).

    Returns (model, class names, checkpoint file or None, whether the model grew).
    """
    from doodle.train.export import load_exported
    from doodle.train.model import ModelConfig, SketchRNN, with_more_classes

    if args.resume is None:
        config = ModelConfig(
            hidden_size=args.hidden,
            enc_hidden_size=args.enc_hidden,
            z_size=args.z_size if args.vae else 0,
            num_mixture=args.mixtures,
            num_classes=len(class_names),
        )
        return SketchRNN(config), class_names, None, False
    sources = [args.resume] if isinstance(args.resume, Path) else list(args.resume)
    checkpoint = sources[0] if sources[0].is_file() else None
    if checkpoint is not None:
        import torch

        if len(sources) > 1:
            raise ModelError("--resume takes one checkpoint file, or model folders")
        state = torch.load(checkpoint, map_location="cpu", weights_only=True)
        model = SketchRNN(ModelConfig(**state["model_config"]))
        model.load_state_dict(state["model"])
        names = [c["name"] for c in state["classes"]]
    else:
        model, classes, _ = load_exported(exported_folders(sources))
        names = [c.name for c in classes]
    new = [name for name in class_names if name not in names]
    if not new:
        return model, names, checkpoint, False
    missing = sorted(set(names) - set(class_names))
    if missing:
        from doodle.train.data import missing_classes_hint

        hint = missing_classes_hint(missing)
        raise ModelError(f"the data lacks classes the resumed model draws: {missing}{hint}")
    return with_more_classes(model, len(new)), names + new, checkpoint, True


def resumed_from(sources: Path | list[Path]) -> dict[str, Any]:
    """Where a resumed run started, for its provenance: the folders' names and steps, the
    pen calibration their graphs carried, and where they had started themselves (so a chain
    of continuations keeps its whole lineage)."""
    from doodle.train.export import is_cut_from_vae

    sources = [sources] if isinstance(sources, Path) else list(sources)
    if sources[0].is_file():
        return {"checkpoint": sources[0].name}
    metas = [_meta(folder) for folder in exported_folders(sources)]
    first = metas[0].get("provenance", {})
    record: dict[str, Any] = {
        "folders": [m["name"] for m in metas],
        "steps": first.get("steps"),
        "trained_by": first.get("trained_by"),
    }
    if first.get("averaged_with_steps"):
        record["averaged_with_steps"] = first["averaged_with_steps"]
    if first.get("pen_calibration"):
        record["pen_calibration"] = first["pen_calibration"]
    if first.get("resumed_from"):
        record["resumed_from"] = first["resumed_from"]
    if is_cut_from_vae(metas[0]):
        record["encoder"] = "started afresh (the folders are decoders cut from a VAE at z = 0)"
    return record


def run(args: argparse.Namespace, corpus, provenance: dict[str, Any], match_teacher: bool) -> int:
    """Train on ``corpus`` as the options say; print progress; exports land in <out>/export."""
    from doodle.train.trainer import Trainer, describe_rate, setup_distributed

    context = setup_distributed(args.device)
    if args.like_quickdraw:
        if match_teacher:
            raise ModelError("--like-quickdraw changes the sketches; it cannot --match-teacher")
        corpus.simplify_like_quickdraw()
    corpus.drop_longer_than(args.max_len)
    model, names, checkpoint, grown = build_model(args, [c.name for c in corpus.classes])
    corpus.reorder_classes(names)
    if args.resume:
        provenance = {**provenance, "resumed_from": resumed_from(args.resume)}
    args.out.mkdir(parents=True, exist_ok=True)
    trainer = Trainer(
        corpus, model, train_config(args, match_teacher), args.out, provenance, context
    )
    if checkpoint is not None:
        # A grown model keeps the learning-rate and KL schedules where they were, but its
        # optimizer starts afresh: the saved moments do not fit the new weight shapes.
        trainer.load_checkpoint(checkpoint, schedule_only=grown)
    if context.is_main:
        sizes = model.config.to_dict()
        print(
            f"training {model.config.kind} {sizes} on {len(corpus)} sketches, "
            f"{len(corpus.classes)} classes, device {context.device}, world {context.world_size}"
        )
    result = trainer.run(
        on_log=lambda record: print(describe_rate(record), flush=True) if context.is_main else None
    )
    if context.is_main:
        print(json.dumps(result))
        print(f"exported model folders: {args.out / 'export'}")
    if context.world_size > 1:
        leave_process_group(trainer)
    return 0


def leave_process_group(trainer: Trainer) -> None:
    """End a torchrun job cleanly on every rank.

    The other ranks wait here while rank 0 writes its final export, so none tears down its
    connections under a peer that still uses them; and the DistributedDataParallel wrapper
    (whose reducer holds the group and pending gradient work) goes before the group does, while
    the interpreter is fully alive, instead of during its shutdown, where gloo can abort.
    """
    import gc

    import torch.distributed as dist

    dist.barrier()
    trainer.network = None
    gc.collect()
    dist.destroy_process_group()
