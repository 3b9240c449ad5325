"""The gallery's landing page: a static page listing the apps, one line each.

It starts no kernel, so opening it (or a link preview of it) costs nothing.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from spark_kit.apps.registry import APPS
from spark_kit.i18n import resolve_lang, t

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True)


def render_gallery(lang: str | None = None, base_url: str = "/") -> str:
    lang = resolve_lang(lang)
    apps = [
        {
            "href": f"{base_url}voila/render/{app.notebook}",
            "title": t(app.title_key, lang),
            "summary": t(app.summary_key, lang),
        }
        for app in APPS
    ]
    return _ENV.get_template("gallery.html").render(
        lang=lang,
        other_lang="en" if lang == "sv" else "sv",
        switch_label=t("gallery.language", lang),
        title=t("gallery.title", lang),
        intro=t("gallery.intro", lang),
        apps=apps,
    )
