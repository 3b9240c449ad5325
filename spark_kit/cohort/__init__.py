"""The program view: a folder of assessment workbooks turned into program-level figures.

- :mod:`spark_kit.cohort.load`: read a folder (or uploads) of workbooks, collecting the
  files that could not be used;
- :mod:`spark_kit.cohort.aggregate`: enterprises reached, indicator progress, aggregated
  SROI and financing mobilised, as pandas tables;
- :mod:`spark_kit.cohort.program_logic`: the program's own effect logic and its indicators;
- :mod:`spark_kit.cohort.tables` and :mod:`spark_kit.cohort.export`: the figures for people
  (Swedish or English) and as an Excel file; :mod:`spark_kit.cohort.cli`: ``spark-kit cohort``.

The kit's synthetic cohort (``data/cohort/``, SYNTHETIC data) is the default folder.

>>> from spark_kit.cohort import load_folder, summarise   # doctest: +SKIP
>>> figures = summarise(load_folder())                     # doctest: +SKIP
>>> figures.counts["sector"]                               # doctest: +SKIP

Names are imported when first used, so ``spark-kit`` does not load pandas to start.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "Cohort": "load",
    "FileIssue": "load",
    "SYNTHETIC_DIR": "load",
    "load_files": "load",
    "load_folder": "load",
    "CohortFigures": "aggregate",
    "summarise": "aggregate",
    "ProgramSettings": "program_logic",
    "load_program": "program_logic",
    "program_indicators": "program_logic",
    "program_logic_model": "program_logic",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f"spark_kit.cohort.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'spark_kit.cohort' has no attribute {name!r}")
