"""The book's bibliography style: Swedish words, and the title as the link.

Registered as the pybtex style ``spark`` and chosen in ``_config.yml``
(``bibtex_default_style: spark``). It differs from pybtex's ``plain`` in three ways:

- names are joined with "och" ("A, B och C"), not "and";
- the title is the link to the source (a descriptive link text), instead of a bare address
  after "URL:";
- the date a page was read (``urldate``) is written "Läst 2026-11-27".

Entries are numbered ([1], [2] …) and sorted by author (or publisher), year and title, as in
``plain``, but in Swedish alphabetical order and with organisations (written ``{{Name}}``) among
the people instead of after them.
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.sorting.author_year_title import SortingStyle
from pybtex.style.template import (
    field,
    first_of,
    href,
    join,
    names,
    optional,
    optional_field,
    sentence,
    tag,
)

STYLE_NAME = "spark"
# Swedish order puts å, ä, ö after z, in that order; braces and accents must not move an entry.
_SWEDISH = str.maketrans({"å": "z{", "ä": "z|", "ö": "z}", "é": "e", "ü": "u", "{": "", "}": ""})


class SwedishSorting(SortingStyle):
    def sorting_key(self, entry):
        author, year, title = super().sorting_key(entry)
        return (author.lower().translate(_SWEDISH), year, title.lower().translate(_SWEDISH))


def _title(emphasis: bool):
    """The title, linked to ``url`` when the entry has one."""
    text = tag("em")[field("title")] if emphasis else field("title")
    return first_of[optional[href(field("url", raw=True))[text]], text]


class SparkStyle(BaseStyle):
    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = STYLE_NAME

    def format_names(self, role: str):
        return sentence[names(role, sep=", ", sep2=" och ", last_sep=" och ")]

    note = sentence[optional_field("note")]
    read = optional[sentence[join["Läst ", field("urldate")]]]

    def get_misc_template(self, e):
        return toplevel[
            optional[self.format_names("author")],
            sentence[_title(emphasis=True)],
            sentence[optional_field("howpublished"), optional_field("year")],
            self.note,
            self.read,
        ]

    def get_book_template(self, e):
        return toplevel[
            optional[self.format_names("author")],
            sentence[_title(emphasis=True)],
            sentence[optional_field("publisher"), optional_field("year")],
            self.note,
            self.read,
        ]

    def get_article_template(self, e):
        number = optional["(", field("number"), ")"]
        volume = optional[join[field("volume"), number, optional[":", field("pages")]]]
        return toplevel[
            optional[self.format_names("author")],
            sentence[_title(emphasis=False)],
            sentence[tag("em")[field("journal")], volume, optional_field("year")],
            self.note,
            self.read,
        ]

    def get_techreport_template(self, e):
        return toplevel[
            optional[self.format_names("author")],
            sentence[_title(emphasis=True)],
            sentence[
                optional_field("institution"),
                optional[join(sep=" ")[field("type"), optional_field("number")]],
                optional_field("year"),
            ],
            self.note,
            self.read,
        ]


def setup(app):
    register_plugin("pybtex.style.sorting", STYLE_NAME, SwedishSorting)
    register_plugin("pybtex.style.formatting", STYLE_NAME, SparkStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
