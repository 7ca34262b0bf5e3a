""" "More objects…": the download dialog against a local HTTP server, and the PIN gate."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from doodle import paths
from doodle.config import Settings, hash_pin
from doodle.engine.registry import ModelRegistry
from doodle.ui.picker_download import ModelDownloadDialog, make_downloader
from doodle.ui.workers import InferenceWorker
from tests.model_server import serving_magenta_files

TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def server():
    with serving_magenta_files() as url:
        yield url


@pytest.fixture(autouse=True)
def no_bundled_models(tmp_path, monkeypatch):
    """Only downloaded models are installed, so "installed" below means downloaded."""
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(tmp_path / "no-bundled-models"))


@pytest.fixture
def worker(qtbot):
    worker = InferenceWorker()
    yield worker
    worker.shutdown()


def test_download_dialog_installs_the_chosen_object(qtbot, server, worker):
    dialog = ModelDownloadDialog(worker, ModelRegistry(), base_url=f"{server}/ok")
    qtbot.addWidget(dialog)
    dialog.filter_edit.setText("palm")
    visible = [
        dialog.list_widget.item(i).text()
        for i in range(dialog.list_widget.count())
        if not dialog.list_widget.item(i).isHidden()
    ]
    assert visible == ["palm_tree"]
    exact = Qt.MatchFlag.MatchExactly
    dialog.list_widget.setCurrentItem(dialog.list_widget.findItems("palm_tree", exact)[0])
    with qtbot.waitSignal(worker.result_ready, timeout=TIMEOUT_MS):
        dialog.download_button.click()
    assert dialog.installed == ["palm_tree"]
    assert "palm_tree" in ModelRegistry()
    assert not dialog.list_widget.findItems("palm_tree", exact)
    assert dialog.download_button.isEnabled()


def test_failed_download_says_why_and_installs_nothing(qtbot, server, worker):
    dialog = ModelDownloadDialog(worker, ModelRegistry(), base_url=f"{server}/short")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(worker.job_failed, timeout=TIMEOUT_MS):
        dialog.start_download("bear")
    assert dialog.installed == []
    assert "cut short" in dialog.error_message
    assert not (paths.user_models_dir() / "bear").exists()


def test_more_objects_asks_for_the_teacher_pin(qtbot, monkeypatch):
    asked = []

    def refuse(parent, settings, reason):
        asked.append(settings.pin_required)
        return False

    monkeypatch.setattr("doodle.ui.picker_download.confirm_teacher", refuse)
    settings = Settings(teacher_pin_hash=hash_pin("1234"))
    downloader = make_downloader(ModelRegistry(), lambda: settings)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert downloader(parent) == []
    assert asked == [True]
