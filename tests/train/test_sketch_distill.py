"""Teacher sampling, `doodle train distill` end to end (with resume), and `doodle samples`."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

import numpy as np  # noqa: E402

from doodle import paths  # noqa: E402
from doodle.cli import main  # noqa: E402
from doodle.core.errors import DoodleFormatError  # noqa: E402
from doodle.engine import contract  # noqa: E402
from doodle.train.data import (  # noqa: E402
    OTHER_OBJECTS,
    ClassUnits,
    SketchCorpus,
    load_teacher_samples,
)
from doodle.train.export import write_class_folder  # noqa: E402
from doodle.train.model import ModelConfig, SketchRNN  # noqa: E402
from doodle.train.sample_grid import render_grid, write_png  # noqa: E402
from doodle.train.teacher import resolve_model, sample_sketches, save_samples  # noqa: E402
from tests.train.sketch_helpers import polygon_sketch, randomise  # noqa: E402


def install_teacher(name: str, seed: int = 0) -> None:
    """A small random decoder-only model installed as a user model."""
    torch.manual_seed(seed)
    model = SketchRNN(ModelConfig(hidden_size=16, z_size=0, num_mixture=2))
    randomise(model, 0.2, seed)
    with torch.no_grad():
        model.output.bias[2] = -1.5  # end a drawing now and then, not at once
    units = ClassUnits(name, 40.0, 2.0, 25, "test")
    write_class_folder(model, 0, units, paths.user_models_dir() / name, {"dataset": "test"})


def test_batched_sampling_records_soft_targets(tmp_path):
    install_teacher("cat")
    model = resolve_model("cat")
    samples = sample_sketches(model, 30, batch=16, seed=3, extra_offsets=2, record_targets=True)
    count = len(samples.lengths)
    assert 0 < count <= 30
    assert samples.points.shape == (samples.lengths.sum(), 3)
    assert samples.teacher_pen.shape == (samples.lengths.sum() + count, 3)
    assert samples.teacher_offsets.shape == (samples.lengths.sum(), 2, 2)
    np.testing.assert_allclose(samples.teacher_pen.astype(np.float32).sum(1), 1.0, atol=2e-3)
    assert all(s[-1, 2] == 1.0 for s in samples.sketches())
    again = sample_sketches(model, 30, batch=16, seed=3, extra_offsets=2, record_targets=True)
    np.testing.assert_array_equal(again.points, samples.points)
    save_samples(tmp_path / "cat.npz", samples, model.info, 1.0)
    corpus = SketchCorpus()
    load_teacher_samples(tmp_path / "cat.npz", corpus)
    assert len(corpus) == count and corpus.has_teacher_targets
    assert corpus.classes[0].scale_factor == 40.0


def test_teacher_marks_sketches_drawn_by_someone_else(tmp_path):
    from doodle.train.teacher import mark_by_teacher

    install_teacher("cat")
    teacher = resolve_model("cat")
    own = sample_sketches(teacher, 20, batch=8, seed=5, extra_offsets=3, record_targets=True)
    # Marking the teacher's own sketches gives back the pen probabilities it recorded there.
    marked = mark_by_teacher(teacher, own.sketches(), extra_offsets=3, seed=1, batch=7)
    assert marked.drawn_by_student
    np.testing.assert_array_equal(marked.points, own.points)
    # Except at the end step: a stored sketch always lifts the pen after its last point,
    # while the teacher may have ended it with the pen down.
    end_steps = np.cumsum(own.lengths + 1) - 1
    inside = np.setdiff1d(np.arange(len(own.teacher_pen)), end_steps)
    np.testing.assert_allclose(
        marked.teacher_pen[inside].astype(np.float32),
        own.teacher_pen[inside].astype(np.float32),
        atol=2e-3,
    )
    assert marked.teacher_offsets.shape == own.teacher_offsets.shape
    save_samples(tmp_path / "cat.student.npz", marked, teacher.info, 0.0)
    corpus = SketchCorpus()
    load_teacher_samples(tmp_path / "cat.student.npz", corpus)
    assert corpus.own_points == [0.0] * len(own.lengths) and corpus.has_teacher_targets
    with pytest.raises(Exception, match="teacher's targets"):
        corpus.simplify_like_quickdraw()


def test_low_temperature_sampling_keeps_unfinished_sketches():
    install_teacher("cat")
    samples = sample_sketches(resolve_model("cat"), 8, temperature=0.3, keep_unfinished=True)
    assert len(samples.lengths) == 8


@pytest.mark.slow
def test_distill_trains_exports_and_resumes(tmp_path, capsys):
    install_teacher("cat", 0)
    install_teacher("dog", 1)
    run = tmp_path / "run"
    common = [
        "--samples",
        "60",
        "--out",
        str(run),
        "--hidden",
        "16",
        "--vae",
        "--z-size",
        "4",
        "--enc-hidden",
        "8",
        "--batch",
        "10",
        "--mixtures",
        "3",
        "--export-every-min",
        "100",
    ]
    teachers = ["--teacher", "cat", "--teacher", "dog"]
    assert main(["train", "distill", *teachers, *common, "--steps", "6", "--match-teacher"]) == 0
    for name in ("cat", "dog"):
        info = contract.check_model_folder(run / "export" / name)
        assert info.kind == "vae" and info.z_size == 4
        assert info.provenance["teachers"]["cat"]["model"] == "cat"
        assert info.provenance["steps"] == 6
    assert (run / "samples" / "cat.npz").is_file()
    resumed = tmp_path / "resumed"
    common[common.index(str(run))] = str(resumed)
    (resumed / "samples").mkdir(parents=True)
    for name in ("cat", "dog"):
        (resumed / "samples" / f"{name}.npz").write_bytes(
            (run / "samples" / f"{name}.npz").read_bytes()
        )
    args = [
        "--teacher",
        "dog",
        "--teacher",
        "cat",
        *common,
        "--steps",
        "2",
        "--resume",
        str(run / "export"),
    ]
    assert main(["train", "distill", *args]) == 0
    out = capsys.readouterr().out
    assert "reusing samples" in out
    info = contract.check_model_folder(resumed / "export" / "cat")
    assert info.provenance["class_index"] == 0  # the resumed model keeps its class order
    assert info.provenance["resumed_from"]["folders"] == ["cat", "dog"]
    assert info.provenance["resumed_from"]["steps"] == 6
    assert info.provenance["steps"] == 2

    # The drawing models `export --bundle` ships (decoders cut at z = 0) resume too, named
    # folder by folder; the record says the encoder started afresh.
    bundle = tmp_path / "bundle"
    assert main(["train", "export", str(resumed / "export"), "--out", str(bundle), "--bundle"]) == 0
    common[common.index(str(resumed))] = str(tmp_path / "from-bundle")
    cut = ["--resume", str(bundle / "cat"), "--resume", str(bundle / "dog")]
    assert main(["train", "distill", *teachers, *common, "--steps", "2", *cut]) == 0
    info = contract.check_model_folder(tmp_path / "from-bundle" / "export" / "dog")
    assert info.kind == "vae" and info.provenance["class_index"] == 1
    assert "afresh" in info.provenance["resumed_from"]["encoder"]
    # Two continuations deep, the record still reaches the first run.
    assert info.provenance["resumed_from"]["steps"] == 2
    assert info.provenance["resumed_from"]["resumed_from"]["steps"] == 6

    # The resumed drawing models draw too, and the teachers mark their sketches.
    common[common.index(str(tmp_path / "from-bundle"))] = str(tmp_path / "on-policy")
    on_policy = [*teachers, *common, "--steps", "2", *cut, "--match-teacher"]
    assert main(["train", "distill", *on_policy, "--student-drawn", "12"]) == 0
    marked = tmp_path / "on-policy" / "samples" / "cat.student.npz"
    with np.load(marked, allow_pickle=False) as data:
        assert bool(data["drawn_by_student"]) and len(data["lengths"]) == 12
        assert data["teacher_pen"].shape[0] == data["lengths"].sum() + 12
    info = contract.check_model_folder(tmp_path / "on-policy" / "export" / "cat")
    assert info.provenance["student_drawn"]["sketches_per_object"] == 12
    assert main(["train", "distill", *teachers, *common, "--student-drawn", "12"]) != 0


def _write_quickdraw(folder: Path, words: dict[str, int], rng: np.random.Generator) -> None:
    """Quick, Draw!-like ndjson files, one per word: random polygons in the 256-px box."""
    from doodle.core import ndjson

    folder.mkdir(exist_ok=True)
    for word, count in words.items():
        drawings = []
        for _ in range(count):
            s3 = polygon_sketch(rng, int(rng.integers(3, 7)), size=100.0)
            points = np.cumsum(s3[:, :2], axis=0) + 128.0
            drawings.append(ndjson.QuickDrawDrawing(word=word, strokes=(points,)))
        ndjson.write_drawings(folder / f"{word}.ndjson", drawings)


def test_real_drawings_join_as_one_class_in_the_teachers_units():
    corpus = SketchCorpus()
    units = ClassUnits("cat", 40.0, 2.0, 25, "test")
    corpus.add_class(units, [np.array([[5.0, 0.0, 0.0], [0.0, 5.0, 1.0]], np.float32)])
    square = [np.array([[10, 10], [110, 10], [110, 110]], np.float32)]
    with pytest.raises(DoodleFormatError, match="Quick, Draw! form"):
        corpus.add_real_drawings({"castle": [square]}, "real")
    corpus.simplify_like_quickdraw()
    before = len(corpus)
    added = corpus.add_real_drawings({"castle": [square, square], "cloud": [square]}, "real")
    assert added == 3 and len(corpus) == before + 3
    other = corpus.classes[-1]
    assert [c.name for c in corpus.classes] == ["cat", OTHER_OBJECTS]
    assert not other.exported and corpus.classes[0].exported
    assert corpus.class_ids[-3:] == [1, 1, 1]
    # Model units of the teacher (20 px per unit): the 100-px side is 5 units long.
    np.testing.assert_allclose(corpus.sketches[-1][:, :2], [[5.0, 0.0], [0.0, 5.0]])
    corpus.simplify_like_quickdraw()  # already in that form: nothing changes
    np.testing.assert_allclose(corpus.sketches[-1][:, :2], [[5.0, 0.0], [0.0, 5.0]])


@pytest.mark.slow
def test_distill_learns_from_other_objects_drawings_without_exporting_them(tmp_path, capsys):
    install_teacher("cat", 0)
    install_teacher("dog", 1)
    rng = np.random.default_rng(2)
    # The teachers' own objects in the folder are skipped: real drawings of them never train.
    _write_quickdraw(tmp_path / "real", {"castle": 7, "cloud": 5, "cat": 9}, rng)
    run = tmp_path / "run"
    args = ["train", "distill", "--teacher", "cat", "--teacher", "dog", "--samples", "40"]
    args += ["--out", str(run), "--hidden", "16", "--vae", "--z-size", "4", "--enc-hidden", "8"]
    args += ["--batch", "10", "--mixtures", "3", "--steps", "3", "--like-quickdraw"]
    assert main([*args, "--other-drawings", str(tmp_path / "real")]) == 0
    assert "12 real drawings of 2 objects" in capsys.readouterr().out
    assert sorted(p.name for p in (run / "export").iterdir() if p.is_dir()) == ["cat", "dog"]
    info = contract.check_model_folder(run / "export" / "cat")
    assert info.provenance["other_drawings"]["drawings"] == 12
    assert info.provenance["num_classes"] == 3
    checkpoint = torch.load(run / "checkpoint.pt", weights_only=True)
    assert [c["name"] for c in checkpoint["classes"]] == ["cat", "dog", OTHER_OBJECTS]
    # An export resumes without the extra class, which the next run adds again.
    again = [*args[:-1], "--out", str(tmp_path / "again"), "--resume", str(run / "export")]
    assert main([*again, "--like-quickdraw", "--other-drawings", str(tmp_path / "real")]) == 0
    info = contract.check_model_folder(tmp_path / "again" / "export" / "dog")
    assert info.provenance["resumed_from"]["folders"] == ["cat", "dog"]
    # The checkpoint keeps the extra class: resuming it without its drawings says what to add.
    resume_checkpoint = ["--out", str(tmp_path / "third"), "--resume", str(run / "checkpoint.pt")]
    assert main([*args, *resume_checkpoint]) != 0
    assert "--other-drawings" in capsys.readouterr().err
    # Real drawings come in Quick, Draw! form only.
    assert main([*args[:-1], "--other-drawings", str(tmp_path / "real")]) != 0
    assert "--like-quickdraw" in capsys.readouterr().err


def _fit_pentagons_args(tmp_path, drawings: int, batch: int) -> tuple[list[str], Path]:
    """``train fit`` arguments for a tiny model of ``drawings`` pentagons written as Quick,
    Draw! ndjson, and the run folder they name."""
    from doodle.core import ndjson

    rng = np.random.default_rng(0)
    pentagons = []
    for _ in range(drawings):
        s3 = polygon_sketch(rng, 5, size=80.0)
        points = np.cumsum(s3[:, :2], axis=0) + 120.0
        pentagons.append(ndjson.QuickDrawDrawing(word="pentagon", strokes=(points,)))
    data = tmp_path / "pentagon.ndjson"
    ndjson.write_drawings(data, pentagons)
    run = tmp_path / "run"
    args = ["train", "fit", "--data", str(data), "--out", str(run), "--hidden", "8"]
    return [*args, "--batch", str(batch), "--steps", "3", "--mixtures", "2"], run


def test_fit_trains_on_drawings(tmp_path):
    args, run = _fit_pentagons_args(tmp_path, drawings=30, batch=8)
    assert main(args) == 0
    info = contract.check_model_folder(run / "export" / "pentagon")
    assert info.kind == "gen"
    assert info.pixel_factor == 1.0
    assert 10.0 < info.scale_factor < 100.0


def read_png(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8 : start - 4])[0]
    raw = zlib.decompress(data[start : start + length])
    rows = np.frombuffer(raw, np.uint8).reshape(height, width + 1)
    return rows[:, 1:]


def test_grid_png_has_ink_in_every_cell(tmp_path):
    rng = np.random.default_rng(0)
    sketches = [polygon_sketch(rng, 3 + i) for i in range(4)]
    write_png(tmp_path / "grid.png", render_grid(sketches, columns=2, cell=50))
    image = read_png(tmp_path / "grid.png")
    assert image.shape == (101, 101)
    for row in range(2):
        for column in range(2):
            cell = image[row * 50 + 1 : (row + 1) * 50, column * 50 + 1 : (column + 1) * 50]
            assert (cell < 100).sum() > 20


def test_samples_command_writes_a_grid(tmp_path):
    install_teacher("cat")
    out = tmp_path / "cat.png"
    assert main(["samples", "cat", "--out", str(out), "--count", "4", "--cell", "64"]) == 0
    image = read_png(out)
    assert image.shape == (65, 257)
    assert (image < 100).sum() > 50


@pytest.mark.slow
def test_torchrun_trains_with_two_processes(tmp_path):
    """The same command under torchrun: two CPU ranks (gloo) share the batches."""
    import os
    import subprocess
    import sys

    fit_args, run = _fit_pentagons_args(tmp_path, drawings=40, batch=4)
    command = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--nproc_per_node=2",
        "--standalone",
        "-m",
        "doodle",
        *fit_args,
        "--device",
        "cpu",
    ]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    # The ranks' own messages come first; torchrun's summary of who failed comes last.
    assert done.returncode == 0, done.stderr[:4000] + "\n[...]\n" + done.stderr[-1500:]
    assert "world 2" in done.stdout
    assert contract.check_model_folder(run / "export" / "pentagon").provenance["steps"] == 3
