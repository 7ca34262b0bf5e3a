"""Sketch-RNN training: losses, data handling, and a tiny model that learns."""

from __future__ import annotations

import math

import pytest

torch = pytest.importorskip("torch")

import numpy as np  # noqa: E402

from doodle.train import loss as losses  # noqa: E402
from doodle.train.data import (  # noqa: E402
    BucketBatchSampler,
    SketchDataset,
    augment,
    collate,
)
from doodle.train.model import ModelConfig, SketchRNN  # noqa: E402
from doodle.train.trainer import TrainConfig, Trainer, kl_eta, learning_rate  # noqa: E402
from tests.train.sketch_helpers import polygon_sketch, tiny_corpus  # noqa: E402


def test_offset_nll_of_a_standard_normal_component():
    params = torch.zeros(1, 9)  # one component: mu 0, log sigma 0, rho 0
    _, mixture = losses.split_params(params, 1)
    got = losses.offset_nll(mixture, torch.tensor([0.6]), torch.tensor([-0.8]))
    expected = math.log(2 * math.pi) + 0.5 * (0.36 + 0.64)
    assert got.item() == pytest.approx(expected, abs=1e-5)


def test_pen_loss_covers_end_tokens_and_offsets_only_real_points():
    batch = collate([(polygon_sketch(np.random.default_rng(0), 3), 0, None, None)])
    steps = batch.inputs.shape[1] - 1
    assert steps == 4  # 3 points + 1 end token
    params = torch.zeros(1, steps, 9)
    offset_sum, pen_sum = losses.reconstruction_terms(params, batch, 1, False)
    assert pen_sum.item() == pytest.approx(steps * math.log(3.0), abs=1e-5)
    targets = batch.inputs[0, 1:4]
    expected = sum(math.log(2 * math.pi) + 0.5 * float(t[0] ** 2 + t[1] ** 2) for t in targets)
    assert offset_sum.item() == pytest.approx(expected, abs=1e-4)


def test_teacher_targets_replace_the_sampled_pen():
    sketch = polygon_sketch(np.random.default_rng(0), 3)
    soft = np.tile(np.array([[0.7, 0.2, 0.1]], np.float32), (4, 1))
    extra = np.zeros((3, 2, 2), np.float32)
    batch = collate([(sketch, 0, soft, extra)])
    logits = torch.zeros(1, 4, 9)
    logits[..., 0] = 2.0
    _, soft_pen = losses.reconstruction_terms(logits, batch, 1, True)
    _, hard_pen = losses.reconstruction_terms(logits, batch, 1, False)
    log_p = torch.log_softmax(torch.tensor([2.0, 0.0, 0.0]), 0)
    expected_soft = -4 * float(0.7 * log_p[0] + 0.2 * log_p[1] + 0.1 * log_p[2])
    assert soft_pen.item() == pytest.approx(expected_soft, abs=1e-5)
    assert soft_pen.item() != pytest.approx(hard_pen.item(), abs=1e-3)


def test_student_drawn_sketches_teach_only_through_the_teacher_offsets():
    sketch = polygon_sketch(np.random.default_rng(0), 3)
    soft = np.tile(np.array([[0.7, 0.2, 0.1]], np.float32), (4, 1))
    extra = np.full((3, 2, 2), 0.5, np.float32)
    params = torch.zeros(1, 4, 9)  # one standard normal component
    teacher_drawn = collate([(sketch, 0, soft, extra, 1.0)])
    student_drawn = collate([(sketch, 0, soft, extra, 0.0)])
    assert teacher_drawn.own_points is None and student_drawn.own_points.tolist() == [0.0]
    own, _ = losses.reconstruction_terms(params, teacher_drawn, 1, True)
    marked, _ = losses.reconstruction_terms(params, student_drawn, 1, True)
    # Every teacher draw is (0.5, 0.5): its NLL is log(2 pi) + 0.25 at each of the 3 points,
    # whatever the student drew there.
    assert marked.item() == pytest.approx(3 * (math.log(2 * math.pi) + 0.25), abs=1e-4)
    points = sketch[:, :2].astype(np.float64)
    own_nll = math.log(2 * math.pi) + 0.5 * (points**2).sum(1)
    expected_own = float(((own_nll + 2 * (math.log(2 * math.pi) + 0.25)) / 3).sum())
    assert own.item() == pytest.approx(expected_own, abs=1e-4)


def test_pen_weight_scales_only_the_pen_part_of_the_loss():
    batch = collate([(polygon_sketch(np.random.default_rng(0), 3), 0, None, None)])
    torch.manual_seed(1)
    params = torch.randn(1, batch.inputs.shape[1] - 1, 9)
    plain, parts = losses.sketch_loss(params, None, None, batch, 1, losses.LossWeights(), 1.0)
    heavy, heavy_parts = losses.sketch_loss(
        params, None, None, batch, 1, losses.LossWeights(pen_weight=3.0), 1.0
    )
    assert heavy_parts["pen"] == pytest.approx(parts["pen"]) and parts["pen"] > 0
    assert heavy.item() == pytest.approx(plain.item() + 2.0 * parts["pen"], rel=1e-5)


def test_kl_floor_and_annealing():
    assert losses.kl_divergence(torch.zeros(2, 4), torch.zeros(2, 4)).item() == 0.0
    config = TrainConfig(kl_eta_start=0.01, kl_decay=0.99)
    assert kl_eta(config, 0) == pytest.approx(0.01)
    assert kl_eta(config, 1000) == pytest.approx(1.0, abs=1e-3)
    assert learning_rate(config, 0) == pytest.approx(1e-3)
    assert learning_rate(config, 10**6) == pytest.approx(config.min_learning_rate)


def test_augment_keeps_the_drawing_end_and_total_path():
    rng = np.random.default_rng(3)
    sketch = polygon_sketch(rng, 12)
    dropped = augment(sketch, rng, scale=0.0, drop=0.5)
    assert len(dropped) < len(sketch)
    np.testing.assert_allclose(dropped[:, :2].sum(0), sketch[:, :2].sum(0), atol=1e-5)
    assert dropped[-1, 2] == 1.0
    scaled = augment(sketch, rng, scale=0.2, drop=0.0)
    ratio = scaled[:, :2] / np.where(sketch[:, :2] == 0, 1, sketch[:, :2])
    assert np.all((ratio > 0.79) & (ratio < 1.21))


def test_collate_pads_with_end_tokens_after_a_start_token():
    rng = np.random.default_rng(0)
    batch = collate(
        [(polygon_sketch(rng, 3), 0, None, None), (polygon_sketch(rng, 6), 1, None, None)]
    )
    assert batch.inputs.shape == (2, 8, 5)
    np.testing.assert_array_equal(batch.inputs[:, 0].numpy(), [[0, 0, 1, 0, 0]] * 2)
    assert batch.lengths.tolist() == [3, 6]
    assert batch.inputs[0, 4:, 4].tolist() == [1.0] * 4
    assert batch.inputs[1, 7, 4].item() == 1.0
    assert batch.inputs[1, 6, 3].item() == 1.0  # the last point lifts the pen


def test_bucketed_batches_cover_every_sketch_once_and_split_across_ranks():
    lengths = np.random.default_rng(0).integers(5, 100, 103)
    single = [i for batch in BucketBatchSampler(lengths, 10) for i in batch]
    assert sorted(single) == list(range(103))
    batches = list(BucketBatchSampler(lengths, 10))
    assert max(np.ptp(lengths[b]) for b in batches) < 40
    rank0 = [i for b in BucketBatchSampler(lengths, 10, rank=0, world_size=2) for i in b]
    rank1 = [i for b in BucketBatchSampler(lengths, 10, rank=1, world_size=2) for i in b]
    assert not set(rank0) & set(rank1)
    assert len(list(BucketBatchSampler(lengths, 10, rank=1, world_size=2))) == 5


def test_encoder_ignores_padding_after_each_length():
    torch.manual_seed(0)
    model = SketchRNN(ModelConfig(hidden_size=8, enc_hidden_size=6, z_size=4, num_mixture=2))
    strokes = torch.randn(2, 7, 5)
    lengths = torch.tensor([4, 7])
    mu, _ = model.encode(strokes, lengths)
    changed = strokes.clone()
    changed[0, 4:] = 100.0
    mu_changed, _ = model.encode(changed, lengths)
    torch.testing.assert_close(mu_changed, mu)
    # The backward direction reads the sequence from its last real point to its first.
    reference, _ = model.encode(strokes[:1, :4], lengths[:1])
    torch.testing.assert_close(mu[:1], reference)


@pytest.mark.parametrize("z_size", [0, 4], ids=["gen", "vae"])
def test_tiny_model_learns(tmp_path, z_size):
    torch.manual_seed(0)
    corpus = tiny_corpus(count=160)
    model = SketchRNN(
        ModelConfig(hidden_size=32, enc_hidden_size=8, z_size=z_size, num_mixture=3, num_classes=2)
    )
    config = TrainConfig(
        batch_size=16,
        learning_rate=5e-3,
        max_steps=60,
        norm_len=20,
        export_every_s=1e9,
        augment_scale=0.0,
        augment_drop=0.0,
        validation_fraction=0.1,
        log_every=5,
    )
    trainer = Trainer(corpus, model, config, tmp_path, {"dataset": "polygons"})
    before = trainer_validation(trainer)
    records = []
    result = trainer.run(on_log=records.append)
    assert result["step"] == 60
    assert result["val_loss"] < before - 0.1
    assert records[-1]["loss"] < records[0]["loss"]
    assert (tmp_path / "export" / "shape3" / "model.json").is_file()
    assert (tmp_path / "checkpoint.pt").is_file()


def trainer_validation(trainer: Trainer) -> float:
    from doodle.train.trainer import validation_loss

    return validation_loss(
        trainer.model, trainer.val_corpus, trainer.config, trainer.context.device
    )["val_loss"]


def test_dataset_leaves_teacher_samples_unaugmented():
    rng = np.random.default_rng(0)
    from doodle.train.data import ClassUnits, SketchCorpus

    corpus = SketchCorpus()
    sketch = polygon_sketch(rng, 6)
    corpus.add_class(
        ClassUnits("a", 1.0, 1.0, 10, "t"),
        [sketch],
        [np.zeros((7, 3), np.float32)],
        [np.zeros((6, 2, 2), np.float32)],
    )
    got, _, pen, _, own_points = SketchDataset(corpus, scale=0.5, drop=0.5)[0]
    np.testing.assert_array_equal(got, sketch)
    assert pen is not None and own_points == 1.0


def test_like_quickdraw_simplifies_into_the_256_px_box_and_starts_at_the_first_point():
    from doodle.train.data import ClassUnits, SketchCorpus

    units = ClassUnits("square", 50.0, 2.0, 300, "test")  # 25 box px per model unit
    side = np.zeros((40, 3), np.float32)
    side[:10, 0] = 0.1  # right, 10 small collinear steps per side
    side[10:20, 1] = 0.1  # down
    side[20:30, 0] = -0.1  # left
    side[30:, 1] = -0.1  # up, then lift
    side[-1, 2] = 1.0
    start = np.array([[0.3, 0.2, 0.0]], np.float32)  # from the start token to the first corner
    dot = np.array([[0.05, 0.0, 1.0]], np.float32)  # too short to keep
    corpus = SketchCorpus()
    corpus.add_class(units, [np.concatenate([start, side]), dot])

    corpus.simplify_like_quickdraw()

    assert len(corpus) == 1 and corpus.class_ids == [0]
    square = corpus.sketches[0]
    # Four corners back to the start, one lift; no offset from the start token.
    np.testing.assert_allclose(square[:, 2], [0, 0, 0, 1])
    in_px = square[:, :2] * 25.0
    np.testing.assert_allclose(np.abs(in_px).max(), 255.0)  # scaled into the box like Google's
    np.testing.assert_allclose(in_px.sum(axis=0), [0.0, 0.0], atol=1e-4)
    assert corpus.teacher_pen is None and corpus.teacher_offsets is None


def test_a_model_grown_by_new_classes_draws_the_old_ones_as_before():
    from doodle.train.model import with_more_classes

    torch.manual_seed(0)
    model = SketchRNN(
        ModelConfig(hidden_size=16, enc_hidden_size=8, z_size=4, num_mixture=2, num_classes=2)
    ).eval()
    grown = with_more_classes(model, 2).eval()
    assert grown.config.num_classes == 4
    strokes = torch.randn(3, 7, 5)
    z = torch.randn(3, 4)

    def outputs(net, class_ids):
        ids = torch.tensor(class_ids)
        with torch.no_grad():
            return net.decode(strokes, z, ids, net.initial_state(z, ids, 3))[0]

    torch.testing.assert_close(outputs(grown, [0, 1, 0]), outputs(model, [0, 1, 0]))
    # A new class starts as the average object: the mean of the old classes' columns.
    for key in ("decoder.weight_ih_l0", "init_state.weight"):
        old, new = model.state_dict()[key], grown.state_dict()[key]
        torch.testing.assert_close(new[:, :-2], old)
        torch.testing.assert_close(new[:, -1], old[:, -2:].mean(dim=1))
    assert not torch.allclose(outputs(grown, [2, 2, 2]), outputs(model, [0, 0, 0]))
