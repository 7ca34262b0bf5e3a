"""Training the recogniser end to end on small random models: sample, train, export, load."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from doodle import paths
from doodle.core.errors import DoodleFormatError
from doodle.engine.magenta import import_magenta
from doodle.engine.recognize import Classifier, Recognizer, load_classifier
from doodle.engine.recognize_raster import RasterSpec, rasterize
from doodle.engine.registry import ModelRegistry
from doodle.train.recognizer import (
    Augmentation,
    TrainSettings,
    augment,
    drawing_views,
    make_network,
    stroke3_drawings,
    train_network,
)
from doodle.train.recognizer_data import load_samples, sample_model, save_samples
from tests.engine.helpers import magenta_document, write_magenta

pytest.importorskip("torch")

# A recogniser trained in seconds: few samples, one epoch.
QUICK_TRAINING = ["train", "recognizer", "--samples", "60", "--epochs", "1"]


@pytest.fixture
def small_models(tmp_path: Path, monkeypatch) -> Path:
    """Two tiny random decoders (distinct weights, pen biased to draw several strokes),
    and no bundled models, so the installed objects are exactly these."""
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(tmp_path / "no-bundled-models"))
    folder = paths.user_models_dir()
    for seed, name in ((3, "zigzag"), (4, "spiral")):
        document = magenta_document("gen", seed=seed, pen_bias=(3.0, 0.5, -2.0))
        document[0]["name"] = name
        import_magenta(write_magenta(tmp_path / f"{name}.gen.json", document), folder)
    return folder


def test_sampling_gives_stroke3_drawings_in_box_pixels(small_models):
    drawings = sample_model(small_models / "zigzag", 30, batch=16, seed=1)
    assert len(drawings) >= 25  # a few may end at once and are dropped
    for drawing in drawings:
        assert drawing.shape[1] == 3 and drawing.dtype == np.float32
        assert np.all(np.isfinite(drawing)) and drawing[-1, 2] == 1.0
    again = sample_model(small_models / "zigzag", 30, batch=16, seed=1)
    assert all(np.array_equal(a, b) for a, b in zip(drawings, again, strict=True))


def test_samples_round_trip_through_npz(tmp_path):
    drawings = [np.ones((3, 3), np.float32), np.zeros((5, 3), np.float32)]
    save_samples(tmp_path / "s.npz", drawings)
    loaded = load_samples(tmp_path / "s.npz")
    assert [d.tolist() for d in loaded] == [d.tolist() for d in drawings]


def test_views_are_the_whole_drawing_and_stroke_prefixes():
    strokes = [np.zeros((2, 2)) + i for i in range(5)]
    views = drawing_views(strokes, 3, np.random.default_rng(0))
    assert len(views[0]) == 5
    assert len(views) == 4 and all(1 <= len(v) < 5 for v in views[1:])
    assert drawing_views(strokes[:1], 3, np.random.default_rng(0)) == [strokes[:1]]


@pytest.mark.slow
def test_train_command_writes_a_loadable_recogniser(small_models, capsys):
    from doodle.cli import main

    assert main(["train", "recognizer", "--samples", "60", "--epochs", "2"]) == 0
    folder = paths.user_models_dir() / "recognizer"
    meta = json.loads((folder / "model.json").read_text())
    assert meta["kind"] == "recognizer" and meta["classes"] == ["spiral", "zigzag"]
    assert meta["provenance"]["samples_per_model"] == 60
    assert set(meta["provenance"]["models"]) == {"spiral", "zigzag"}
    assert 0.0 <= meta["metrics"]["validation_top1_model_samples"] <= 1.0
    assert "mirror" in meta["provenance"]["augmentation"]  # strong is the default
    assert meta["provenance"]["network"]["mirror_average"] is True
    # The registry does not mistake the recogniser for a sketch model.
    registry = ModelRegistry()
    assert [i.name for i in registry.list()] == ["spiral", "zigzag"]
    assert not registry.problems()
    classifier = load_classifier()
    assert isinstance(classifier, Classifier) and classifier.folder == folder
    drawing = [np.array([[0, 0], [10, 5], [20, 0]], np.float32)]
    probabilities = classifier.probabilities([drawing, drawing])
    assert probabilities.shape == (2, 2)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    guesses = Recognizer(registry, classifier).guess(drawing)
    assert {g.name for g in guesses} == {"spiral", "zigzag"}
    # Sampled drawings are cached: retraining samples nothing new.
    capsys.readouterr()
    assert (
        main(
            [
                "train",
                "recognizer",
                "--samples",
                "60",
                "--epochs",
                "1",
                "--augmentation",
                "mild",
                "--members",
                "2",
                "--no-mirror-average",
            ]
        )
        == 0
    )
    assert "sampling" not in capsys.readouterr().err
    meta = json.loads((folder / "model.json").read_text())
    assert "mirror" not in meta["provenance"]["augmentation"]
    assert meta["provenance"]["network"]["members"] == 2
    assert meta["provenance"]["network"]["mirror_average"] is False
    averaged = Classifier(folder).probabilities([drawing])
    assert averaged.shape == (1, 2) and np.allclose(averaged.sum(), 1.0, atol=1e-5)
    # With the order of drawing as a second image channel.
    assert main(["train", "recognizer", "--samples", "60", "--epochs", "1", "--stroke-order"]) == 0
    meta = json.loads((folder / "model.json").read_text())
    assert meta["input"]["channels"] == ["ink", "stroke_order"]
    assert meta["provenance"]["network"]["input_channels"] == ["ink", "stroke_order"]
    ordered = Classifier(folder)
    assert ordered.images([drawing]).shape == (1, 2, 32, 32)
    assert np.allclose(ordered.probabilities([drawing]).sum(), 1.0, atol=1e-5)


def test_samples_are_simplified_like_quickdraw():
    # A dense straight stroke and a dense square, in model units far from the 255 box.
    line = np.zeros((100, 3), np.float32)
    line[:, 0] = 0.5
    line[-1, 2] = 1.0
    side = np.repeat(np.array([[1.0, 0], [0, 1.0], [-1.0, 0], [0, -1.0]], np.float32), 50, axis=0)
    square = np.concatenate([side, np.zeros((200, 1), np.float32)], axis=1)
    square[-1, 2] = 1.0
    (line_strokes, square_strokes) = stroke3_drawings([line, np.concatenate([line, square])])
    assert len(line_strokes) == 1 and len(line_strokes[0]) == 2
    assert line_strokes[0].dtype == np.float32
    assert line_strokes[0][:, 0].tolist() == [0.0, 255.0]
    assert len(square_strokes) == 2
    assert len(square_strokes[1]) == 5  # the four corners and the way back
    every = np.concatenate(square_strokes)
    assert every.min() >= 0 and every.max() == 255


@pytest.mark.parametrize(
    ("widths", "size"), [((8, 16), 32), ((8, 8, 16, 16), 32), ((4, 8, 8, 8), 48)]
)
def test_network_depth_follows_the_channel_list(widths, size):
    import torch

    network = make_network(5, size, widths, 16).eval()
    with torch.no_grad():
        logits = network(torch.zeros(3, 1, size, size))
    assert logits.shape == (3, 5)
    convolutions = [m for m in network.modules() if isinstance(m, torch.nn.Conv2d)]
    assert [c.out_channels for c in convolutions] == list(widths)


def test_network_rejects_a_size_it_cannot_halve_enough():
    with pytest.raises(ValueError, match="not divisible"):
        make_network(5, 48, (4, 4, 4, 4, 4), 16)


def test_train_command_rejects_bad_channels(capsys):
    from doodle.cli import main

    assert main(["train", "recognizer", "--channels", "8"]) == 2
    assert "two to four" in capsys.readouterr().err
    assert main(["train", "recognizer", "--channels", "8,8,8,8,8"]) == 2


def test_raster_is_scale_and_position_free():
    square = [np.array([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], np.float32)]
    moved = [s * 7.5 + 300 for s in square]
    spec = RasterSpec(size=32)
    assert np.allclose(rasterize(square, spec), rasterize(moved, spec), atol=1e-4)
    assert rasterize([], spec).sum() == 0


NO_GEOMETRY = Augmentation(rotation=0.0, stretch=0.0, shear=0.0)


def _four_strokes() -> list[np.ndarray]:
    return [np.array([[i, 0.0], [i + 1.0, 5.0], [i + 2.0, 1.0]], np.float32) for i in range(4)]


def test_mirror_augmentation_flips_left_and_right():
    strokes = _four_strokes()
    mirrored = augment(strokes, np.random.default_rng(0), Augmentation(0.0, 0.0, 0.0, mirror=1.0))
    kept = augment(strokes, np.random.default_rng(0), NO_GEOMETRY)
    for original, flipped, same in zip(strokes, mirrored, kept, strict=True):
        assert np.allclose(flipped, original * np.array([-1.0, 1.0]))
        assert np.allclose(same, original)


def test_stroke_dropping_removes_one_stroke_of_longer_drawings_only():
    strokes = _four_strokes()
    dropping = Augmentation(0.0, 0.0, 0.0, stroke_drop=1.0)
    dropped = augment(strokes, np.random.default_rng(1), dropping)
    assert len(dropped) == 3
    assert all(any(np.allclose(d, s) for s in strokes) for d in dropped)
    assert len(augment(strokes[:2], np.random.default_rng(1), dropping)) == 2


def test_point_jitter_moves_points_by_about_its_spread():
    strokes = [np.zeros((2000, 2), np.float32)]
    jitter = Augmentation(0.0, 0.0, 0.0, jitter=1.5)
    (jittered,) = augment(strokes, np.random.default_rng(2), jitter)
    assert jittered.shape == (2000, 2) and jittered.dtype == np.float32
    assert 1.3 < float(jittered.std()) < 1.7


def test_training_draws_fresh_images_before_every_later_epoch():
    rng = np.random.default_rng(3)
    labels = np.arange(16, dtype=np.int64) % 2

    def images() -> tuple[np.ndarray, np.ndarray]:
        calls.append(1)
        return rng.integers(0, 256, (16, 1, 32, 32)).astype(np.uint8), labels

    calls: list[int] = []
    first, _ = images()
    settings = TrainSettings(widths=(4, 4), hidden=8, epochs=3, batch_size=8)
    train_network(first, labels, 2, settings, log=lambda _: None, fresh_images=images)
    assert len(calls) == 3  # the first set, then one per epoch after the first
    calls.clear()
    train_network(first, labels, 2, settings, log=lambda _: None)
    assert not calls


def test_averaged_members_export_as_one_graph_of_mean_probabilities(tmp_path):
    import onnxruntime as ort
    import torch

    from doodle.train.recognizer import averaged_network, export_onnx

    torch.manual_seed(5)
    members = [make_network(3, 32, (4, 8), 8).eval() for _ in range(2)]
    images = torch.rand(4, 1, 32, 32)
    with torch.no_grad():
        expected = sum(torch.softmax(m(images), dim=1) for m in members) / 2
        single = torch.softmax(members[0](images), dim=1)
    export_onnx(averaged_network(members), RasterSpec(size=32), tmp_path / "classifier.onnx")
    session = ort.InferenceSession(str(tmp_path / "classifier.onnx"))
    (logits,) = session.run(["logits"], {"image": images.numpy()})
    probabilities = torch.softmax(torch.from_numpy(logits), dim=1)
    assert torch.allclose(probabilities, expected, atol=1e-5)
    assert not torch.allclose(probabilities, single, atol=1e-3)


def test_mirror_averaging_graph_reads_the_drawing_both_ways_round(tmp_path):
    import onnxruntime as ort
    import torch

    from doodle.train.recognizer import averaged_network, export_onnx

    torch.manual_seed(6)
    network = make_network(3, 32, (4, 8), 8).eval()
    images = torch.rand(4, 1, 32, 32)
    with torch.no_grad():
        expected = (
            torch.softmax(network(images), dim=1)
            + torch.softmax(network(torch.flip(images, dims=[3])), dim=1)
        ) / 2
    export_onnx(
        averaged_network([network], mirror=True), RasterSpec(size=32), tmp_path / "classifier.onnx"
    )
    session = ort.InferenceSession(str(tmp_path / "classifier.onnx"))
    (logits,) = session.run(["logits"], {"image": images.numpy()})
    assert torch.allclose(torch.softmax(torch.from_numpy(logits), dim=1), expected, atol=1e-5)
    # A drawing and its mirror image get the same guess.
    (mirrored,) = session.run(["logits"], {"image": torch.flip(images, dims=[3]).numpy()})
    assert np.allclose(logits, mirrored, atol=1e-5)


def test_evaluation_after_training_is_recorded_in_model_json(small_models, tmp_path, capsys):
    from doodle.cli import main
    from doodle.core import ndjson

    real = tmp_path / "real"
    real.mkdir()
    rng = np.random.default_rng(2)
    for word in ("zigzag", "spiral"):
        drawings = [
            ndjson.QuickDrawDrawing(word=word, strokes=(rng.uniform(0, 255, (6, 2)),))
            for _ in range(4)
        ]
        ndjson.write_drawings(real / f"{word}.ndjson", drawings)
    args = ["train", "recognizer", "--samples", "60", "--epochs", "1", "--eval", str(real)]
    assert main(args) == 0
    printed = json.loads(capsys.readouterr().out)
    folder = paths.user_models_dir() / "recognizer"
    meta = json.loads((folder / "model.json").read_text())
    recorded = meta["metrics"]["real_drawings"]  # user models: not the fresh-install figure
    assert recorded["complete"] == printed["complete"] and recorded["complete"]["drawings"] == 8
    assert recorded["classes"] == ["spiral", "zigzag"] and "first_1_strokes" in recorded
    assert recorded["source"].startswith("real ")
    assert "real_drawings_bundled_objects" not in meta["metrics"]
    # Evaluating alone prints the figures and leaves model.json as it is, unless asked.
    del meta["metrics"]["real_drawings"]
    (folder / "model.json").write_text(json.dumps(meta))
    assert main(["train", "recognizer", "--eval-only", "--eval", str(real)]) == 0
    assert "real_drawings" not in json.loads((folder / "model.json").read_text())["metrics"]
    assert main(["train", "recognizer", "--eval-only", "--eval", str(real), "--record"]) == 0
    assert "real_drawings" in json.loads((folder / "model.json").read_text())["metrics"]


def test_cutting_classes_keeps_the_other_logits():
    import torch

    from doodle.train.recognizer import keep_first_classes

    torch.manual_seed(0)
    network = make_network(5, 32, (8, 16), 32).eval()
    images = torch.rand(3, 1, 32, 32)
    cut = keep_first_classes(network, 2)
    with torch.no_grad():
        assert torch.allclose(cut(images), network(images)[:, :2], atol=1e-6)
    assert network[-1].out_features == 5  # the trained network itself is left whole
    with pytest.raises(ValueError):
        keep_first_classes(network, 6)


def _write_real(folder: Path, words: dict[str, int], rng: np.random.Generator) -> None:
    from doodle.core import ndjson

    folder.mkdir(exist_ok=True)
    for word, count in words.items():
        drawings = [
            ndjson.QuickDrawDrawing(word=word, strokes=(rng.uniform(0, 255, (6, 2)),))
            for _ in range(count)
        ]
        ndjson.write_drawings(folder / f"{word}.ndjson", drawings)


def test_other_object_drawings_never_include_an_installed_object(tmp_path):
    from doodle.core import ndjson
    from doodle.engine.recognize_eval import other_object_drawings

    rng = np.random.default_rng(5)
    _write_real(tmp_path / "real", {"zigzag": 3, "palm tree": 2, "castle": 4}, rng)
    found = other_object_drawings(tmp_path / "real", ["zigzag", "spiral"])
    assert {name: len(items) for name, items in found.items()} == {"palm_tree": 2, "castle": 4}
    # One file holding several objects: installed objects inside it are skipped too.
    mixed = tmp_path / "mixed.ndjson"
    ndjson.write_drawings(
        mixed,
        [
            ndjson.QuickDrawDrawing(word=word, strokes=(rng.uniform(0, 255, (4, 2)),))
            for word in ("spiral", "castle", "spiral")
        ],
    )
    assert list(other_object_drawings(mixed, ["zigzag", "spiral"])) == ["castle"]
    with pytest.raises(DoodleFormatError):
        other_object_drawings(tmp_path / "missing", ["zigzag"])


def test_other_objects_train_as_extra_classes_left_out_of_the_export(small_models, tmp_path):
    from doodle.cli import main

    rng = np.random.default_rng(6)
    _write_real(tmp_path / "real", {"zigzag": 5, "castle": 6, "cloud": 7}, rng)
    args = [*QUICK_TRAINING, "--other-drawings", str(tmp_path / "real")]
    assert main(args) == 0
    folder = paths.user_models_dir() / "recognizer"
    meta = json.loads((folder / "model.json").read_text())
    assert meta["classes"] == ["spiral", "zigzag"]
    assert meta["provenance"]["other_objects"]["objects"] == 2
    assert meta["provenance"]["other_objects"]["drawings"] == 13
    assert meta["provenance"]["real_drawings"] == {}  # the real zigzags were not used
    drawing = [np.array([[0, 0], [10, 5], [20, 0]], np.float32)]
    probabilities = Classifier(folder).probabilities([drawing])
    assert probabilities.shape == (1, 2) and np.allclose(probabilities.sum(), 1.0, atol=1e-5)


def test_drawing_parts_split_by_key_alone():
    from doodle.core import ndjson
    from doodle.engine.recognize_eval import drawing_key, in_part

    keys = [str(4_000_000_000_000_000 + i) for i in range(200)]
    first = [key for key in keys if in_part(key, 0, 2)]
    second = [key for key in keys if in_part(key, 1, 2)]
    assert sorted(first + second) == sorted(keys) and not set(first) & set(second)
    assert 60 < len(first) < 140  # a split, not everything on one side
    lines = (np.array([[0, 0], [5, 9]], np.float32),)
    named = ndjson.QuickDrawDrawing(word="cat", strokes=lines, key_id="123")
    assert drawing_key(named) == "123"
    unnamed = ndjson.QuickDrawDrawing(word="cat", strokes=lines)
    other = ndjson.QuickDrawDrawing(word="cat", strokes=(lines[0] + 1,))
    assert drawing_key(unnamed) == drawing_key(ndjson.QuickDrawDrawing(word="dog", strokes=lines))
    assert drawing_key(unnamed) != drawing_key(other)


def test_real_drawings_trained_on_are_recorded_and_never_measured(small_models, tmp_path, capsys):
    from doodle.cli import main
    from doodle.core import ndjson
    from doodle.engine.recognize_eval import in_part

    real = tmp_path / "real"
    real.mkdir()
    rng = np.random.default_rng(7)
    keys: dict[str, list[str]] = {}
    for offset, word in ((0, "zigzag"), (100, "spiral")):
        keys[word] = [str(5_000_000 + offset + i) for i in range(10)]
        drawings = [
            ndjson.QuickDrawDrawing(word=word, strokes=(rng.uniform(0, 255, (6, 2)),), key_id=key)
            for key in keys[word]
        ]
        ndjson.write_drawings(real / f"{word}.ndjson", drawings)
    trained = sorted(k for word in keys for k in keys[word] if not in_part(k, 0, 2))
    held_out = {w: sum(in_part(k, 0, 2) for k in keys[w]) for w in keys}
    args = [*QUICK_TRAINING, "--data", str(real), "--data-repeat", "3"]
    assert main([*args, "--hold-out-part", "0/2", "--eval", str(real)]) == 0
    printed = json.loads(capsys.readouterr().out)
    meta = json.loads((paths.user_models_dir() / "recognizer" / "model.json").read_text())
    provenance = meta["provenance"]
    assert provenance["real_drawing_keys"] == trained
    assert provenance["real_drawings"] == {w: 10 - held_out[w] for w in keys}
    assert provenance["real_drawing_repeat"] == 3
    assert provenance["real_drawing_hold_out"].startswith("part 0 of 2")
    # The measure is on the held-out drawings alone.
    assert printed["skipped_training_drawings"] == len(trained)
    assert printed["complete"]["drawings"] == sum(held_out.values())
    assert meta["metrics"]["real_drawings"]["complete"]["drawings"] == sum(held_out.values())
    # Trained on every drawing: nothing is left to measure on, and it says so.
    capsys.readouterr()
    assert main([*args, "--eval", str(real)]) == 2
    assert "trained on every drawing" in capsys.readouterr().err
    assert main([*args, "--hold-out-part", "2/2"]) == 2
    assert "--hold-out-part" in capsys.readouterr().err
