"""Words printed with a drawing: the object's name (translated), the child's name and the date.

Object names are translated in the ``"objects"`` context of Qt's translation system (the
source text is the name as an English label: ``palm_tree`` -> ``Palm tree``); only QtCore is
used, so exports and the UI show the same words.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale

from doodle.core.drawing import Drawing, DrawingSnapshot


def english_label(object_name: str) -> str:
    """``palm_tree`` -> ``Palm tree`` (the source text translators see)."""
    words = object_name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def object_label(object_name: str) -> str:
    """The object's name in the installed language."""
    label = english_label(object_name)
    return QCoreApplication.translate("objects", label) if label else ""


def date_text(moment: dt.datetime) -> str:
    """The day a drawing was made, in the installed language's short date format."""
    local = moment.astimezone()
    return QLocale().toString(local.date(), QLocale.FormatType.ShortFormat)


def caption(drawing: Drawing | DrawingSnapshot) -> str:
    """``Bear - Mia - 24/11/2026`` (parts that are unknown are left out)."""
    parts = [
        object_label(drawing.object_name),
        drawing.child_name or "",
        date_text(drawing.created),
    ]
    return " \u2013 ".join(part for part in parts if part)
