"""Who is simulated: the agencies of one tier, named from the registry, with their parent departments.

- department: department-level agencies, real ones first, taken in turn from each ministry so that a
  small cohort still spans the ministries; beyond the registry, numbered simulated departments.
- provincial: the 19 provincial agency types of seed 003 in each province (all types of a province
  before the next province); beyond 76 × 19, further numbered units. Their parent departments
  are listed too.
- pcio: one PCIO committee per province; beyond 76, further numbered units. Their parent
  department (the registry's ``pcio.parent``) is listed too.
- local: numbered simulated local administrative organisations spread over the provinces, under
  the Department of Local Administration.

Parent departments come first in the list, then the cohort, each in registry order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dgmm.simulate.registry import AgencyType, Department, Province, Registry

LOCAL_PARENT = "moi-dla"


@dataclass
class Agency:
    id: str
    name_th: str
    name_en: str
    tier: str
    ministry: str
    department: str  # id of the department-level agency it is, or belongs to
    province: str = ""
    parent_id: str = ""
    agency_type: str = ""
    maturity: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "tier": self.tier,
            "ministry": self.ministry,
            "department": self.department,
            "province": self.province,
            "parent_id": self.parent_id,
            "agency_type": self.agency_type,
            "maturity": self.maturity,
        }


def _department_agency(d: Department) -> Agency:
    return Agency(d.id, d.name_th, d.name_en, "department", d.ministry, d.id, agency_type=d.kind)


def _interleaved(registry: Registry) -> list[Department]:
    """Real departments, one from each ministry in turn (each ministry's own order kept)."""
    lists = [list(registry.departments_of(m.code)) for m in registry.ministries]
    out: list[Department] = []
    for i in range(max((len(x) for x in lists), default=0)):
        out.extend(x[i] for x in lists if i < len(x))
    return out


def departments(registry: Registry, n: int) -> list[Agency]:
    real = _interleaved(registry)
    out = [_department_agency(d) for d in real[:n]]
    ministries = registry.ministries
    for k in range(1, n - len(out) + 1):
        m = ministries[(k - 1) % len(ministries)]
        out.append(
            Agency(
                f"{m.code.lower()}-sim-{k:05d}",
                f"หน่วยงานระดับกรมจำลอง {k} สังกัด{m.name_th}",
                f"Simulated department {k}, {m.name_en}",
                "department",
                m.code,
                f"{m.code.lower()}-sim-{k:05d}",
                agency_type="department",
            )
        )
    return out


def _units(
    types: tuple[AgencyType, ...], provinces: tuple[Province, ...], n: int
) -> Iterator[tuple[AgencyType, Province, int]]:
    """(type, province, copy) for the first n agencies: every type of a province, province by province."""
    per_round = len(types) * len(provinces)
    for i in range(n):
        copy, rest = divmod(i, per_round)
        yield types[rest % len(types)], provinces[rest // len(types)], copy


def _unit_agency(registry: Registry, t: AgencyType, p: Province, copy: int, tier: str) -> Agency:
    th, en = t.name_in(p)
    ident = f"{t.id}-{p.number}"
    if copy:
        ident += f"-{copy + 1}"
        th += f" (หน่วยจำลอง {copy + 1})"
        en += f" (simulated unit {copy + 1})"
    parent = registry.department(t.parent)
    return Agency(ident, th, en, tier, parent.ministry, parent.id, p.id, parent.id, t.id)


def _with_parents(registry: Registry, cohort: list[Agency]) -> list[Agency]:
    wanted = {a.parent_id for a in cohort if a.parent_id}
    parents = [_department_agency(d) for d in registry.departments if d.id in wanted]
    return parents + cohort


def provincial(registry: Registry, n: int) -> list[Agency]:
    cohort = [
        _unit_agency(registry, t, p, c, "provincial")
        for t, p, c in _units(registry.provincial_types, registry.provinces, n)
    ]
    return _with_parents(registry, cohort)


def pcio(registry: Registry, n: int) -> list[Agency]:
    cohort = [
        _unit_agency(registry, t, p, c, "pcio") for t, p, c in _units((registry.pcio,), registry.provinces, n)
    ]
    return _with_parents(registry, cohort)


def local(registry: Registry, n: int) -> list[Agency]:
    parent = registry.department(LOCAL_PARENT)
    cohort = []
    for k in range(1, n + 1):
        p = registry.provinces[(k - 1) % len(registry.provinces)]
        cohort.append(
            Agency(
                f"local-{p.number}-{k:05d}",
                f"องค์กรปกครองส่วนท้องถิ่นจำลอง {k} จังหวัด{p.name_th}",
                f"Simulated local administrative organisation {k}, {p.name_en}",
                "local",
                parent.ministry,
                parent.id,
                p.id,
                parent.id,
                "local",
            )
        )
    return _with_parents(registry, cohort)


BUILDERS = {"department": departments, "provincial": provincial, "pcio": pcio, "local": local}


def build_population(registry: Registry, tier: str, n: int) -> list[Agency]:
    """The agencies of a simulated cycle for `tier`: parents first, then n agencies of the tier."""
    return BUILDERS[tier](registry, n)
