"""The apps in the gallery: one entry per Voilà notebook in notebooks/apps/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AppEntry:
    slug: str
    title_key: str
    summary_key: str

    @property
    def notebook(self) -> str:
        return f"{self.slug}.ipynb"


APPS: tuple[AppEntry, ...] = (
    AppEntry("effektlogik", "app.effektlogik.title", "app.effektlogik.summary"),
)
