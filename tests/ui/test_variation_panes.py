"""Idea panes draw their pictures one pane per event-loop turn, from a cached picture."""

from __future__ import annotations

import numpy as np
import pytest

from doodle.ui.variations import VariationsPanel


def _square(offset: float) -> list[np.ndarray]:
    points = np.array([[0, 0], [50, 0], [50, 50], [0, 50], [0, 0]], np.float32) + offset
    return [points]


@pytest.fixture
def shown_panel(qtbot) -> VariationsPanel:
    panel = VariationsPanel("#7b4dff")
    qtbot.addWidget(panel)
    panel.resize(320, 480)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_new_ideas_render_one_pane_per_turn_and_then_all(qtbot, shown_panel):
    panel = shown_panel
    endings = [_square(10.0 * i) for i in range(panel.count())]
    rendered: list[int] = []
    for index, pane in enumerate(panel.panes()):
        original = pane.render_picture

        def counting(original=original, index=index) -> None:
            rendered.append(index)
            original()

        pane.render_picture = counting
    panel.show_endings(_square(0.0), endings)
    assert rendered == []  # nothing heavy happens inside the result handler itself
    assert panel.is_rendering()
    qtbot.waitUntil(lambda: len(rendered) == panel.count())
    assert rendered == list(range(panel.count()))
    assert not panel.is_rendering()
    first = panel.panes()[0].grab().toImage()
    # The cached picture holds ink: some pixel is neither white nor transparent.
    colours = {
        first.pixel(x, y) for x in range(0, first.width(), 3) for y in range(0, first.height(), 3)
    }
    assert len(colours) > 2


def test_a_panel_closed_before_its_turn_renders_nothing(qtbot):
    panel = VariationsPanel("#7b4dff")
    qtbot.addWidget(panel)
    panel.show_endings(_square(0.0), [_square(5.0)] * panel.count())
    panel.set_count(1)
    qtbot.wait(20)
    assert panel.count() == 1


def test_a_pane_that_already_waits_is_not_repainted_again(qtbot, shown_panel):
    panel = shown_panel
    panel.show_endings(_square(0.0), [_square(5.0)] * panel.count())
    qtbot.waitUntil(lambda: not panel.is_rendering())
    pane = panel.panes()[0]
    painted: list[bool] = []
    original = pane.paintEvent

    def counting(event) -> None:
        painted.append(pane.is_waiting())
        original(event)

    pane.paintEvent = counting
    panel.set_waiting(True)
    qtbot.waitUntil(lambda: painted == [True])
    assert not pane.isEnabled()
    for _ in range(3):  # more strokes while the ideas are still on their way
        panel.set_waiting(True)
        qtbot.wait(30)
    assert painted == [True]
    panel.set_waiting(False)
    qtbot.waitUntil(lambda: painted == [True, False])
    assert pane.isEnabled()
