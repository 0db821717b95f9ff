"""Frameworks available to cycles, loaded through the core (``dgmm.load_framework``)."""

from __future__ import annotations

import logging

from django.conf import settings

from dgmm import Framework, FrameworkError, NotFoundError, load_framework
from dgmm.framework import shipped_paths

log = logging.getLogger("dgmm.web")


def available_refs() -> list[str]:
    """Framework references a cycle may use: shipped ids, then the configured extra paths."""
    return [*shipped_paths().keys(), *settings.DGMM_FRAMEWORK_PATHS]


def framework_choices() -> list[tuple[str, str]]:
    """(reference, label) for every framework that loads; broken files are logged and left out."""
    out = []
    for ref in available_refs():
        try:
            fw = load_framework(ref)
        except (FrameworkError, NotFoundError) as exc:
            log.warning("framework %s cannot be offered: %s", ref, exc)
            continue
        if fw.scored:
            out.append((ref, f"{fw.id} ({fw.year}, {', '.join(fw.tiers)}): {fw.name_th}"))
    return out


def get_framework(ref: str) -> Framework:
    """The framework a cycle names (cached by the core)."""
    return load_framework(ref)
