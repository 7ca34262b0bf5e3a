"""Doodle works offline: no flow opens a network connection, except ``doodle models download``.

A guard replaces every Python entry point to the network (socket connect / connect_ex /
sendto on internet sockets, ``socket.create_connection``, name lookups, and asyncio's
connection and datagram helpers) with one that records the attempt and refuses it. Local
sockets (AF_UNIX: the JACK server, the session bus) are allowed. The guard runs in-process
around the app's main flows and, installed through ``python -c``, around real ``doodle``
commands in subprocesses. Both are shown to catch the one command that does use the network.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from tests.bench.model_factory import write_tiny_model
from tests.shared_data import REPO_ROOT

GUARD_SOURCE = r'''
import asyncio
import os
import socket

class NetworkUsed(AssertionError):
    """Doodle tried to reach the network."""

_NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}
_LOG = os.environ.get("DOODLE_NETWORK_GUARD_LOG")
network_attempts = []

def _refuse(what, target):
    network_attempts.append(f"{what} {target!r}")
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{what} {target!r}\n")
    raise NetworkUsed(f"network access refused: {what} {target!r}")

def _wrap_socket_method(name):
    real = getattr(socket.socket, name)
    def guarded(self, address, *args):
        if self.family in _NETWORK_FAMILIES:
            _refuse(f"socket.{name}", address)
        return real(self, address, *args)
    setattr(socket.socket, name, guarded)

for _name in ("connect", "connect_ex", "sendto"):
    _wrap_socket_method(_name)

def _guarded_create_connection(address, *args, **kwargs):
    _refuse("socket.create_connection", address)

def _guarded_getaddrinfo(host, *args, **kwargs):
    _refuse("socket.getaddrinfo", host)

socket.create_connection = _guarded_create_connection
socket.getaddrinfo = _guarded_getaddrinfo
socket.gethostbyname = lambda host: _refuse("socket.gethostbyname", host)

async def _guarded_loop_call(self, *args, **kwargs):
    _refuse("asyncio event loop connection", args[1:3] or kwargs)

for _name in ("create_connection", "create_datagram_endpoint", "sock_connect", "getaddrinfo"):
    setattr(asyncio.base_events.BaseEventLoop, _name, _guarded_loop_call)
'''

NETWORK_GUARD_TAG = "offline-guard"


def _install_guard(monkeypatch) -> dict:
    """Run the guard source with every patch going through ``monkeypatch`` (undone after)."""
    import asyncio
    import socket

    patched: dict = {}
    originals = {
        (socket.socket, name): getattr(socket.socket, name)
        for name in ("connect", "connect_ex", "sendto")
    }
    originals.update(
        {
            (socket, name): getattr(socket, name)
            for name in ("create_connection", "getaddrinfo", "gethostbyname")
        }
    )
    originals.update(
        {
            (asyncio.base_events.BaseEventLoop, name): getattr(
                asyncio.base_events.BaseEventLoop, name
            )
            for name in (
                "create_connection",
                "create_datagram_endpoint",
                "sock_connect",
                "getaddrinfo",
            )
        }
    )
    exec(compile(GUARD_SOURCE, NETWORK_GUARD_TAG, "exec"), patched)  # noqa: S102
    for (owner, name), original in originals.items():
        replacement = getattr(owner, name)
        setattr(owner, name, original)
        monkeypatch.setattr(owner, name, replacement)  # undone after the test
    return patched


@pytest.fixture
def network_guard(monkeypatch):
    guard = _install_guard(monkeypatch)
    yield guard
    assert guard["network_attempts"] == [], guard["network_attempts"]


def test_the_guard_refuses_internet_sockets_and_lookups(monkeypatch):
    import socket

    guard = _install_guard(monkeypatch)
    with pytest.raises(guard["NetworkUsed"]):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(guard["NetworkUsed"]):
        socket.getaddrinfo("example.org", 443)
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as raw,
        pytest.raises(guard["NetworkUsed"]),
    ):
        raw.connect(("127.0.0.1", 9))
    # Local sockets stay usable.
    left, right = socket.socketpair(socket.AF_UNIX)
    left.sendall(b"ok")
    assert right.recv(2) == b"ok"
    left.close()
    right.close()
    assert len(guard["network_attempts"]) == 3


def test_the_guard_catches_the_download_command(monkeypatch):
    from doodle.engine.download import download_model

    guard = _install_guard(monkeypatch)
    with pytest.raises(guard["NetworkUsed"]):
        download_model("bear", base="https://storage.example.org/sketch-rnn", timeout=2)
    assert guard["network_attempts"]


def _melody_model_available() -> bool:
    from doodle.core.errors import ModelError
    from doodle.music.model import MelodyModel

    try:
        MelodyModel()
    except ModelError:
        return False
    return True


def test_main_flows_never_touch_the_network(qtbot, network_guard, tmp_path):
    from doodle import paths
    from doodle.bench.tablet import draw_stroke
    from doodle.config import load_settings
    from doodle.core.fileformat import load_drawing
    from doodle.engine.recognize import Recognizer, load_classifier
    from doodle.engine.registry import ModelRegistry
    from doodle.export.formats import export_drawings
    from doodle.music.synth import Synth
    from doodle.ui.app import build_window
    from doodle.ui.classroom import ClassroomTools
    from doodle.ui.music_controls import MusicControls

    write_tiny_model(paths.user_models_dir(), "tiny")
    window = build_window(load_settings())
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    window.set_active_model("tiny")
    rng = np.random.default_rng(0)
    for _ in range(4):
        draw_stroke(window.canvas.viewport(), rng.uniform(150, 450, 2) + rng.normal(0, 20, (15, 2)))
    with qtbot.waitSignal(window.draw_along.completion_ready, timeout=20_000):
        window.request_completion()
    window.keep_completion()
    with qtbot.waitSignal(window.draw_along.variations_ready, timeout=20_000):
        window.request_variations()
    with qtbot.waitSignal(window.draw_along.hint_ready, timeout=20_000):
        window.request_hint()
    guesses = Recognizer(ModelRegistry(), load_classifier()).guess(
        [stroke.xy for stroke in window.document.strokes]
    )
    assert guesses

    drawing = window.document.drawing
    saved = window.findChild(ClassroomTools).autosaver.last_outcome.path
    assert load_drawing(saved).strokes == drawing.strokes
    for fmt in ("png", "svg", "gif", "pdf", "ndjson", "sheet"):
        (written,) = export_drawings([("mine", drawing)], fmt, tmp_path / "export")
        assert written.stat().st_size > 0

    controls = window.findChild(MusicControls)
    if _melody_model_available():
        from doodle.music.render import write_audio, write_midi

        controls.set_music_on(True)
        draw_stroke(window.canvas.viewport(), rng.uniform(150, 450, (10, 2)))
        qtbot.wait(500)
        controls.set_music_on(False)
        strokes = [stroke.points for stroke in drawing.strokes]
        assert write_midi(tmp_path / "tune.mid", seconds=None, seed=0, strokes=strokes) > 0
        assert write_audio(tmp_path / "tune.wav", seconds=3.0, seed=0) > 0
    else:
        # Without the melody model the synth still renders notes (the music flow's last step).
        synth = Synth()
        synth.note_on(60, 100)
        assert np.abs(synth.render(2048)).max() > 0


def _guarded_command(args: list[str], env: dict[str, str], log: Path, timeout: float = 120):
    code = (
        GUARD_SOURCE
        + "\nimport sys\nfrom doodle.cli import main\nsys.argv = ['doodle', *"
        + json.dumps(args)
        + "]\nsys.exit(main(sys.argv[1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=dict(env, DOODLE_NETWORK_GUARD_LOG=str(log)),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def child_env(tmp_path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    models = Path(env["DOODLE_DATA_DIR"]) / "models"
    write_tiny_model(models, "tiny")
    return env


@pytest.mark.slow
def test_doodle_commands_in_a_guarded_subprocess(child_env, tmp_path):
    from doodle.core.drawing import Drawing
    from doodle.core.fileformat import save_drawing

    drawing = Drawing(object_name="tiny")
    drawing.add(drawing.new_stroke(np.array([[10, 10, 1, 0], [60, 40, 1, 0.1]], np.float32)))
    drawing_file = tmp_path / "mine.doodle"
    save_drawing(drawing_file, drawing)
    log = tmp_path / "network.log"
    commands = [
        ["models", "list"],
        ["export", str(drawing_file), "--format", "png", "--out", str(tmp_path / "out")],
        ["export", str(drawing_file), "--format", "pdf", "--out", str(tmp_path / "out")],
        [
            "bench",
            "--only",
            "decoder_step",
            "--only",
            "completion_250",
            "--model",
            "tiny",
            "--repeats",
            "1",
        ],
    ]
    if _melody_model_available():
        commands.append(["music", "render", "--out", str(tmp_path / "tune.mid"), "--seconds", "3"])
    for args in commands:
        result = _guarded_command(args, child_env, log)
        assert result.returncode == 0, (args, result.stderr[-2000:])
        assert not log.exists(), (args, log.read_text())

    # The app itself: start, paint, draw along for a few seconds, then stop.
    code = GUARD_SOURCE + "\nimport sys\nfrom doodle.cli import main\nsys.exit(main([]))\n"
    app = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=dict(child_env, DOODLE_NETWORK_GUARD_LOG=str(log), DOODLE_REPORT_FIRST_PAINT="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = app.stdout.readline()
        assert line.startswith("doodle-first-paint"), line
        time.sleep(3)
        assert app.poll() is None
    finally:
        app.terminate()
        _, stderr = app.communicate(timeout=30)
    assert not log.exists(), log.read_text()
    assert "NetworkUsed" not in stderr

    # The one command that needs the network is caught by the same guard.
    result = _guarded_command(["models", "download", "bear"], child_env, log)
    assert result.returncode != 0
    assert log.exists() and "storage.googleapis.com" in log.read_text()


NETWORK_MODULES = (
    "socket",
    "urllib",
    "http.client",
    "requests",
    "httpx",
    "aiohttp",
    "smtplib",
    "ftplib",
    "websocket",
    "PySide6.QtNetwork",
    "QNetworkAccessManager",
)
MAY_USE_THE_NETWORK = {"doodle/engine/download.py"}


def test_only_the_download_module_names_a_network_library():
    """No Doodle module but the downloader imports a network library (Qt's C++ networking
    would bypass the socket guard, so this checks the source)."""
    offenders = {}
    for path in sorted((REPO_ROOT / "doodle").rglob("*.py")):
        relative = path.relative_to(REPO_ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        imports = [
            line.strip()
            for line in text.splitlines()
            if line.lstrip().startswith(("import ", "from "))
            and any(module in line for module in NETWORK_MODULES)
        ]
        if imports and relative not in MAY_USE_THE_NETWORK:
            offenders[relative] = imports
    assert offenders == {}
    assert "urllib" in (REPO_ROOT / "doodle/engine/download.py").read_text(encoding="utf-8")
