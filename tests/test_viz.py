"""Charts: the chain diagram (columns, alt text, PNG and SVG export), and every app chart laid
out once, drawn once, with all of its text inside the figure."""

from __future__ import annotations

import io
import re

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.text import Text

from spark_kit.assessment import load_example
from spark_kit.cohort.aggregate import summarise
from spark_kit.cohort.load import Cohort
from spark_kit.finance.cashflow import compute_cashflow
from spark_kit.finance.loan_exercises import offer_schedules
from spark_kit.finance.readiness import assess
from spark_kit.impact.indicators import track
from spark_kit.impact.logic_model import Level, LogicModel
from spark_kit.impact.sroi import calculate_sroi, monte_carlo, one_at_a_time
from spark_kit.viz import draw_logic_model, logic_model_alt_text, svg_export
from spark_kit.viz.chart import Chart
from spark_kit.viz.cohort_charts import (
    counts_chart,
    financing_chart,
    sroi_sector_chart,
    status_chart,
)
from spark_kit.viz.finance_charts import cashflow_chart
from spark_kit.viz.indicator_charts import progress_chart, progress_overview_chart
from spark_kit.viz.layout import TIGHT_PAD, fit
from spark_kit.viz.ledger_charts import draw_actor_net, draw_cumulative
from spark_kit.viz.loan_charts import payments_chart
from spark_kit.viz.logic_diagram import ARROW_GAP, BOX_WIDTH, COLUMN_WIDTH, LEVEL_COLOURS, WRAP
from spark_kit.viz.readiness_chart import draw_readiness_radar
from spark_kit.viz.sroi_charts import (
    monte_carlo_chart,
    tornado_chart,
    value_by_year_chart,
)
from spark_kit.viz.theme import rc_params


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


# --- layout and export: fast, and every text inside the figure -----------------------------------
#
# The charts are laid out once when built (spark_kit.viz.layout.fit: the arithmetic of
# constrained layout, or of tight_layout, done once and the engine removed) and exported with
# one draw. These tests check what that must not change: every text lies inside the figure, in
# both languages and with long Swedish labels; the axes sit where constrained layout puts them;
# the SVG keeps its text as text and is the SVG matplotlib itself writes.

LONG_NAME = "Arbetsmarknadsutbildning och praktikplatser för långtidsarbetslösa ungdomar"
LENDERS = (  # names as a person might type them in the loan comparison
    "Sparbanken i Övre Norrland, lån A",
    "Ekobanken medlemsbank, lån B",
    "Almi Företagspartner Nord, lån C",
)


@pytest.fixture(scope="module")
def data() -> dict:
    """The data the apps start from: Granbacka and Myrbacka (both FICTIONAL)."""
    granbacka = load_example()
    myrbacka = load_example("myrbacka_arbetskooperativ")
    follow_up = granbacka.follow_up
    indicators = list(granbacka.logic_model.indicators)
    table = follow_up.table()
    years = follow_up.baseline_year, follow_up.target_year
    long_indicators = [i.model_copy(update={"name": f"{i.name}: {LONG_NAME}"}) for i in indicators]
    cohort = Cohort.from_assessments([granbacka, myrbacka], ["granbacka.xlsx", "myrbacka.xlsx"])
    return {
        "granbacka": granbacka,
        "sroi": calculate_sroi(myrbacka.value_map),
        "one_way": one_at_a_time(myrbacka.value_map),
        "one_way_rows": one_at_a_time(myrbacka.value_map, per_row=True),
        "monte_carlo": monte_carlo(myrbacka.value_map, draws=2_000, seed=1),
        "tracking": track(indicators, table, *years),
        "long_tracking": track(long_indicators, table, *years),
        "ledger": myrbacka.ledger.evaluate(),
        "cashflow": compute_cashflow(granbacka.cashflow),
        "readiness": assess(granbacka.readiness.answers),
        "cohort": summarise(cohort),
    }


def _long_counts() -> pd.DataFrame:
    names = [LONG_NAME, "Övertorneå", "Storuman och Sorsele (inlandskommunerna)"]
    return pd.DataFrame(
        {"municipality": names, "enterprises": [12, 3, 1], "share": [0.75, 0.19, 0.06]}
    )


CHARTS = {
    "logic model": lambda d, lang: draw_logic_model(d["granbacka"].logic_model, lang, "Granbacka"),
    "logic model, long title": lambda d, lang: draw_logic_model(
        d["granbacka"].logic_model, lang, f"{d['granbacka'].profile.name}: {LONG_NAME}"
    ),
    "value by year": lambda d, lang: value_by_year_chart(d["sroi"], lang),
    "tornado": lambda d, lang: tornado_chart(d["one_way"], lang),
    "tornado per row": lambda d, lang: tornado_chart(d["one_way_rows"], lang),
    "monte carlo": lambda d, lang: monte_carlo_chart(d["monte_carlo"], lang),
    "progress": lambda d, lang: progress_chart(d["tracking"], "M1", lang),
    "progress, long name": lambda d, lang: progress_chart(d["long_tracking"], "M1", lang),
    "overview": lambda d, lang: progress_overview_chart(d["tracking"], None, lang),
    "overview, long names": lambda d, lang: progress_overview_chart(d["long_tracking"], None, lang),
    "actor net": lambda d, lang: draw_actor_net(d["ledger"], lang, fictional=True),
    "cumulative": lambda d, lang: draw_cumulative(d["ledger"], lang, fictional=True),
    "cash flow": lambda d, lang: cashflow_chart(d["cashflow"], lang, fictional=True),
    "loans": lambda d, lang: payments_chart(offer_schedules(), lang),
    "loans, long names": lambda d, lang: payments_chart(
        dict(zip(LENDERS, offer_schedules().values(), strict=True)), lang
    ),
    "readiness": lambda d, lang: draw_readiness_radar(d["readiness"], lang, "Granbacka"),
    "cohort counts": lambda d, lang: counts_chart(
        d["cohort"].counts["sector"], "sector", lang, synthetic=True
    ),
    "cohort counts, long names": lambda d, lang: counts_chart(
        _long_counts(), "municipality", lang, synthetic=True
    ),
    "cohort status": lambda d, lang: status_chart(d["cohort"].status, lang, synthetic=True),
    "cohort financing": lambda d, lang: financing_chart(d["cohort"].financing, lang),
    "cohort sroi": lambda d, lang: sroi_sector_chart(d["cohort"].sroi_by_sector, lang),
}


def texts_outside_the_figure(figure: Figure) -> list[str]:
    """Every drawn text (tick labels, axis labels, titles, legends, annotations, figure
    titles) whose extent reaches outside the figure, drawn as it is exported."""
    FigureCanvasAgg(figure)
    with mpl.rc_context(rc_params()):
        figure.draw_without_rendering()
        renderer = figure.canvas.get_renderer()
    not_drawn, drawn = set(), []
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not ax.axison:  # an axis switched off: nothing of it is drawn
                not_drawn |= {id(t) for t in axis.findobj(Text)}
                continue
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                not_drawn |= {id(tick.label1), id(tick.label2)}
            drawn += [label for label in axis.get_ticklabels() if _in_view(axis, label)]
    texts = [t for t in figure.findobj(Text) if id(t) not in not_drawn] + drawn
    boxes = [
        (repr(t.get_text()), t.get_window_extent(renderer))
        for t in texts
        if t.get_visible() and t.get_text().strip()
    ]
    legends = [ax.get_legend() for ax in figure.axes if ax.get_legend()] + figure.legends
    boxes += [("legend", legend.get_window_extent(renderer)) for legend in legends]
    inside = figure.bbox.padded(0.5)  # half a pixel of rounding
    return [
        f"{name}: {box.extents.round(1)} outside {inside.extents.round(1)}"
        for name, box in boxes
        if not (inside.x0 <= box.x0 and box.x1 <= inside.x1
                and inside.y0 <= box.y0 and box.y1 <= inside.y1)
    ]  # fmt: skip


def _in_view(axis, label) -> bool:
    """Is the tick of ``label`` drawn (within the axis' view interval)?"""
    if not label.get_visible() or not label.get_text():
        return False
    low, high = sorted(axis.get_view_interval())
    position = label.get_position()[0 if axis.axis_name in ("x", "theta") else 1]
    span = (high - low) or 1.0
    return low - 1e-9 * span <= position <= high + 1e-9 * span


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("name", list(CHARTS))
def test_every_text_of_an_app_chart_lies_inside_the_figure(data, name, lang):
    chart = CHARTS[name](data, lang)
    assert texts_outside_the_figure(chart.figure) == []


@pytest.mark.parametrize("name", list(CHARTS))
def test_charts_are_laid_out_when_built_and_drawn_once_when_exported(data, name):
    chart = CHARTS[name](data, "sv")
    figure = chart.figure
    assert figure.get_layout_engine() is None
    draws = []
    original = figure.draw
    figure.draw = lambda renderer: (draws.append(renderer), original(renderer))
    svg = chart.svg_html()
    assert len(draws) == 1 and "<text" in svg


def test_fit_places_the_axes_where_constrained_layout_does():
    def build(layout):
        with mpl.rc_context(rc_params()):
            figure = Figure(figsize=(8, 5), layout=layout)
            ax = figure.add_subplot()
            ax.barh([0, 1, 2], [1_000_000, 2_500_000, 300_000], label="Nuvärde")
            ax.set_yticks([0, 1, 2], [LONG_NAME, "Övertorneå", "Dödvikt"])
            ax.set_xlabel("Kronor")
            ax.set_title("Nuvärde per bransch (syntetiska data)", loc="left")
            title = figure.suptitle("Programmet", x=0.01, ha="left")
            legend = figure.legend(loc="outside lower center", ncol=2, frameon=False)
        return figure, ax, title, legend

    constrained, expected_ax, *_ = build("constrained")
    FigureCanvasAgg(constrained)
    with mpl.rc_context(rc_params()):
        constrained.draw_without_rendering()
    fitted, ax, title, legend = build(None)
    with mpl.rc_context(rc_params()):
        title.set_y(1 - 3 / 72 / 5)  # where constrained layout puts a suptitle
        fit(fitted, ax, above=(title,), below=(legend,))
    assert fitted.get_layout_engine() is None
    np.testing.assert_allclose(ax.get_position().extents, expected_ax.get_position().extents,
                               atol=0.5 / 800)  # fmt: skip


def test_fit_with_the_tight_pad_places_the_axes_as_tight_layout_does():
    def build():
        with mpl.rc_context(rc_params()):
            figure = Figure(figsize=(9, 5))
            ax = figure.add_subplot()
            ax.plot([1, 2, 3], [100_000, -250_000, 3_000_000])
            ax.set_ylabel("Kumulativt netto")
            ax.set_title("Samhällsekonomisk kalkyl (påhittat exempel)")
            ax.legend(["Kommunen"], loc="center left", bbox_to_anchor=(1.01, 0.5))
        return figure, ax

    tight, expected = build()
    FigureCanvasAgg(tight)
    with mpl.rc_context(rc_params()):
        tight.tight_layout()
    fitted, ax = build()
    with mpl.rc_context(rc_params()):
        fit(fitted, ax, pad=TIGHT_PAD, passes=1)
    np.testing.assert_allclose(ax.get_position().extents, expected.get_position().extents,
                               atol=1e-6)  # fmt: skip


def test_a_figure_with_constrained_layout_is_laid_out_once_and_drawn_once():
    with mpl.rc_context(rc_params()):
        figure = Figure(figsize=(6, 4), layout="constrained")
        left, right = figure.subplots(1, 2)
        left.set_ylabel("Antal personer")
        right.set_title("Pengar")
    expected = Figure(figsize=(6, 4), layout="constrained")
    with mpl.rc_context(rc_params()):
        e_left, e_right = expected.subplots(1, 2)
        e_left.set_ylabel("Antal personer")
        e_right.set_title("Pengar")
        FigureCanvasAgg(expected)
        expected.draw_without_rendering()
    chart = Chart(figure, "Två diagram", "Test")
    draws = []
    original = figure.draw
    figure.draw = lambda renderer: (draws.append(renderer), original(renderer))
    chart.to_bytes("svg")
    assert len(draws) == 1 and figure.get_layout_engine() is None
    for ax, laid_out in zip(figure.axes, expected.axes, strict=True):
        np.testing.assert_allclose(ax.get_position().extents, laid_out.get_position().extents)


@pytest.mark.parametrize("name", ["logic model", "tornado", "cash flow", "readiness"])
def test_svg_export_keeps_text_as_text_and_writes_what_matplotlib_writes(data, name):
    chart = CHARTS[name](data, "sv")
    ours = chart.to_bytes("svg").decode()
    with mpl.rc_context(rc_params()):
        FigureCanvasSVG(chart.figure)
        buffer = io.BytesIO()
        metadata = {"Title": chart.title, "Description": chart.alt_text}
        chart.figure.savefig(buffer, format="svg", metadata=metadata)
    theirs = buffer.getvalue().decode()
    assert _without_ids(ours) == _without_ids(theirs)
    assert rc_params()["svg.fonttype"] == "none"  # text as text, whatever the global rc says
    assert "<text" in ours and 'id="DejaVuSans-' not in ours  # no glyphs drawn as paths


def _without_ids(svg: str) -> str:
    """SVG with its date and random element ids (clip paths, markers, hatches) numbered."""
    svg = re.sub(r"<dc:date>.*?</dc:date>", "", svg)
    ids: dict[str, str] = {}
    return re.sub(r"\b[mph][0-9a-f]{10}\b", lambda m: ids.setdefault(m[0], f"id{len(ids)}"), svg)


def test_text_is_measured_once_across_exports(data, monkeypatch):
    first = CHARTS["logic model"](data, "sv")
    first.svg_html()
    measured = []
    original = svg_export.RendererSVG.get_text_width_height_descent

    def counting(self, s, prop, ismath):
        measured.append(s)
        return original(self, s, prop, ismath)

    monkeypatch.setattr(svg_export.RendererSVG, "get_text_width_height_descent", counting)
    again = CHARTS["logic model"](data, "sv")
    assert again.svg_html() != "" and measured == []  # every string was measured before


def test_the_histogram_shows_the_counts_of_the_simulated_ratios(data):
    result = data["monte_carlo"]
    chart = monte_carlo_chart(result, "sv")
    ax = chart.figure.axes[0]
    (outline,) = [p for p in ax.patches if p.get_facecolor()[:3] == mpl.colors.to_rgb("#0072B2")]
    bins = min(60, max(10, result.draws // 50))
    counts, edges = np.histogram(result.ratios, bins=bins)
    vertices = outline.get_path().vertices
    for left, count in zip(edges[:-1], counts, strict=True):
        tops = vertices[np.isclose(vertices[:, 0], left) & (vertices[:, 1] > 0), 1]
        assert count == 0 or count in tops


def test_arrows_stop_two_points_short_of_the_boxes(data):
    from matplotlib.patches import FancyArrowPatch

    chart = CHARTS["logic model"](data, "sv")
    ax = chart.figure.axes[0]
    centres = [t.get_position() for t in ax.texts if re.match(r"^[A-Z]\d+: ", t.get_text())]
    edges = np.array([(x + side * BOX_WIDTH / 2, y) for x, y in centres for side in (-1, 1)])
    arrows = [p for p in ax.get_children() if isinstance(p, FancyArrowPatch)]
    assert arrows
    for arrow in arrows:
        for end in arrow._posA_posB:  # where the arrow starts and ends (after shortening)
            gap = np.hypot(*(edges - end).T).min()
            assert gap == pytest.approx(ARROW_GAP)
