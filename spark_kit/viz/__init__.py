"""Charts with the kit's theme and alt text."""

from spark_kit.viz.chart import Chart
from spark_kit.viz.logic_diagram import draw_logic_model, logic_model_alt_text

__all__ = ["Chart", "draw_logic_model", "logic_model_alt_text"]
