"""The look of the main window: soft colours, big type, rounded buttons (a Qt style sheet)."""

from __future__ import annotations

BACKGROUND = "#eef3fb"
ACCENT = "#2f6fd6"
MODEL_COLORS = ("#7c4dff", "#00a3a3")  # model ink; the second when the child draws in purple/blue

STYLE_SHEET = f"""
QMainWindow, QWidget#central {{
    background: {BACKGROUND};
}}
QWidget {{
    font-size: 15px;
    color: #26324a;
}}
QToolButton {{
    background: #ffffff;
    border: 2px solid #d5dcef;
    border-radius: 14px;
    padding: 4px 8px;
    font-weight: 600;
}}
QToolButton:hover {{
    border-color: {ACCENT};
}}
QToolButton:pressed, QToolButton:checked {{
    background: #dbe7ff;
    border-color: {ACCENT};
}}
QToolButton:disabled {{
    color: #9aa3b8;
    background: #f4f6fb;
    border-color: #e3e7f2;
}}
QToolButton#finishButton {{
    background: #fff4c2;
    border-color: #f2c200;
    font-size: 18px;
    font-weight: 700;
}}
QToolButton#finishButton:disabled {{
    background: #f4f6fb;
    border-color: #e3e7f2;
}}
QToolButton#keepButton {{
    background: #e6f9dc;
    border-color: #7ed957;
}}
QFrame#paper {{
    background: #ffffff;
    border: 2px solid #d5dcef;
    border-radius: 16px;
}}
QFrame#sidePane, QFrame#toolBar, QFrame#bottomBar, QFrame#toolStrip {{
    background: #f8faff;
    border: 1px solid #dfe5f3;
    border-radius: 16px;
}}
QLabel#paneTitle {{
    font-size: 18px;
    font-weight: 700;
    color: {ACCENT};
}}
QFrame#messageBanner {{
    background: #fff1d6;
    border: 2px solid #ffb74d;
    border-radius: 12px;
}}
QComboBox {{
    min-height: 40px;
    font-size: 17px;
    padding: 2px 12px;
    border: 2px solid #d5dcef;
    border-radius: 12px;
    background: #ffffff;
}}
QComboBox::drop-down {{
    border: none;
    width: 30px;
}}
QComboBox QAbstractItemView {{
    font-size: 17px;
}}
QSlider::groove:horizontal {{
    height: 12px;
    border-radius: 6px;
    background: qlineargradient(x1:0, y1:0, x2:1, y2:0, stop:0 #5ad1ff, stop:1 #ff6f3c);
}}
QSlider {{
    min-height: 36px;
}}
QSlider::handle:horizontal {{
    width: 24px;
    margin: -9px 0;
    border-radius: 15px;
    background: #ffffff;
    border: 3px solid {ACCENT};
}}
"""
