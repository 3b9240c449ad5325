"""The chain diagram: every element drawn in its level's column, alt text, PNG and SVG export."""

from __future__ import annotations

import re

import pytest

from spark_kit.assessment import load_example
from spark_kit.impact.logic_model import Level, LogicModel
from spark_kit.viz import draw_logic_model, logic_model_alt_text
from spark_kit.viz.logic_diagram import COLUMN_WIDTH, LEVEL_COLOURS, WRAP


@pytest.fixture(scope="module")
def model() -> LogicModel:
    return load_example().logic_model


def box_texts(chart) -> dict[str, tuple[float, str]]:
    """Element id → (x position, full label) for every box drawn."""
    ax = chart.figure.axes[0]
    found = {}
    for text in ax.texts:
        match = re.match(r"^([A-Z]\d+): ", text.get_text())
        if match:
            found[match.group(1)] = (text.get_position()[0], text.get_text())
    return found


def test_every_element_is_drawn_in_its_levels_column(model):
    boxes = box_texts(draw_logic_model(model))
    assert set(boxes) == {e.id for e in model.elements}
    for element in model.elements:
        column = int(boxes[element.id][0] // COLUMN_WIDTH)
        assert column == element.level.order, element.id


def test_labels_are_wrapped_and_outcomes_show_their_horizon(model):
    boxes = box_texts(draw_logic_model(model))
    for _, label in boxes.values():
        assert all(len(line) <= WRAP for line in label.split("\n"))
    assert "(medellång sikt)" in boxes["R4"][1].replace("\n", " ")


def test_one_arrow_per_link(model):
    from matplotlib.patches import FancyArrowPatch

    chart = draw_logic_model(model)
    children = chart.figure.axes[0].get_children()
    arrows = [p for p in children if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == len(model.links)


def test_each_level_has_its_own_colour():
    assert len(set(LEVEL_COLOURS.values())) == len(Level)


@pytest.mark.parametrize(
    "lang, words",
    [
        ("sv", ["Behov", "Prestationer", "Pilar: B1 → A1"]),
        ("en", ["Needs", "Outputs", "Arrows: B1 → A1"]),
    ],
)
def test_alt_text_describes_levels_elements_and_arrows(model, lang, words):
    alt = logic_model_alt_text(model, lang, "Granbacka")
    for word in words:
        assert word in alt
    for element in model.elements:
        assert element.text in alt


def test_exports_png_and_svg_with_the_alt_text(model):
    chart = draw_logic_model(model, title="Granbacka")
    assert chart.to_bytes("png")[:8] == b"\x89PNG\r\n\x1a\n"
    svg = chart.to_bytes("svg").decode()
    assert "<svg" in svg and "Behov" in svg  # text kept as text
    assert "aria-label=" in chart.svg_html() and 'role="img"' in chart.svg_html()
    assert f'alt="{chart.alt_text[:20]}' in chart.html()
    with pytest.raises(ValueError):
        chart.to_bytes("gif")


def test_an_empty_model_draws_its_empty_columns():
    chart = draw_logic_model(LogicModel(), "sv")
    texts = [t.get_text() for t in chart.figure.axes[0].texts]
    assert texts.count("(inget ännu)") == len(Level)
