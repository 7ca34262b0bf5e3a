"""Download more objects: Magenta's published sketch-rnn models, fetched by class name.

This is the only place Doodle uses the network, and only when someone asks for a model
(``doodle models download NAME`` or the picker's "More objects"). The file is fetched to a
temporary folder, its length is checked against ``Content-Length``, and it is imported with
the Magenta importer, which parses every weight and renames the finished folder into place:
a 404, a dropped connection, a cut-short or corrupt file each raise ``DownloadError`` with a
clear message and leave nothing half-installed. The base URL comes from ``--base-url``, the
``DOODLE_MODELS_URL`` environment variable, the ``models_url`` setting, or the default below.
Imports no Qt.
"""

from __future__ import annotations

import http.client
import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from doodle import paths
from doodle.core.errors import DoodleError, DoodleFormatError
from doodle.engine.contract import ModelInfo
from doodle.engine.magenta import MAX_FILE_BYTES, NAME_PATTERN, import_magenta

DEFAULT_BASE_URL = "https://storage.googleapis.com/quickdraw-models/sketchRNN/large_models/"
BASE_URL_ENV = "DOODLE_MODELS_URL"
CHUNK_BYTES = 64 * 1024
TIMEOUT_SECONDS = 30.0

# The decoder-only models Magenta publishes under large_models (one ``<name>.gen.json`` each).
PUBLISHED_MODELS = (
    "alarm_clock ambulance angel ant antyoga backpack barn basket bear bee beeflower bicycle "
    "bird book brain bridge bulldozer bus butterfly cactus calendar castle cat catbus catpig "
    "chair couch crab crabchair crabrabbitfacepig cruise_ship diving_board dog dogbunny dolphin "
    "duck elephant elephantpig everything eye face fan fire_hydrant firetruck flamingo flower "
    "floweryoga frog frogsofa garden hand hedgeberry hedgehog helicopter kangaroo key lantern "
    "lighthouse lion lionsheep lobster map mermaid monapassport monkey mosquito octopus owl "
    "paintbrush palm_tree parrot passport peas penguin pig pigsheep pineapple pool postcard "
    "power_outlet rabbit rabbitturtle radio radioface rain rhinoceros rifle roller_coaster "
    "sandwich scorpion sea_turtle sheep skull snail snowflake speedboat spider squirrel steak "
    "stove strawberry swan swing_set the_mona_lisa tiger toothbrush toothpaste tractor trombone "
    "truck whale windmill yoga yogabicycle"
).split()

ProgressCallback = Callable[[int, int | None], None]
"""Called with (bytes received, total bytes or None when the server does not say)."""


class DownloadError(DoodleError):
    """A download failed; the message says why, and nothing was installed."""


class DownloadCancelled(DownloadError):
    """The user stopped the download."""


def base_url(override: str | None = None, setting: str | None = None) -> str:
    """``override`` (``--base-url``), else ``$DOODLE_MODELS_URL``, else the ``models_url``
    setting, else Magenta's published folder."""
    chosen = override or os.environ.get(BASE_URL_ENV) or setting or DEFAULT_BASE_URL
    return chosen if chosen.endswith("/") else chosen + "/"


def model_url(name: str, base: str | None = None) -> str:
    return urllib.parse.urljoin(base_url(base), urllib.parse.quote(f"{name}.gen.json"))


def check_name(name: str) -> str:
    """The class name, or ``DownloadError`` when it cannot be a model name."""
    if not NAME_PATTERN.match(name) or " " in name:
        raise DownloadError(
            f"{name!r} is not a model name (use letters, digits, '_' or '-', e.g. 'palm_tree')"
        )
    return name


def _fetch(
    url: str,
    target: Path,
    progress: ProgressCallback | None,
    cancel: Callable[[], bool] | None,
    timeout: float,
) -> int:
    """Stream ``url`` into ``target``; returns the byte count, raises ``DownloadError``."""
    try:
        response = urllib.request.urlopen(url, timeout=timeout)  # noqa: S310 (http/https only)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise DownloadError(f"no model at {url} (HTTP 404: not found)") from None
        raise DownloadError(
            f"the server refused {url} (HTTP {error.code} {error.reason})"
        ) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        raise DownloadError(f"cannot reach {url} ({reason})") from None
    with response:
        length_header = response.headers.get("Content-Length")
        total = int(length_header) if length_header and length_header.isdigit() else None
        if total is not None and total > MAX_FILE_BYTES:
            raise DownloadError(f"{url} is {total} bytes, more than a model can be")
        received = 0
        if progress is not None:
            progress(0, total)
        with target.open("wb") as file:
            while True:
                if cancel is not None and cancel():
                    raise DownloadCancelled(f"download of {url} was stopped")
                try:
                    chunk = response.read(CHUNK_BYTES)
                except http.client.IncompleteRead as error:
                    received += len(error.partial)
                    raise DownloadError(
                        f"the connection dropped while downloading {url} "
                        f"(got {received} of {total} bytes)"
                    ) from None
                except (OSError, http.client.HTTPException) as error:
                    raise DownloadError(
                        f"the connection dropped while downloading {url} after {received} "
                        f"bytes ({error})"
                    ) from None
                if not chunk:
                    break
                received += len(chunk)
                if received > MAX_FILE_BYTES:
                    raise DownloadError(f"{url} is larger than a model can be")
                file.write(chunk)
                if progress is not None:
                    progress(received, total)
    if total is not None and received != total:
        raise DownloadError(f"the download of {url} was cut short: got {received} of {total} bytes")
    if received == 0:
        raise DownloadError(f"{url} sent an empty file")
    return received


def download_model(
    name: str,
    base: str | None = None,
    models_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    cancel: Callable[[], bool] | None = None,
    replace: bool = False,
    timeout: float = TIMEOUT_SECONDS,
) -> ModelInfo:
    """Fetch ``<base>/<name>.gen.json`` and install it as a user model; returns its info.

    Raises ``DownloadError`` (network, HTTP, incomplete or corrupt file, already installed
    and ``replace`` false). On any failure the models folder is left as it was.
    """
    check_name(name)
    models_dir = models_dir if models_dir is not None else paths.user_models_dir()
    if (models_dir / name).exists() and not replace:
        raise DownloadError(f"a model named {name!r} is already installed")
    url = model_url(name, base)
    staging = Path(tempfile.mkdtemp(prefix=".download-", dir=paths.cache_dir()))
    try:
        file = staging / f"{name}.gen.json"
        _fetch(url, file, progress, cancel, timeout)
        try:
            return import_magenta(file, models_dir, name=name, replace=replace)
        except DoodleFormatError as error:
            raise DownloadError(
                f"the file from {url} is not a usable sketch model ({error.problem})"
            ) from None
        except FileExistsError as error:
            raise DownloadError(str(error)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class TextProgress:
    """A one-line text progress bar for the command line (``[#####.....]  42% 1.2/2.9 MB``)."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._last = ""

    def __call__(self, received: int, total: int | None) -> None:
        megabytes = f"{received / 1e6:.1f}"
        if total:
            done = min(self.WIDTH, received * self.WIDTH // total)
            bar = "#" * done + "." * (self.WIDTH - done)
            line = f"[{bar}] {received * 100 // total:3d}% {megabytes}/{total / 1e6:.1f} MB"
        else:
            line = f"{megabytes} MB"
        if line != self._last:
            self.stream.write("\r" + line)
            self.stream.flush()
            self._last = line
