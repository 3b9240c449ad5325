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


def _entry(slug: str) -> AppEntry:
    return AppEntry(slug, f"gallery.{slug}.title", f"gallery.{slug}.summary")


APPS: tuple[AppEntry, ...] = tuple(
    _entry(slug)
    for slug in (
        "effektlogik",
        "sroi",
        "samhallsekonomi",
        "finansiering",
        "beredskap",
        "min_effektrapport",
        "kohorten",
    )
)
