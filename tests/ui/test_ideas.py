"""Play with ideas in the real window: reimagine fills the panes, morph plays and exports, mix.

The models are real ONNX folders: a small decoder-only model "shapes" (what the child draws
along with) and a small random VAE for the same object ("shapes_ideas", class "shapes").
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader

from doodle import paths
from doodle.autosave import DrawingStore
from doodle.config import load_settings
from doodle.core.drawing import Drawing
from doodle.core.fileformat import load_drawing, save_drawing
from doodle.engine import ideas as engine_ideas
from doodle.engine.registry import ModelRegistry
from doodle.ui.app import build_window
from doodle.ui.classroom import ClassroomTools, attach_classroom
from doodle.ui.gallery import GalleryDialog, PathRole
from doodle.ui.ideas import REIMAGINE_COUNT, IdeasPanel, attach_ideas
from doodle.ui.ideas_choose import CHOOSER_THUMBNAIL_PX, drawing_choices
from doodle.ui.main_window import MainWindow
from doodle.ui.morph import MorphDialog
from tests.bench.model_factory import write_tiny_model
from tests.ideas_models import (
    bundled_vae_pair,
    class_name,
    quickdraw_drawings,
    shape_drawing,
    write_random_vae,
)
from tests.ui.windows import show_main_window


def _registry(tmp_path: Path, with_vae: bool = True) -> ModelRegistry:
    bundled, user = tmp_path / "bundled", tmp_path / "user"
    bundled.mkdir()
    write_tiny_model(user, "shapes")
    if with_vae:
        write_random_vae(user, "shapes_ideas", seed=3, class_name="shapes")
    return ModelRegistry(bundled_dir=bundled, user_dir=user)


@pytest.fixture
def saved_folder(tmp_path) -> Path:
    """Two saved drawings (a zigzag and a circle), as the gallery would show them."""
    folder = tmp_path / "saved"
    folder.mkdir()
    rng = np.random.default_rng(5)
    for number, kind in enumerate(("zigzag", "circle")):
        drawing = Drawing(object_name="shapes", child_name=f"Kim {number}")
        for line in shape_drawing(kind, rng):
            drawing.add(drawing.new_stroke(line))
        save_drawing(folder / f"saved-{number}.doodle", drawing)
    return folder


@pytest.fixture
def window(qtbot, tmp_path, saved_folder):
    window = show_main_window(qtbot, MainWindow(_registry(tmp_path)))
    window.ideas = attach_ideas(window, folders=lambda: [saved_folder])
    return window


def _draw_circle(window) -> None:
    for line in shape_drawing("circle", np.random.default_rng(1)):
        window.document.add_stroke(line, "#222222", 4.0)


def _wait_for_panes(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: len(panel.reimagined()) == REIMAGINE_COUNT, timeout=20000)


def test_reimagine_fills_the_panes_from_a_worker_thread(qtbot, window, monkeypatch) -> None:
    panel = window.ideas
    assert panel.parent() is window.ideas_area and panel.isVisible()
    assert not panel.reimagine_button.isEnabled()
    assert "Draw something first" in panel.reimagine_button.toolTip()
    threads = []
    real = engine_ideas.reimagine

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(engine_ideas, "reimagine", recording)
    _draw_circle(window)
    assert panel.reimagine_button.isEnabled()
    qtbot.mouseClick(panel.reimagine_button, Qt.MouseButton.LeftButton)
    assert panel.panes_box.isVisible()
    _wait_for_panes(qtbot, panel)
    assert threads and threads[0] is not threading.main_thread()
    drawings = panel.reimagined()
    assert len({np.concatenate(d).tobytes() for d in drawings}) == REIMAGINE_COUNT
    assert all(pane.isEnabled() for pane in panel.panes)
    # The new drawings stand in for the variation panes until the child goes back.
    assert not window.variations_panel.isVisible()
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert window.variations_panel.isVisible() and not panel.panes_box.isVisible()


def test_a_reimagined_drawing_goes_on_a_new_page_and_the_old_one_stays_saved(qtbot, window) -> None:
    tools = attach_classroom(window, load_settings())
    _draw_circle(window)
    old = window.document.drawing
    old_path = tools.autosaver.last_outcome.path
    qtbot.mouseClick(window.ideas.reimagine_button, Qt.MouseButton.LeftButton)
    _wait_for_panes(qtbot, window.ideas)
    chosen = window.ideas.panes[2].ending()
    with qtbot.waitSignal(window.ideas.page_started):
        qtbot.mouseClick(window.ideas.panes[2], Qt.MouseButton.LeftButton)
    new = window.document.drawing
    assert new is not old and len(old) == 1
    assert [s.author for s in new.strokes] == ["model"] * len(chosen)
    assert new.object_name == "shapes"
    # The same drawing, moved to the middle of the page.
    shift = new.strokes[0].xy[0] - chosen[0][0]
    for stroke, line in zip(new.strokes, chosen, strict=True):
        assert np.allclose(stroke.xy, line + shift, atol=1e-3)
    assert not window.ideas.panes_box.isVisible() and window.variations_panel.isVisible()
    # Both drawings are in the save folder: the child's and the new page (saving may finish
    # on a background thread a moment later).
    store = DrawingStore(tools.autosaver.save_folder)
    qtbot.waitUntil(lambda: len(store.drawings()) == 2, timeout=5000)
    assert old_path in store.drawings()
    assert [s.author for s in load_drawing(old_path).strokes] == ["child"]


def test_ideas_need_a_model_with_an_encoder(qtbot, tmp_path) -> None:
    window = show_main_window(qtbot, MainWindow(_registry(tmp_path, with_vae=False)))
    panel = attach_ideas(window, folders=lambda: [])
    _draw_circle(window)
    for button in (panel.reimagine_button, panel.morph_button, panel.mix_button):
        assert not button.isEnabled()
        assert "cannot do that yet" in button.toolTip()
    assert panel.open_morph() is None


def test_morph_plays_and_exports(qtbot, window) -> None:
    _draw_circle(window)
    qtbot.mouseClick(window.ideas.morph_button, Qt.MouseButton.LeftButton)
    dialog = window.ideas.morph_dialog
    assert dialog is not None and dialog.isVisible()
    # The canvas drawing first, then the saved ones.
    assert dialog.start_chooser.count() == 3
    assert [d.child_name for d in dialog.start_chooser.drawings()[1:]] == ["Kim 1", "Kim 0"]
    dialog.start_chooser.choose(0)
    dialog.end_chooser.choose(2)  # the saved zigzag
    assert not dialog.save_strip_button.isEnabled()
    qtbot.mouseClick(dialog.morph_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.player.frame_count() > 0, timeout=20000)
    assert dialog.player.frame_count() == engine_ideas.DEFAULT_MORPH_FRAMES
    assert dialog.player.is_playing()
    shown = []
    dialog.player.frame_shown.connect(shown.append)
    qtbot.waitUntil(lambda: len(set(shown)) >= 3, timeout=10000)
    assert dialog.strip_label.pixmap().width() == engine_ideas.DEFAULT_MORPH_FRAMES * 72

    strip = dialog.save("png")
    gif = dialog.save("gif")
    exports = load_settings().settings.drawings_folder / "exports"
    assert strip is not None and strip.parent == exports
    image = QImage(str(strip))
    assert (image.width(), image.height()) == (engine_ideas.DEFAULT_MORPH_FRAMES * 160, 160)
    frames = engine_ideas.DEFAULT_MORPH_FRAMES
    assert QImageReader(str(gif)).imageCount() == 2 * frames - 2  # there and back again
    dialog.accept()
    assert window.ideas.morph_dialog is None


def test_mix_hides_behind_the_fold_and_puts_its_result_on_a_new_page(qtbot, window) -> None:
    panel = window.ideas
    _draw_circle(window)
    assert not panel.mix_button.isVisible()
    qtbot.mouseClick(panel.more_toggle, Qt.MouseButton.LeftButton)
    assert panel.mix_button.isVisible() and panel.mix_button.isEnabled()
    qtbot.mouseClick(panel.mix_button, Qt.MouseButton.LeftButton)
    dialog = panel.mix_dialog
    assert dialog is not None
    for chooser, index in zip(dialog.choosers, (0, 1, 2), strict=True):
        chooser.choose(index)
    qtbot.mouseClick(dialog.mix_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(p.has_ending() for p in dialog.panes), timeout=20000)
    chosen = dialog.panes[0].ending()
    old = window.document.drawing
    qtbot.mouseClick(dialog.panes[0], Qt.MouseButton.LeftButton)
    assert window.document.drawing is not old
    assert len(window.document.drawing) == len([line for line in chosen if len(line)])
    assert panel.mix_dialog is None


def test_choices_list_the_canvas_drawing_once_and_the_newest_saved_ones(qtbot, saved_folder):
    canvas = Drawing(object_name="shapes")
    for line in shape_drawing("circle", np.random.default_rng(9)):
        canvas.add(canvas.new_stroke(line, "#e53935"))
    save_drawing(saved_folder / "autosaved-copy.doodle", canvas)  # as the autosave keeps it
    choices = drawing_choices(canvas, [saved_folder], "My drawing")
    assert [c.caption for c in choices] == ["My drawing", "Kim 1", "Kim 0"]
    assert choices[0].drawing is canvas
    image = choices[0].icon.pixmap(CHOOSER_THUMBNAIL_PX).toImage()
    reds = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).red() > 180 and image.pixelColor(x, y).green() < 120
    )
    assert reds > 20  # the thumbnail shows the strokes in their own colour
    assert drawing_choices(Drawing(), [], "My drawing") == []


def test_morph_dialog_explains_what_is_missing(qtbot) -> None:
    dialog = MorphDialog(load_settings().settings, [], "#1e88e5")
    qtbot.addWidget(dialog)
    assert not dialog.morph_button.isEnabled()
    assert "Draw something first" in dialog.message_label.text()
    dialog.show_frames([[], []])  # a model that drew nothing at all
    assert dialog.frames() == [] and dialog.player.frame_count() == 0
    assert "could not morph" in dialog.message_label.text()
    assert not dialog.save_strip_button.isEnabled() and dialog.save("png") is None


def _drawing(object_name: str, lines: list[np.ndarray], child: str | None = None) -> Drawing:
    drawing = Drawing(object_name=object_name, child_name=child)
    for line in lines:
        drawing.add(drawing.new_stroke(np.asarray(line, np.float32)))
    return drawing


def _same_drawing(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(
        x.shape == y.shape and np.allclose(x, y, atol=1e-4) for x, y in zip(a, b, strict=True)
    )


def _wait_for_morph(qtbot, dialog: MorphDialog) -> None:
    qtbot.waitUntil(lambda: dialog.player.frame_count() > 0, timeout=30000)


def test_gallery_morphs_the_two_drawings_picked_there(qtbot, window, saved_folder) -> None:
    gallery = GalleryDialog(load_settings().settings, [saved_folder], parent=window)
    qtbot.addWidget(gallery)
    window.ideas.offer_morph_in(gallery)
    gallery.open()
    assert gallery.morph_button.isVisible() and not gallery.morph_button.isEnabled()
    gallery.grid.item(0).setSelected(True)
    gallery.grid.item(1).setSelected(True)
    picked = [load_drawing(gallery.grid.item(row).data(PathRole)) for row in (0, 1)]
    qtbot.mouseClick(gallery.morph_button, Qt.MouseButton.LeftButton)
    assert not gallery.isVisible()
    dialog = window.ideas.morph_dialog
    assert dialog is not None and dialog.isVisible()
    start, end = dialog.start_chooser.chosen_drawing(), dialog.end_chooser.chosen_drawing()
    assert [start.child_name, end.child_name] == [d.child_name for d in picked]
    # Each saved drawing is offered once, the picked ones first.
    assert [d.child_name for d in dialog.start_chooser.drawings()] == [d.child_name for d in picked]
    _wait_for_morph(qtbot, dialog)  # the morph starts without another click
    assert dialog.player.frame_count() == engine_ideas.DEFAULT_MORPH_FRAMES
    assert dialog.player.is_playing() and dialog.message_label.text() == ""
    expected = engine_ideas.morph(
        [np.asarray(s.xy) for s in picked[0].strokes],
        [np.asarray(s.xy) for s in picked[1].strokes],
        window.draw_along.registry.get("shapes_ideas"),
    )
    frames = dialog.frames()
    assert all(_same_drawing(a, b) for a, b in zip(frames, expected, strict=True))


def test_gallery_offers_no_morph_without_a_model_with_an_encoder(qtbot, tmp_path) -> None:
    window = show_main_window(qtbot, MainWindow(_registry(tmp_path, with_vae=False)))
    panel = attach_ideas(window, folders=lambda: [])
    gallery = GalleryDialog(load_settings().settings, [tmp_path], parent=window)
    qtbot.addWidget(gallery)
    panel.offer_morph_in(gallery)
    gallery.show()
    assert not gallery.morph_button.isVisible()


def test_the_app_s_gallery_morphs_two_saved_drawings(qtbot) -> None:
    loaded = load_settings()
    folder = loaded.settings.drawings_folder
    rng = np.random.default_rng(2)
    start_info, end_info = bundled_vae_pair()
    for number, info in enumerate((start_info, end_info)):
        drawing = _drawing(class_name(info), shape_drawing("circle", rng), f"Kim {number}")
        save_drawing(folder / f"saved-{number}.doodle", drawing)
    window = build_window(loaded)  # every part attached, as the app does
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    tools = window.findChild(ClassroomTools)
    gallery = tools.open_gallery()
    assert gallery.morph_button.isVisible()
    gallery.grid.selectAll()
    assert gallery.grid.count() == 2 and gallery.morph_button.isEnabled()
    qtbot.mouseClick(gallery.morph_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(IdeasPanel).morph_dialog
    assert dialog is not None and dialog.isVisible()
    assert {d.object_name for d in (dialog.start_chooser.chosen_drawing(),
                                    dialog.end_chooser.chosen_drawing())} == {
        class_name(start_info), class_name(end_info)
    }  # fmt: skip
    _wait_for_morph(qtbot, dialog)
    assert dialog.message_label.text() == ""  # two objects of one model: no excuse needed
    dialog.accept()


def test_morph_turns_one_bundled_object_into_another(qtbot, tmp_path) -> None:
    start_info, end_info = bundled_vae_pair()
    user = tmp_path / "user"
    user.mkdir()
    registry = ModelRegistry(bundled_dir=paths.bundled_models_dir(), user_dir=user)
    window = show_main_window(qtbot, MainWindow(registry))
    panel = attach_ideas(window, folders=lambda: [])
    start = _drawing(class_name(start_info), quickdraw_drawings(start_info, 1)[0])
    end = _drawing(class_name(end_info), quickdraw_drawings(end_info, 1)[0])
    dialog = panel.open_morph(start, end)
    assert dialog is not None
    _wait_for_morph(qtbot, dialog)
    registry = window.draw_along.registry
    expected = engine_ideas.morph_between(
        [np.asarray(s.xy) for s in start.strokes],
        [np.asarray(s.xy) for s in end.strokes],
        registry.get(start_info.name),
        registry.get(end_info.name),
    )
    frames = dialog.frames()
    assert all(_same_drawing(a, b) for a, b in zip(frames, expected, strict=True))
    # Drawn by both objects' decoders: the last frame is not the first object's drawing.
    # With the same noise stream as the blend, so the first frames match.
    start_lines = [np.asarray(s.xy) for s in start.strokes]
    end_lines = [np.asarray(s.xy) for s in end.strokes]
    start_model, end_model = registry.get(start_info.name), registry.get(end_info.name)
    seed = engine_ideas.morph_seed(start_lines, end_lines, start_model, end_model)
    one_model = engine_ideas.morph(start_lines, end_lines, start_model, seed=seed, streams=1)
    assert _same_drawing(one_model[0], frames[0])
    assert not _same_drawing(one_model[-1], frames[-1])
    assert dialog.message_label.text() == ""


def test_morph_between_unrelated_models_says_so(qtbot, tmp_path) -> None:
    registry = _registry(tmp_path)
    write_random_vae(tmp_path / "user", "stars_ideas", seed=8, class_name="stars")
    registry.refresh()
    window = show_main_window(qtbot, MainWindow(registry))
    panel = attach_ideas(window, folders=lambda: [])
    rng = np.random.default_rng(3)
    start = _drawing("shapes", shape_drawing("circle", rng))
    end = _drawing("stars", shape_drawing("zigzag", rng))
    dialog = panel.open_morph(start, end)
    assert dialog is not None
    _wait_for_morph(qtbot, dialog)
    message = dialog.message_label.text()
    assert message.startswith("Shapes and Stars cannot change into each other")
    assert "drawn as Shapes" in message
    assert dialog.player.frame_count() == engine_ideas.DEFAULT_MORPH_FRAMES


def test_a_drawing_of_an_object_without_a_model_is_drawn_as_the_other(qtbot, window) -> None:
    rng = np.random.default_rng(4)
    start = _drawing("bear", shape_drawing("zigzag", rng))  # no model for bears here
    end = _drawing("shapes", shape_drawing("circle", rng))
    assert (
        window.ideas.morph_models(start, end)
        == (window.draw_along.registry.info("shapes_ideas"),) * 2
    )
    dialog = window.ideas.open_morph(start, end)
    assert dialog is not None
    _wait_for_morph(qtbot, dialog)
    assert dialog.message_label.text() == (
        "Bear and Shapes cannot change into each other yet: every picture is drawn as Shapes."
    )
    # Two drawings of one object need no excuse.
    same = _drawing("shapes", shape_drawing("zigzag", rng))
    window.ideas.request_morph(same, end)
    qtbot.waitUntil(lambda: dialog.message_label.text() == "", timeout=30000)
