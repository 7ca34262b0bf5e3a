"""Doodle: an offline drawing app for children where a Sketch-RNN draws along."""

__version__ = "0.1.0"
