"""Downloading Magenta models from a local HTTP server: success, 404, drops, cut-short files."""

from __future__ import annotations

import socket

import pytest

from doodle import paths
from doodle.engine.download import (
    DownloadCancelled,
    DownloadError,
    base_url,
    download_model,
    model_url,
)
from doodle.engine.registry import ModelRegistry
from tests.model_server import serving_magenta_files
from tests.shared_data import require_shared


@pytest.fixture(scope="module")
def server():
    with serving_magenta_files() as url:
        yield url


@pytest.fixture(autouse=True)
def no_bundled_models(tmp_path, monkeypatch):
    """Only downloaded models are installed, so "installed" below means downloaded."""
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(tmp_path / "no-bundled-models"))


def _assert_nothing_left(name: str) -> None:
    models = paths.user_models_dir()
    assert not (models / name).exists()
    assert [p.name for p in models.iterdir()] == []
    assert not list(paths.cache_dir().glob(".download-*"))


def test_base_url_from_argument_environment_or_default(monkeypatch):
    monkeypatch.delenv("DOODLE_MODELS_URL", raising=False)
    assert base_url().startswith("https://storage.googleapis.com/quickdraw-models/")
    monkeypatch.setenv("DOODLE_MODELS_URL", "http://school.example/models")
    assert base_url() == "http://school.example/models/"
    assert model_url("palm_tree", "http://x/y") == "http://x/y/palm_tree.gen.json"


def test_download_installs_a_working_model(server):
    seen: list[tuple[int, int | None]] = []
    info = download_model("bear", base=f"{server}/ok", progress=lambda r, t: seen.append((r, t)))
    assert info.name == "bear" and info.kind == "gen"
    assert "bear" in ModelRegistry()
    total = (require_shared("magenta", "bear.gen.json")).stat().st_size
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [r for r, _ in seen] == sorted(r for r, _ in seen)
    assert not list(paths.cache_dir().glob(".download-*"))
    with pytest.raises(DownloadError, match="already installed"):
        download_model("bear", base=f"{server}/ok")


@pytest.mark.parametrize(
    ("name", "mode", "message"),
    [
        ("unicorn", "ok", "HTTP 404"),
        ("bear", "drop", "dropped|cut short"),
        ("bear", "short", r"got \d+ of \d+ bytes"),
        ("bear", "corrupt", "not a usable sketch model"),
    ],
    ids=["not-found", "connection-dropped-mid-file", "truncated-file", "corrupt-file"],
)
def test_a_failed_download_says_why_and_leaves_nothing(server, name, mode, message):
    with pytest.raises(DownloadError, match=message):
        download_model(name, base=f"{server}/{mode}")
    _assert_nothing_left(name)


def test_unreachable_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(DownloadError, match="cannot reach"):
        download_model("bear", base=f"http://127.0.0.1:{port}/", timeout=5)
    _assert_nothing_left("bear")


def test_cancel_stops_and_leaves_nothing(server):
    with pytest.raises(DownloadCancelled):
        download_model("bear", base=f"{server}/ok", cancel=lambda: True)
    _assert_nothing_left("bear")


def test_bad_names_are_refused_before_any_request():
    with pytest.raises(DownloadError, match="not a model name"):
        download_model("../etc/passwd", base="http://127.0.0.1:9/")


def test_cli_download_list_success_and_404(server, capsys):
    from doodle.cli import main

    assert main(["models", "download", "--list"]) == 0
    assert "palm_tree" in capsys.readouterr().out.split()
    assert main(["models", "download", "unicorn", "--base-url", f"{server}/ok"]) == 1
    assert "HTTP 404" in capsys.readouterr().err
    assert main(["models", "download", "bear", "--base-url", f"{server}/ok"]) == 0
    captured = capsys.readouterr()
    assert "100%" in captured.err and "installed 'bear'" in captured.out
    assert "bear" in ModelRegistry()


def test_the_models_url_setting_is_used_when_nothing_overrides_it(server, monkeypatch, capsys):
    import json

    from doodle.cli import main

    monkeypatch.delenv("DOODLE_MODELS_URL", raising=False)
    assert base_url(None, "http://school.example/m") == "http://school.example/m/"
    assert base_url("http://cli.example/", "http://school.example/m") == "http://cli.example/"
    config = paths.user_config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps({"models_url": f"{server}/ok"}))
    assert main(["models", "download", "key"]) == 0
    assert f"{server}/ok/key.gen.json" in capsys.readouterr().err
