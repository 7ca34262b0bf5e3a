"""Exports of drawings: PNG, SVG, PDF, ndjson, GIF replay, MIDI; uses QtGui only for painting."""
