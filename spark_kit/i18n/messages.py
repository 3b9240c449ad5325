"""The message catalogue: every text a user reads, keyed, in Swedish and English.

Texts live in ``texts/*.yaml`` (one file per area), each entry ``key: {sv: ..., en: ...}``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

TEXTS_DIR = Path(__file__).with_name("texts")


def load_catalogue(folder: Path = TEXTS_DIR) -> dict[str, dict[str, str]]:
    """Merge every YAML file in ``folder``; a key defined twice is an error."""
    catalogue: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in entries.items():
            if key in catalogue:
                raise ValueError(f"{path.name}: message key {key!r} is defined twice")
            catalogue[key] = texts
    return catalogue


MESSAGES = load_catalogue()
