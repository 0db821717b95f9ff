"""Every fixed text the reports print, in Thai and English, with named placeholders.

Sentences are built in Python (`t`), never in a template: a template receives finished strings.
Placeholders are named printf fields (``%(agency)s``), so a translation may reorder them. The Thai
texts follow the wording of the DGA documents (seeds 000, 001, 003) with their typos corrected.
"""

from __future__ import annotations

from collections.abc import Mapping

from dgmm.reports.phrases.agency import AGENCY
from dgmm.reports.phrases.common import COMMON
from dgmm.reports.phrases.national import NATIONAL
from dgmm.reports.phrases.plan import PLAN
from dgmm.reports.phrases.province import PROVINCE

LANGS = ("th", "en")
PHRASES: dict[str, Mapping[str, str]] = {**COMMON, **AGENCY, **PROVINCE, **NATIONAL, **PLAN}


def t(lang: str, key: str, **values: object) -> str:
    """The phrase `key` in `lang` with its placeholders filled (KeyError for an unknown phrase)."""
    text = PHRASES[key][lang]
    return text % values if values else text


def labels(lang: str, keys: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Several fixed phrases at once, for a template's headings."""
    return {k: t(lang, k) for k in keys}
