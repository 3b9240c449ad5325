"""Social return on investment (SROI): the value map, its calculation and sensitivity."""

from spark_kit.impact.sroi.model import (
    Conventions,
    Input,
    OutcomeRow,
    ValueMap,
    ValueMapStakeholder,
)

__all__ = ["Conventions", "Input", "OutcomeRow", "ValueMap", "ValueMapStakeholder"]
