"""Everything Qt: main window, canvas, panes, picker, settings, workers, audio sink."""

from doodle.export._none_refcount import protect_none

# PySide6 6.12 on Python 3.11 releases references to None/True/False it never took; this must
# run before the first Qt call of the app or of the UI tests.
protect_none()
