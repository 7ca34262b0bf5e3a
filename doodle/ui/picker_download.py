""" "More objects…": download one of Magenta's published sketch models, for grown-ups.

Behind the teacher PIN when one is set. The list shows the published names not installed
yet; the download runs in the worker (channel ``download``) with a ``QProgressDialog`` whose
Cancel stops it, and ``doodle.engine.download`` makes sure a failed or stopped download
leaves nothing half-installed. This is the only network use of the app, and only on request.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from doodle.config import Settings
from doodle.engine import download
from doodle.engine.registry import ModelRegistry
from doodle.ui.pin import confirm_teacher
from doodle.ui.workers import InferenceWorker

DOWNLOAD_CHANNEL = "download"


class _ProgressRelay(QObject):
    """Carries progress from the download job to the dialog (queued across threads)."""

    progressed = Signal(int, int)  # bytes received, total bytes (-1 when unknown)


class ModelDownloadDialog(QDialog):
    """Pick a published object and download it; ``installed`` lists what arrived."""

    def __init__(
        self,
        worker: InferenceWorker,
        registry: ModelRegistry,
        base_url: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("More objects"))
        self.worker = worker
        self.base_url = base_url
        self.installed: list[str] = []
        self.error_message = ""
        self._progress: QProgressDialog | None = None
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._on_relay_progressed)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Choose an object to download from the internet (Magenta's sketch-rnn models). "
                "Nothing else is sent or fetched."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Search"))
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        layout.addWidget(self.filter_edit)
        self.list_widget = QListWidget()
        installed = {info.name for info in registry.list()}
        self.list_widget.addItems([n for n in download.PUBLISHED_MODELS if n not in installed])
        layout.addWidget(self.list_widget, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.download_button = buttons.addButton(
            self.tr("Download"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.download_button.clicked.connect(self._on_download_button_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        worker.result_ready.connect(self._on_worker_result_ready)
        worker.job_failed.connect(self._on_worker_job_failed)
        self.resize(420, 480)

    def start_download(self, name: str) -> None:
        """Download ``name`` in the worker, showing progress."""
        relay = self._relay
        base = self.base_url

        def job(state) -> str:
            def progress(received: int, total: int | None) -> None:
                relay.progressed.emit(received, -1 if total is None else total)

            info = download.download_model(name, base, progress=progress, cancel=state.is_cancelled)
            return info.name

        self._progress = QProgressDialog(
            self.tr("Downloading %1…").replace("%1", name), self.tr("Stop"), 0, 0, self
        )
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(0)
        self._progress.canceled.connect(self._on_progress_canceled)
        self.download_button.setEnabled(False)
        self.worker.submit(DOWNLOAD_CHANNEL, job)
        self._progress.show()

    def _finish_progress(self) -> None:
        self.download_button.setEnabled(True)
        if self._progress is not None:
            self._progress.canceled.disconnect(self._on_progress_canceled)
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _on_filter_edit_text_changed(self, text: str) -> None:
        needle = text.strip().lower().replace(" ", "_")
        for row in range(self.list_widget.count()):
            item = self.list_widget.item(row)
            item.setHidden(needle not in item.text())

    def _on_download_button_clicked(self) -> None:
        item = self.list_widget.currentItem()
        if item is not None and not item.isHidden():
            self.start_download(item.text())

    def _on_relay_progressed(self, received: int, total: int) -> None:
        if self._progress is None:
            return
        if total > 0:
            self._progress.setMaximum(total)
            self._progress.setValue(min(received, total))

    def _on_progress_canceled(self) -> None:
        self.worker.cancel(DOWNLOAD_CHANNEL)
        self._finish_progress()

    def _on_worker_result_ready(self, channel: str, result: object) -> None:
        if channel != DOWNLOAD_CHANNEL:
            return
        self._finish_progress()
        name = str(result)
        self.installed.append(name)
        for item in self.list_widget.findItems(name, Qt.MatchFlag.MatchExactly):
            self.list_widget.takeItem(self.list_widget.row(item))

    def _on_worker_job_failed(self, channel: str, error: object) -> None:
        if channel != DOWNLOAD_CHANNEL:
            return
        self._finish_progress()
        self.error_message = str(error)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Download failed"),
            self.error_message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()


def make_downloader(
    registry: ModelRegistry, settings: Callable[[], Settings]
) -> Callable[[QWidget], list[str]]:
    """The picker's "More objects…" action: PIN check, then the download dialog.

    The dialog has a worker of its own, so a failed download is reported once, in the
    dialog, and never as a drawing problem in the main window.
    """

    def run(parent: QWidget) -> list[str]:
        current = settings()
        if not confirm_teacher(
            parent,
            current,
            QCoreApplication.translate(
                "picker_download", "Downloading new objects is for grown-ups."
            ),
        ):
            return []
        base = download.base_url(None, current.models_url)
        worker = InferenceWorker()
        dialog = ModelDownloadDialog(worker, registry, base_url=base, parent=parent)
        try:
            dialog.exec()
            return list(dialog.installed)
        finally:
            worker.shutdown()
            worker.deleteLater()
            dialog.deleteLater()

    return run
