"""A local HTTP server for the download tests, serving the shared Magenta model files.

``/ok/NAME`` serves the file; ``/drop/`` resets the connection half-way; ``/short/`` announces
the full length but sends half and closes; ``/corrupt/`` sends a damaged file; anything else
is a 404. Skips (through ``require_shared``) when the shared data is absent.
"""

from __future__ import annotations

import http.server
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.shared_data import require_shared


class MagentaFileHandler(http.server.BaseHTTPRequestHandler):
    """``/ok/NAME`` serves the file; ``/drop/`` resets the connection half-way; ``/short/``
    announces the full length but sends half and closes; ``/corrupt/`` sends a damaged file."""

    root: Path

    def log_message(self, *args: object) -> None:
        return

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        _, mode, name = self.path.split("/", 2)
        file = self.root / name
        if mode not in ("ok", "drop", "short", "corrupt") or not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes()
        if mode == "corrupt":
            body = body[:1000] + b"}" * 10 + body[1010:]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if mode in ("ok", "corrupt"):
            self.wfile.write(body)
            return
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        if mode == "drop":
            # An abortive close (RST), as when a network link goes down.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True


@contextmanager
def serving_magenta_files() -> Iterator[str]:
    """The base URL of a server on this machine for the files beside ``bear.gen.json``."""
    magenta = require_shared("magenta", "bear.gen.json").parent
    handler = type("Handler", (MagentaFileHandler,), {"root": magenta})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
