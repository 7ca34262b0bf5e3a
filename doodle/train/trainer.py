"""The training loop: device-agnostic, DDP-ready, exporting model folders as it goes.

One command trains on a laptop CPU or on GPUs: under ``torchrun`` (``WORLD_SIZE`` set) it joins
the process group, wraps the model in DistributedDataParallel and gives each rank its share of
the length-bucketed batches; only rank 0 logs and exports. Every ``export_every_s`` seconds (and
at the end) rank 0 writes contract model folders to ``<run>/export/`` plus a torch checkpoint
(``<run>/checkpoint.pt``, with the optimizer) for resuming on the same machine; the exported
folders alone are enough to resume anywhere. Imports torch, no Qt.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader

from doodle.train.data import BucketBatchSampler, SketchCorpus, SketchDataset, collate
from doodle.train.export import export_all
from doodle.train.loss import Batch, LossWeights, sketch_loss
from doodle.train.model import SketchRNN


@dataclass(frozen=True)
class TrainConfig:
    """Optimisation settings (paper defaults except the faster KL schedule)."""

    batch_size: int = 100
    learning_rate: float = 1e-3
    lr_decay: float = 0.9999
    min_learning_rate: float = 1e-5
    grad_clip: float = 1.0
    kl_weight: float = 0.5
    kl_tolerance: float = 0.2
    kl_eta_start: float = 0.01
    kl_decay: float = 0.999
    norm_len: int = 250
    match_teacher: bool = False
    augment_scale: float = 0.15
    augment_drop: float = 0.10
    max_steps: int = 0
    minutes: float = 0.0
    export_every_s: float = 600.0
    log_every: int = 20
    validation_fraction: float = 0.02
    threads: int = 1
    seed: int = 0
    fp16_export: bool = False
    decoder_dropout: float = 0.0
    pen_weight: float = 1.0


@dataclass
class DistributedContext:
    rank: int = 0
    world_size: int = 1
    device: torch.device = torch.device("cpu")

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def setup_distributed(device_name: str = "auto") -> DistributedContext:
    """Join the process group when launched by torchrun; pick the device."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    use_cuda = torch.cuda.is_available() and device_name in ("auto", "cuda")
    if world_size > 1:
        import torch.distributed as dist

        if not dist.is_initialized():
            dist.init_process_group(backend="nccl" if use_cuda else "gloo")
        rank = dist.get_rank()
        local_rank = int(os.environ.get("LOCAL_RANK", rank))
    else:
        rank, local_rank = 0, 0
    if use_cuda:
        torch.cuda.set_device(local_rank)
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cpu")
    return DistributedContext(rank, world_size, device)


def learning_rate(config: TrainConfig, step: int) -> float:
    return (config.learning_rate - config.min_learning_rate) * config.lr_decay**step + (
        config.min_learning_rate
    )


def kl_eta(config: TrainConfig, step: int) -> float:
    """The paper's annealing: eta rises from eta_start towards 1."""
    return 1.0 - (1.0 - config.kl_eta_start) * config.kl_decay**step


def split_validation(
    corpus: SketchCorpus, fraction: float, seed: int
) -> tuple[list[int], list[int]]:
    order = np.random.default_rng(seed).permutation(len(corpus))
    # Validation scores hard targets, so only sketches the teacher drew itself qualify.
    eligible = [int(i) for i in order if corpus.own_points[i] == 1.0]
    count = min(int(len(eligible) * fraction), 500)
    held_out = set(eligible[:count])
    train = [i for i in range(len(corpus)) if i not in held_out]
    return train, sorted(held_out)


def subset(corpus: SketchCorpus, indices: list[int]) -> SketchCorpus:
    part = SketchCorpus(classes=list(corpus.classes))
    part.sketches = [corpus.sketches[i] for i in indices]
    part.class_ids = [corpus.class_ids[i] for i in indices]
    part.own_points = [corpus.own_points[i] for i in indices]
    if corpus.teacher_pen is not None and corpus.teacher_offsets is not None:
        part.teacher_pen = [corpus.teacher_pen[i] for i in indices]
        part.teacher_offsets = [corpus.teacher_offsets[i] for i in indices]
    return part


def validation_loss(
    model: SketchRNN, corpus: SketchCorpus, config: TrainConfig, device: torch.device
) -> dict[str, float]:
    """Mean loss parts on held-out sketches (z = mu, hard targets, eta = 1)."""
    if not len(corpus):
        return {}
    weights = LossWeights(config.kl_weight, config.kl_tolerance, config.norm_len, False)
    model.eval()
    totals: dict[str, float] = {}
    batches = 0
    sampler = BucketBatchSampler([len(s) for s in corpus.sketches], config.batch_size)
    dataset = SketchDataset(corpus)
    with torch.no_grad():
        for indices in sampler:
            batch = collate([dataset[i] for i in indices]).to(device)
            params, mu, sigma_hat = model(batch.inputs, batch.lengths, batch.class_ids, False)
            _, parts = sketch_loss(
                params, mu, sigma_hat, batch, model.config.num_mixture, weights, 1.0
            )
            for key, value in parts.items():
                totals[key] = totals.get(key, 0.0) + value
            batches += 1
    model.train()
    return {f"val_{key}": value / batches for key, value in totals.items()}


class Trainer:
    """Holds model, optimizer and step; ``run`` trains until the step or time budget ends."""

    def __init__(
        self,
        corpus: SketchCorpus,
        model: SketchRNN,
        config: TrainConfig,
        run_dir: Path,
        provenance: dict[str, Any],
        context: DistributedContext | None = None,
    ) -> None:
        self.config = config
        self.run_dir = run_dir
        self.provenance = provenance
        self.context = context or DistributedContext()
        self.classes = corpus.classes
        train_idx, val_idx = split_validation(corpus, config.validation_fraction, config.seed)
        self.train_corpus = subset(corpus, train_idx)
        self.val_corpus = subset(corpus, val_idx)
        self.model = model.to(self.context.device)
        self.network: nn.Module = self.model
        if self.context.world_size > 1:
            from torch.nn.parallel import DistributedDataParallel

            device_ids = [self.context.device.index] if self.context.device.type == "cuda" else None
            self.network = DistributedDataParallel(self.model, device_ids=device_ids)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=config.learning_rate)
        self.step = 0
        self.weights = LossWeights(
            config.kl_weight,
            config.kl_tolerance,
            config.norm_len,
            config.match_teacher,
            config.pen_weight,
        )

    def save_checkpoint(self) -> None:
        path = self.run_dir / "checkpoint.pt"
        partial = path.with_suffix(".partial")
        torch.save(
            {
                "model_config": self.model.config.to_dict(),
                "model": self.model.state_dict(),
                "optimizer": self.optimizer.state_dict(),
                "step": self.step,
                "classes": [asdict(c) for c in self.classes],
            },
            partial,
        )
        partial.replace(path)

    def load_checkpoint(self, path: Path, schedule_only: bool = False) -> None:
        """Continue from a checkpoint: weights, optimizer and step, or only the step."""
        state = torch.load(path, map_location=self.context.device, weights_only=True)
        if not schedule_only:
            self.model.load_state_dict(state["model"])
            self.optimizer.load_state_dict(state["optimizer"])
        self.step = int(state["step"])

    def export(self, metrics: dict[str, Any]) -> None:
        provenance = {
            **self.provenance,
            "steps": self.step,
            "batch_size": self.config.batch_size,
            "training_sketches": len(self.train_corpus),
            "train_config": asdict(self.config),
        }
        export_dir = self.run_dir / "export"
        export_all(
            self.model,
            self.classes,
            export_dir,
            provenance,
            fp16=self.config.fp16_export,
            metrics={"training": {"step": self.step, **metrics}},
        )
        (export_dir / "training_metrics.json").write_text(
            json.dumps({"step": self.step, **metrics}, indent=2) + "\n", "utf-8"
        )
        self.save_checkpoint()

    def _log(self, record: dict[str, Any]) -> None:
        with open(self.run_dir / "log.jsonl", "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")

    def _should_stop(self, started: float) -> bool:
        config = self.config
        stop = (config.max_steps and self.step >= config.max_steps) or (
            config.minutes and time.monotonic() - started >= 60.0 * config.minutes
        )
        if self.context.world_size > 1:
            import torch.distributed as dist

            flag = torch.tensor([1.0 if stop else 0.0], device=self.context.device)
            dist.broadcast(flag, src=0)
            stop = bool(flag.item())
        return bool(stop)

    def train_step(self, batch: Batch) -> dict[str, float]:
        config = self.config
        for group in self.optimizer.param_groups:
            group["lr"] = learning_rate(config, self.step)
        batch = batch.to(self.context.device)
        params, mu, sigma_hat = self.network(
            batch.inputs,
            batch.lengths,
            batch.class_ids,
            decoder_dropout=config.decoder_dropout,
        )
        loss, parts = sketch_loss(
            params,
            mu,
            sigma_hat,
            batch,
            self.model.config.num_mixture,
            self.weights,
            kl_eta(config, self.step),
        )
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        parts["grad_norm"] = float(
            nn.utils.clip_grad_norm_(self.model.parameters(), config.grad_clip)
        )
        self.optimizer.step()
        self.step += 1
        return parts

    def run(self, on_log: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
        config = self.config
        torch.manual_seed(config.seed + self.context.rank)
        if self.context.device.type == "cpu":
            torch.set_num_threads(config.threads)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        dataset = SketchDataset(
            self.train_corpus,
            config.augment_scale,
            config.augment_drop,
            seed=config.seed + self.context.rank,
        )
        sampler = BucketBatchSampler(
            [len(s) for s in self.train_corpus.sketches],
            config.batch_size,
            config.seed,
            self.context.rank,
            self.context.world_size,
        )
        loader = DataLoader(dataset, batch_sampler=sampler, collate_fn=collate)
        started = time.monotonic()
        last_export = started
        window: list[dict[str, float]] = []
        metrics: dict[str, Any] = {}
        stop = False
        while not stop:
            for batch in loader:
                window.append(self.train_step(batch))
                if self.context.is_main and self.step % config.log_every == 0:
                    record = {key: float(np.mean([w[key] for w in window])) for key in window[0]}
                    record.update(step=self.step, elapsed_s=round(time.monotonic() - started, 1))
                    window = []
                    self._log(record)
                    if on_log:
                        on_log(record)
                if self.context.is_main and time.monotonic() - last_export >= config.export_every_s:
                    metrics = validation_loss(
                        self.model, self.val_corpus, config, self.context.device
                    )
                    self.export(metrics)
                    self._log({"step": self.step, "export": True, **metrics})
                    last_export = time.monotonic()
                stop = self._should_stop(started)
                if stop:
                    break
        if self.context.is_main:
            metrics = validation_loss(self.model, self.val_corpus, config, self.context.device)
            self.export(metrics)
            self._log({"step": self.step, "export": True, "final": True, **metrics})
        return {"step": self.step, **metrics}


def describe_rate(record: dict[str, Any]) -> str:
    parts = [f"step {record['step']}"]
    for key in ("loss", "offset", "pen", "kl", "grad_norm"):
        if key in record and math.isfinite(record[key]):
            parts.append(f"{key} {record[key]:.4f}")
    parts.append(f"{record.get('elapsed_s', 0)} s")
    return ", ".join(parts)
