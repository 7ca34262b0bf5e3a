"""The main window's layout: readable at 1366x768, adapts to portrait, places for other parts."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QWidget

from doodle.config import Settings
from doodle.ui.widgets import TOUCH_TARGET_PX


def _rect_in_window(window, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def test_landscape_puts_the_ideas_beside_a_big_canvas(window_without_models, qtbot):
    window = window_without_models
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: not window.is_portrait())
    canvas = _rect_in_window(window, window.canvas)
    side = _rect_in_window(window, window.side_pane)
    assert side.left() >= canvas.right()
    assert canvas.width() >= 600 and canvas.height() >= 400
    for widget in (window.tool_bar, window.bottom_bar, window.side_pane):
        assert window.rect().contains(_rect_in_window(window, widget))
    for button in (window.undo_button, window.finish_button, window.clear_button):
        assert button.width() >= TOUCH_TARGET_PX and button.height() >= TOUCH_TARGET_PX


def test_portrait_moves_the_ideas_below_the_canvas(window_without_models, qtbot):
    window = window_without_models
    window.resize(800, 1280)
    qtbot.waitUntil(lambda: window.is_portrait())
    qtbot.wait(50)
    canvas = _rect_in_window(window, window.canvas)
    side = _rect_in_window(window, window.side_pane)
    assert side.top() >= canvas.bottom()
    assert canvas.width() >= 600 and canvas.height() >= 600
    panes = window.variations_panel.panes()
    assert len({pane.y() for pane in panes}) == 1  # one row of six under the canvas
    assert (
        _rect_in_window(window, window.palette).top()
        > _rect_in_window(window, window.undo_button).bottom()
    )  # the colours get their own row

    window.resize(1366, 768)
    qtbot.waitUntil(lambda: not window.is_portrait())
    qtbot.wait(50)
    assert (
        _rect_in_window(window, window.side_pane).left()
        >= _rect_in_window(window, window.canvas).right()
    )


def test_areas_for_other_parts_appear_when_filled(window_without_models):
    window = window_without_models
    adders = {
        window.music_area: window.add_to_music_area,
        window.teacher_area: window.add_to_teacher_area,
        window.ideas_area: window.add_to_ideas_area,
        window.picker_area: window.add_to_picker_area,
    }
    for area, add in adders.items():
        widget = QLabel(f"filled {area.objectName()}")
        add(widget)
        assert area.isVisible() and widget.isVisible()
        assert widget.parent() is area


def test_empty_areas_take_no_room(window_without_models):
    window = window_without_models
    assert not window.music_area.isVisible()
    assert not window.teacher_area.isVisible()
    assert not window.ideas_area.isVisible()
    assert window.picker_area.isVisible()  # it holds the model list from the start


def test_palette_and_brush_sizes_set_the_brush(window_without_models):
    window = window_without_models
    window.palette.swatches()[4].click()
    window.brush_sizes.buttons()[0].click()
    assert window.canvas.brush_color == window.palette.current_color() == "#43a047"
    assert window.canvas.brush_width == window.brush_sizes.current_size() == 4.0


def test_the_rubber_button_switches_the_canvas_to_erasing(window_without_models):
    window = window_without_models
    window.eraser_button.click()
    assert window.canvas.eraser_mode
    window.palette.swatches()[2].click()  # picking a colour means drawing again
    assert not window.canvas.eraser_mode and window.pencil_button.isChecked()


def test_variation_count_setting(window_without_models):
    window = window_without_models
    window.set_variation_count(9)
    assert window.variations_panel.count() == 9
    window.set_variation_count(20)
    assert window.variations_panel.count() == 9
    window.set_variation_count(4)
    assert window.variations_panel.count() == 4


def test_drawing_settings_are_applied(window_without_models):
    window = window_without_models
    window.apply_settings(Settings(idea_panes=3, hints_on=False, pen_only=True))
    assert window.variations_panel.count() == 3
    assert not window.hints_enabled and not window.hint_button.isChecked()
    assert window.canvas.pen_only
    window.apply_settings(Settings())
    assert window.variations_panel.count() == 6
    assert window.hints_enabled and not window.canvas.pen_only


def test_tooltips_stop_saying_nothing_is_installed_once_models_arrive(
    window_without_models, magenta_models_dir
):
    import shutil

    window = window_without_models
    assert "No drawing helpers" in window.hint_button.toolTip()
    assert "No drawing helpers" in window.model_chooser.toolTip()
    user_dir = window.draw_along.registry.user_dir
    shutil.copytree(magenta_models_dir / "bear", user_dir / "bear")
    window.draw_along.refresh_models()
    assert window.draw_along.has_models()
    for widget in (window.hint_button, window.model_chooser, window.finish_button):
        assert "No drawing helpers" not in widget.toolTip()
        assert widget.toolTip()
