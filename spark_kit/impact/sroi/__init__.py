"""Social return on investment (SROI): the value map, its calculation and sensitivity.

The exercises (``spark_kit.impact.sroi.exercises``, with the reference's Case 3 value
map) and the charts (``spark_kit.viz.sroi_charts``) are imported from their own modules:
the exercises depend on :mod:`spark_kit.assessment`, which imports this package.
"""

from spark_kit.impact.sroi.calculate import SroiResult, calculate_sroi, change_outcome
from spark_kit.impact.sroi.model import (
    Conventions,
    Input,
    OutcomeRow,
    ValueMap,
    ValueMapStakeholder,
)
from spark_kit.impact.sroi.quality import QualityWarning, check_quality
from spark_kit.impact.sroi.sensitivity import (
    PARAMETERS,
    BetaPrior,
    BreakEven,
    MonteCarloResult,
    MonteCarloSpec,
    OneWay,
    Relative,
    Uniform,
    break_even,
    monte_carlo,
    one_at_a_time,
)

__all__ = [
    "PARAMETERS",
    "BetaPrior",
    "BreakEven",
    "Conventions",
    "Input",
    "MonteCarloResult",
    "MonteCarloSpec",
    "OneWay",
    "OutcomeRow",
    "QualityWarning",
    "Relative",
    "SroiResult",
    "Uniform",
    "ValueMap",
    "ValueMapStakeholder",
    "break_even",
    "calculate_sroi",
    "change_outcome",
    "check_quality",
    "monte_carlo",
    "one_at_a_time",
]
