"""Exports of drawings: PNG, SVG, PDF, ndjson, GIF replay, MIDI; uses QtGui only for painting."""

from doodle.export._none_refcount import protect_none

protect_none()
