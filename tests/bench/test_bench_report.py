"""`doodle bench` on a tiny model: the JSON report has the agreed shape (timings not checked)."""

from __future__ import annotations

import json

import pytest

from doodle import paths
from doodle.bench.runner import FIGURE_NAMES, format_table, run_benchmarks
from doodle.cli import main
from doodle.core.errors import DoodleError
from tests.bench.model_factory import write_tiny_model

MACHINE_KEYS = {"cpu", "cores", "python", "onnxruntime", "numpy", "os"}


@pytest.fixture
def tiny_installed():
    return write_tiny_model(paths.user_models_dir(), "tiny")


def test_decoder_step_report_has_machine_and_figures(tiny_installed):
    report = run_benchmarks([tiny_installed], repeats=2, only=["decoder_step"])
    assert MACHINE_KEYS <= report["machine"].keys()
    assert report["machine"]["cores"] >= 1
    steps = [f for f in report["figures"] if f["name"] == "decoder_step"]
    assert sorted(f["batch"] for f in steps) == [1, 9]
    for figure in steps:
        assert figure["model"] == "tiny"
        assert 0 < figure["median_ms"] <= figure["p90_ms"]
        assert figure["numpy_median_ms"] > 0
        assert figure["ratio"] == pytest.approx(
            figure["numpy_median_ms"] / figure["median_ms"], rel=0.01
        )
    json.dumps(report)


def test_command_writes_json_with_memory_figures(tiny_installed, tmp_path, capsys):
    output = tmp_path / "bench.json"
    code = main(
        [
            "bench",
            "--json",
            "--only",
            "rss",
            "--model",
            "tiny",
            "--repeats",
            "2",
            "--output",
            str(output),
        ]
    )
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(output.read_text())
    by_name = {f["name"]: f for f in printed["figures"]}
    assert by_name["rss"]["value_mb"] > 0
    assert by_name["model_load"]["model"] == "tiny"
    assert by_name["model_load_all"]["models"] == 1
    assert [m["name"] for m in printed["models"]] == ["tiny"]


def test_table_lists_every_measured_figure(tiny_installed):
    report = run_benchmarks([tiny_installed], repeats=1, only=["decoder_step"])
    table = format_table(report)
    assert report["machine"]["cpu"] in table
    assert table.count("| decoder_step |") == 2


def test_unknown_figure_and_model_are_clear_errors(tiny_installed, capsys):
    with pytest.raises(DoodleError, match="unknown figure nope"):
        run_benchmarks([tiny_installed], repeats=1, only=["nope"])
    assert main(["bench", "--model", "giraffe"]) == 2
    assert "no installed model named giraffe" in capsys.readouterr().err


def test_no_model_installed_points_to_magenta_option(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(tmp_path / "none"))
    assert main(["bench", "--only", "decoder_step"]) == 2
    assert "--magenta" in capsys.readouterr().err


def test_figure_names_cover_the_agreed_ones():
    agreed = {
        "decoder_step",
        "completion_250",
        "variations_9",
        "hint",
        "ui_stall",
        "recognition",
        "cold_start",
        "model_load",
        "rss",
        "input_to_ink",
    }
    assert agreed <= set(FIGURE_NAMES)


def test_magenta_file_is_imported_for_the_run_only(capsys, monkeypatch, tmp_path):
    from tests.shared_data import require_shared

    bear = require_shared("magenta", "bear.gen.json")
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(tmp_path / "no-bundled-models"))
    code = main(
        ["bench", "--json", "--magenta", str(bear), "--only", "decoder_step", "--repeats", "1"]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    steps = [f for f in report["figures"] if f["name"] == "decoder_step"]
    assert {f["model"] for f in steps} == {"bear"}
    assert {f["hidden_size"] for f in steps} == {512}
    assert steps[0]["target_ms"] == 0.1
    assert not any(paths.user_models_dir().iterdir())


def test_window_figures_on_a_tiny_model(tiny_installed, qapp):
    report = run_benchmarks([tiny_installed], repeats=2, only=["ui_stall", "input_to_ink"])
    by_name = {f["name"]: f for f in report["figures"]}
    assert "note" not in by_name["ui_stall"], by_name["ui_stall"]
    assert by_name["ui_stall"]["model"] == "tiny"
    assert by_name["ui_stall"]["repeats"] == 2
    assert by_name["ui_stall"]["max_ms"] >= by_name["ui_stall"]["median_ms"] >= 0
    assert by_name["ui_stall"]["idle_p90_ms"] >= by_name["ui_stall"]["idle_median_ms"] >= 0
    ink = by_name["input_to_ink"]
    assert ink["samples"] == 2 * 20 and ink["median_ms"] > 0
    assert ink["strokes_on_canvas"] >= 3


def test_sampling_and_recognition_figures_on_a_tiny_model(tiny_installed):
    report = run_benchmarks([tiny_installed], repeats=2, only=["completion_250", "recognition"])
    by_name = {f["name"]: f for f in report["figures"]}
    for name in ("completion_250", "variations_9", "completion", "hint", "recognition"):
        assert "note" not in by_name[name] or name == "recognition", by_name[name]
        assert by_name[name]["median_ms"] > 0
    assert by_name["completion_250"]["steps"] == 250
    assert by_name["variations_9"]["batch"] == 9
    assert by_name["completion_250"]["numpy_median_ms"] > 0
    assert by_name["recognition"]["models"] == 1


def test_cold_start_reports_the_first_paint(tiny_installed):
    report = run_benchmarks([tiny_installed], repeats=1, only=["cold_start"])
    (figure,) = report["figures"]
    assert figure["name"] == "cold_start"
    assert "note" not in figure, figure
    assert figure["median_ms"] > 0


def test_numpy_baseline_matches_onnxruntime_also_for_half_precision_weights(tiny_installed):
    import numpy as np
    import onnx

    from doodle.bench.numpy_decoder import load_numpy_decoder
    from doodle.engine.model import open_session

    export = pytest.importorskip("doodle.train.export", reason="half precision needs [train]")
    graph = tiny_installed.path / "decoder_step.onnx"
    onnx.save(export.to_fp16(onnx.load(str(graph))), str(graph))
    assert any(i.name.endswith("__fp16") for i in onnx.load(str(graph)).graph.initializer)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 5)).astype(np.float32)
    h = rng.normal(size=(3, 16)).astype(np.float32)
    c = rng.normal(size=(3, 16)).astype(np.float32)
    expected = open_session(graph).run(None, {"x": x, "h": h, "c": c})
    got = load_numpy_decoder(tiny_installed.path).step(x, h, c)
    for want, have in zip(expected, got, strict=True):
        np.testing.assert_allclose(have, want, atol=1e-5)


def test_numpy_baseline_reads_the_lstm_operator_layout(tmp_path):
    import numpy as np
    import onnx

    from doodle.bench.numpy_decoder import load_numpy_decoder
    from doodle.engine import graphs
    from doodle.engine.model import open_session

    weights = graphs.random_decoder(np.random.default_rng(1), 8, 2, z_size=3, scale=0.5)
    onnx.save(graphs.build_decoder_step_lstm_op(weights), str(tmp_path / "decoder_step.onnx"))
    rng = np.random.default_rng(2)
    feed = {
        "x": rng.normal(size=(2, 5)).astype(np.float32),
        "h": rng.normal(size=(2, 8)).astype(np.float32),
        "c": rng.normal(size=(2, 8)).astype(np.float32),
        "z": rng.normal(size=(2, 3)).astype(np.float32),
    }
    expected = open_session(tmp_path / "decoder_step.onnx").run(None, feed)
    xz = np.concatenate([feed["x"], feed["z"]], axis=1)
    got = load_numpy_decoder(tmp_path).step(xz, feed["h"], feed["c"])
    for want, have in zip(expected, got, strict=True):
        np.testing.assert_allclose(have, want, atol=1e-5)


def test_an_imported_magenta_model_does_not_clash_with_an_installed_one(capsys):
    from tests.shared_data import require_shared

    bear = require_shared("magenta", "bear.gen.json")
    write_tiny_model(paths.user_models_dir(), "bear")
    code = main(
        [
            "bench",
            "--json",
            "--magenta",
            str(bear),
            "--model",
            "bear",
            "--model",
            "bear-magenta",
            "--only",
            "decoder_step",
            "--repeats",
            "1",
        ]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    sizes = {m["name"]: m["hidden_size"] for m in report["models"]}
    assert sizes == {"bear": 16, "bear-magenta": 512}


def test_the_heartbeat_sees_a_blocked_ui_thread_and_not_an_idle_one(qapp):
    import time

    from PySide6.QtCore import QTimer

    from doodle.bench.ui_figures import Heartbeat

    heartbeat = Heartbeat()
    until = time.perf_counter() + 0.1
    assert heartbeat.run_until(lambda: time.perf_counter() > until)
    idle_stall = heartbeat.stop()
    QTimer.singleShot(20, lambda: time.sleep(0.03))  # a slot that keeps the loop away 30 ms
    until = time.perf_counter() + 0.1
    assert heartbeat.run_until(lambda: time.perf_counter() > until)
    assert heartbeat.stop() >= 25.0 > idle_stall
    assert not heartbeat.run_until(lambda: False, timeout_s=0.05)
    heartbeat.stop()


def test_idea_figures_morph_two_bundled_objects_through_blended_decoders():
    from tests.ideas_models import bundled_vae_pair

    start, end = bundled_vae_pair()
    report = run_benchmarks([start, end], repeats=1, only=["morph_10"])
    by_name = {f["name"]: f for f in report["figures"]}
    reimagine = by_name["reimagine_4"]
    assert reimagine["batch"] == 4 and reimagine["median_ms"] > 0
    assert reimagine["median_points"] > 1  # the decoder drew, it did not stop at once
    morph = by_name["morph_10"]
    assert morph["model"] == f"{start.name} -> {end.name}"
    assert morph["blended"] is True and morph["frames"] == 10
    assert morph["median_ms"] > 0


def test_idea_figures_say_why_without_a_vae(tiny_installed):
    report = run_benchmarks([tiny_installed], repeats=1, only=["reimagine_4"])
    by_name = {f["name"]: f for f in report["figures"]}
    assert set(by_name) == {"reimagine_4", "morph_10"}
    assert "no VAE model installed" in by_name["reimagine_4"]["note"]
