"""The agency registry: provinces, ministries, department-level agencies and provincial agency types.

Read from ``data/registry.yaml`` (readable Thai; the file's comments give the sources). The simulator
and the web demo take their agency names and hierarchy from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from dgmm.errors import InputFileError, Problem

REGISTRY_PATH = Path(__file__).parent / "data" / "registry.yaml"


@dataclass(frozen=True)
class Region:
    id: str
    name_th: str
    name_en: str


@dataclass(frozen=True)
class Province:
    id: str  # ISO 3166-2:TH, e.g. TH-24
    name_th: str
    name_en: str
    region: str

    @property
    def number(self) -> str:
        """The two-digit province code (TH-24 -> 24)."""
        return self.id.rsplit("-", 1)[-1]


@dataclass(frozen=True)
class Ministry:
    code: str
    abbr_th: str
    name_th: str
    name_en: str


@dataclass(frozen=True)
class Department:
    id: str
    ministry: str
    kind: str  # department | public_organization | state_enterprise | fund
    name_th: str
    name_en: str


@dataclass(frozen=True)
class AgencyType:
    """A kind of agency found in every province (a provincial office, a PCIO committee)."""

    id: str
    name_th: str
    name_en: str
    parent: str  # department id
    instance_th: str = "{type}{province}"
    instance_en: str = "{province} {type}"

    def name_in(self, province: Province) -> tuple[str, str]:
        """(Thai, English) name of this type's agency in `province`."""
        th = self.instance_th.format(type=self.name_th, province=province.name_th)
        en = self.instance_en.format(type=self.name_en, province=province.name_en)
        return th, en


@dataclass(frozen=True)
class Registry:
    regions: tuple[Region, ...]
    provinces: tuple[Province, ...]
    ministries: tuple[Ministry, ...]
    departments: tuple[Department, ...]
    provincial_types: tuple[AgencyType, ...]
    pcio: AgencyType
    path: str = ""
    _by_id: dict[str, Department] = field(default_factory=dict, compare=False, repr=False)

    def department(self, dept_id: str) -> Department:
        return self._by_id[dept_id]

    def ministry(self, code: str) -> Ministry:
        for m in self.ministries:
            if m.code == code:
                return m
        raise KeyError(code)

    def departments_of(self, ministry: str) -> tuple[Department, ...]:
        return tuple(d for d in self.departments if d.ministry == ministry)


class _Reader:
    """Builds a Registry and collects every problem (file, YAML path) before raising once."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def need(self, d: Any, key: str, where: str) -> str:
        if not isinstance(d, dict) or not isinstance(d.get(key), str) or not d[key].strip():
            self.problems.append(
                Problem(self.file, 0, f"{where}.{key}", "missing or not a text", "missing_key")
            )
            return ""
        return str(d[key])

    def items(self, data: dict[str, Any], key: str) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list):
            self.problems.append(Problem(self.file, 0, key, "expected a list", "missing_key"))
            return []
        return value

    def read(self, data: Any) -> Registry:
        if not isinstance(data, dict) or data.get("format") != "dgmm-registry":
            self.problems.append(
                Problem(self.file, 0, "format", "expected format: dgmm-registry", "bad_format")
            )
            raise InputFileError(self.problems)
        regions = tuple(
            Region(
                self.need(r, "id", f"regions[{i}]"),
                self.need(r, "name_th", f"regions[{i}]"),
                self.need(r, "name_en", f"regions[{i}]"),
            )
            for i, r in enumerate(self.items(data, "regions"))
        )
        region_ids = {r.id for r in regions}
        provinces = []
        for i, p in enumerate(self.items(data, "provinces")):
            w = f"provinces[{i}]"
            prov = Province(
                self.need(p, "id", w),
                self.need(p, "name_th", w),
                self.need(p, "name_en", w),
                self.need(p, "region", w),
            )
            if prov.region and prov.region not in region_ids:
                self.problems.append(
                    Problem(self.file, 0, f"{w}.region", f"unknown region {prov.region!r}", "unknown_region")
                )
            provinces.append(prov)
        ministries = tuple(
            Ministry(
                self.need(m, "code", f"ministries[{i}]"),
                str(m.get("abbr_th", "")),
                self.need(m, "name_th", f"ministries[{i}]"),
                self.need(m, "name_en", f"ministries[{i}]"),
            )
            for i, m in enumerate(self.items(data, "ministries"))
        )
        departments = self.departments(data.get("departments"), {m.code for m in ministries})
        by_id = {d.id: d for d in departments}
        ptypes = data.get("provincial_agency_types") or {}
        inst_th = str(ptypes.get("instance_th", "{type}{province}"))
        inst_en = str(ptypes.get("instance_en", "{province} {type}"))
        types = tuple(
            self.agency_type(t, f"provincial_agency_types.types[{i}]", inst_th, inst_en, by_id)
            for i, t in enumerate(ptypes.get("types") or [])
        )
        pc = data.get("pcio") or {}
        pcio = self.agency_type(
            {"id": pc.get("id_prefix", "pcio"), **pc},
            "pcio",
            str(pc.get("instance_th", "{type} จังหวัด{province}")),
            str(pc.get("instance_en", "{province} {type}")),
            by_id,
        )
        self.unique("provinces", [p.id for p in provinces])
        self.unique("departments", [d.id for d in departments])
        self.unique("provincial_agency_types", [t.id for t in types])
        if self.problems:
            raise InputFileError(self.problems, f"{self.file}: invalid registry")
        return Registry(regions, tuple(provinces), ministries, departments, types, pcio, self.file, by_id)

    def departments(self, value: Any, ministry_codes: set[str]) -> tuple[Department, ...]:
        if not isinstance(value, dict):
            self.problems.append(
                Problem(self.file, 0, "departments", "expected a mapping ministry -> list", "missing_key")
            )
            return ()
        out = []
        for code, items in value.items():
            if code not in ministry_codes:
                self.problems.append(
                    Problem(self.file, 0, f"departments.{code}", "unknown ministry", "unknown_ministry")
                )
            for i, d in enumerate(items or []):
                w = f"departments.{code}[{i}]"
                out.append(
                    Department(
                        self.need(d, "id", w),
                        str(code),
                        str(d.get("kind", "department")),
                        self.need(d, "name_th", w),
                        self.need(d, "name_en", w),
                    )
                )
        return tuple(out)

    def agency_type(
        self, t: Any, where: str, inst_th: str, inst_en: str, by_id: dict[str, Department]
    ) -> AgencyType:
        parent = self.need(t, "parent", where)
        if parent and parent not in by_id:
            self.problems.append(
                Problem(
                    self.file, 0, f"{where}.parent", f"unknown department {parent!r}", "unknown_department"
                )
            )
        return AgencyType(
            self.need(t, "id", where),
            self.need(t, "name_th", where),
            self.need(t, "name_en", where),
            parent,
            inst_th,
            inst_en,
        )

    def unique(self, what: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for ident in ids:
            if ident in seen:
                self.problems.append(
                    Problem(self.file, 0, what, f"id {ident!r} appears twice", "duplicate_id")
                )
            seen.add(ident)


def read_registry(path: str | Path) -> Registry:
    """Read and check a registry file; InputFileError lists every problem."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputFileError(
            [Problem(str(p), 0, "", f"cannot read the registry: {exc}", "unreadable")]
        ) from exc
    return _Reader(str(p)).read(data)


@cache
def load_registry() -> Registry:
    """The registry shipped with dgmm (read once)."""
    return read_registry(REGISTRY_PATH)
