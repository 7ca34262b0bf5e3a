"""Everything Qt: main window, canvas, panes, picker, settings, workers, audio sink."""
