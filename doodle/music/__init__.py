"""Melody model runtime, drawing-driven generator, MIDI out and built-in synth; imports no Qt."""
