"""Where the kit's own files are: the repository's data/ and notebooks/ folders.

The kit runs from its repository checkout (``pip install -e .``), as the README says.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
EXAMPLES_DIR = DATA_DIR / "examples"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
APPS_DIR = NOTEBOOKS_DIR / "apps"
