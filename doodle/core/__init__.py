"""Strokes, units and file formats: pure numpy, imports no Qt."""
