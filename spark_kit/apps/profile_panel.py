"""The organisation's profile: who the enterprise is (the first step of an assessment)."""

from __future__ import annotations

import html

import ipywidgets as w
from pydantic import ValidationError

from spark_kit.apps.panel import Panel
from spark_kit.apps.widgets import FieldSpec, Notice, RecordForm
from spark_kit.assessment import Profile
from spark_kit.finance.matcher import LEGAL_FORMS
from spark_kit.finance.sources import load_catalogue
from spark_kit.i18n import t

TEXT_FIELDS = ("name", "municipality", "county", "sector", "year", "description")


def legal_form_options(lang: str) -> list[tuple[str, str]]:
    """The legal forms the financing matcher knows, labelled in ``lang``."""
    catalogue = load_catalogue()
    forms = [(catalogue.label("legal_forms", form, lang), form) for form in LEGAL_FORMS]
    return [(t("app.none", lang), ""), *forms]


class ProfilePanel(Panel):
    """A form for the profile; saving checks it and commits it."""

    title_key = "profile.step"

    def __init__(self) -> None:
        super().__init__()
        self.heading = w.HTML()
        self.intro = w.HTML()
        self.form = RecordForm(
            [
                FieldSpec("name", "profile.field.name"),
                FieldSpec("legal_form", "profile.field.legal_form", "choice", legal_form_options),
                FieldSpec("municipality", "profile.field.municipality"),
                FieldSpec("county", "profile.field.county"),
                FieldSpec("sector", "profile.field.sector"),
                FieldSpec("year", "profile.field.year"),
                FieldSpec("description", "profile.field.description", "textarea"),
            ],
            self.lang,
        )
        self.save_button = w.Button(button_style="success", layout={"width": "auto"})
        self.save_button.on_click(lambda _: self.save())
        self.notice = Notice()
        self.widget.children = [
            self.heading,
            self.intro,
            self.form.box,
            self.save_button,
            self.notice.widget,
        ]
        self._shown = None

    def render(self) -> None:
        lang = self.lang
        self.heading.value = f'<h2 class="spark-h2">{html.escape(t("profile.heading", lang))}</h2>'
        self.intro.value = f"<p>{html.escape(t('profile.intro', lang))}</p>"
        self.form.relabel(lang)
        self.save_button.description = t("profile.save", lang)
        if self._shown is not self.assessment:  # a new assessment: fill the form from it
            self._shown = self.assessment
            profile = self.assessment.profile
            values = profile.model_dump()
            values["legal_form"] = _matching_form(profile.legal_form)
            self.form.fill(values)

    def save(self) -> bool:
        values = self.form.values()
        data = {name: str(values[name]).strip() for name in TEXT_FIELDS}
        # stored as spelled in Swedish (the workbook's language); the matcher reads it back
        chosen = values["legal_form"]
        data["legal_form"] = (
            load_catalogue().label("legal_forms", chosen, "sv")
            if chosen
            else self.assessment.profile.legal_form
        )
        if not data["name"]:
            self.notice.error(t("profile.error.name", self.lang))
            return False
        year_text = data.pop("year")
        year = None
        if year_text:
            if not year_text.isdigit() or not 1900 <= int(year_text) <= 2200:
                self.notice.error(t("profile.error.year", self.lang, value=year_text))
                return False
            year = int(year_text)
        current = self.assessment.profile
        try:
            profile = Profile(
                **data,
                year=year,
                # a profile the person has edited is theirs, no longer the example's
                fictional=current.fictional and data["name"] == current.name,
            )
        except ValidationError:
            self.notice.error(t("profile.error.name", self.lang))
            return False
        updated = self.assessment.model_copy(update={"profile": profile})
        self._shown = updated
        self.commit(updated)
        self.notice.ok(t("profile.saved", self.lang))
        return True


def _matching_form(text: str) -> str:
    """The matcher's legal form for a spelling such as "ekonomisk förening", else ""."""
    from spark_kit.finance.matcher import LEGAL_FORM_SPELLINGS, _key

    return LEGAL_FORM_SPELLINGS.get(_key(text or ""), "")
