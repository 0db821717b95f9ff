"""Fill the registry's reference tables (ministries, provinces) from the registry file shipped with dgmm."""

from __future__ import annotations

from dgmm.simulate.registry import Registry, load_registry
from dgmm.web.registry.models import Ministry, Province


def load_reference(registry: Registry | None = None) -> tuple[int, int]:
    """Create or update every ministry and province of the registry file; returns (ministries, provinces)."""
    reg = registry or load_registry()
    for m in reg.ministries:
        Ministry.objects.update_or_create(
            code=m.code, defaults={"abbr_th": m.abbr_th, "name_th": m.name_th, "name_en": m.name_en}
        )
    for p in reg.provinces:
        Province.objects.update_or_create(
            code=p.id, defaults={"name_th": p.name_th, "name_en": p.name_en, "region": p.region}
        )
    return len(reg.ministries), len(reg.provinces)
