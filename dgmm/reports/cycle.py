"""A scored cycle as reports see it: the results file and what it points to.

`ReportCycle` wraps a results document (docs/results-format.md) with its framework, the answers it
was scored from (found through the file's ``sources``, checked against their sha256), the previous
cycle's results, and the names of ministries and provinces. Everything is loaded once, lazily, so a
batch of 2,000 reports reads the answers file once per process.

`explanations` hands the cycle's answers to the core's `dgmm.advice.explain_from`, the one function
that explains an agency from stored answers; `names` gives registry names by id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from dgmm.advice import TopicExplanation, explain_from
from dgmm.answers import AnswerSet, read_answers
from dgmm.errors import DgmmError, ResultsError
from dgmm.framework.schema import Framework, Text
from dgmm.loading import load_framework
from dgmm.registry import read_agencies
from dgmm.reports.errors import ReportError
from dgmm.results import read_results, source_path

Results = dict[str, Any]


@dataclass(frozen=True)
class Names:
    """Display names of ministries and provinces by id, in Thai and English (ids when unknown)."""

    ministries: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    provinces: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    departments: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def ministry(self, code: str | None, lang: str) -> str:
        return self._get(self.ministries, code, lang)

    def province(self, code: str | None, lang: str) -> str:
        return self._get(self.provinces, code, lang)

    @staticmethod
    def _get(table: Mapping[str, tuple[str, str]], code: str | None, lang: str) -> str:
        if not code:
            return ""
        th, en = table.get(code, (code, code))
        return (th or en) if lang == "th" else (en or th)


def registry_names() -> Names:
    """Names from the shipped registry reference data; empty tables when it is not installed."""
    try:
        from dgmm.simulate.registry import load_registry
    except ImportError:
        return Names()
    try:
        reg = load_registry()
    except (DgmmError, OSError, ValueError):
        return Names()
    return Names(
        {m.code: (m.name_th, m.name_en) for m in reg.ministries},
        {p.id: (p.name_th, p.name_en) for p in reg.provinces},
        {d.id: (d.name_th, d.name_en) for d in reg.departments},
    )


_PLACEHOLDER = Framework(id="", revision=0, year=0, tiers=(), name=Text(), level_scale=(), pillars=())


@dataclass(frozen=True)
class Origin:
    """How a cycle was loaded, so that another process can load the same cycle (`ReportCycle.load`)."""

    path: str
    framework: str | None
    use_answers: bool
    previous: str | None

    def load(self) -> ReportCycle:
        return ReportCycle.load(
            self.path, framework=self.framework, use_answers=self.use_answers, previous=self.previous
        )


class ReportCycle:
    """One results file with its framework, answers, previous cycle and names, loaded on first use."""

    origin: Origin | None = None

    def __init__(
        self,
        doc: Results,
        framework: Framework,
        *,
        path: Path | None = None,
        use_answers: bool = True,
        previous: Results | None = None,
        names: Names | None = None,
        answers: AnswerSet | None = None,
    ) -> None:
        self.doc = doc
        if answers is not None:  # answers held elsewhere (the survey platform's database)
            self.__dict__["answers"] = answers
        self.framework = framework
        self.path = path or Path(doc.get("_path") or ".")
        self.use_answers = use_answers
        self._previous = previous
        self._names = names
        self._by_id: dict[str, dict[str, Any]] = {a["id"]: a for a in doc["agencies"]}

    @classmethod
    def load(
        cls,
        path: str | Path,
        *,
        framework: str | Path | None = None,
        use_answers: bool = True,
        previous: str | Path | None = None,
    ) -> ReportCycle:
        """Read a results file; its framework is the one it names unless `framework` is given."""
        doc = read_results(path)
        fw_ref: str | Path = framework or doc["framework"]["id"]
        entry = (doc.get("sources") or {}).get("framework")
        if framework is None and entry:
            named = (
                Path(entry["path"])
                if Path(entry["path"]).is_absolute()
                else Path(path).parent / entry["path"]
            )
            if named.exists():  # a results file moved away from its framework file uses the shipped one
                fw_ref = cls(doc, _PLACEHOLDER, path=Path(path)).source("framework") or fw_ref
        fw = load_framework(fw_ref)
        if fw.id != doc["framework"]["id"]:
            raise ReportError(
                f"{path}: results of framework {doc['framework']['id']!r} cannot be reported with "
                f"framework {fw.id!r}",
                code="framework_mismatch",
            )
        prev = read_results(previous) if previous else None
        cycle = cls(doc, fw, path=Path(path), use_answers=use_answers, previous=prev)
        cycle.origin = Origin(
            str(path),
            None if framework is None else str(framework),
            use_answers,
            None if previous is None else str(previous),
        )
        return cycle

    # -- lookups ---------------------------------------------------------------------------------
    def agency(self, agency_id: str) -> dict[str, Any]:
        try:
            return self._by_id[agency_id]
        except KeyError:
            raise ReportError(
                f"agency {agency_id!r} is not in {self.path.name}", code="unknown_agency"
            ) from None

    @property
    def cohort(self) -> dict[str, Any]:
        return dict(self.doc["cohort"])

    @property
    def scored(self) -> list[dict[str, Any]]:
        return [a for a in self.doc["agencies"] if a.get("status") == "scored"]

    @cached_property
    def _listed_names(self) -> dict[str, tuple[str, str]]:
        """Names of every agency of the cycle's agencies file (parent departments included)."""
        try:
            path = self.source("agencies")
        except ReportError:
            return {}
        if path is None:
            return {}
        return {a.id: (a.name_th, a.name_en) for a in read_agencies(path)}

    def agency_name(self, agency_id: str, lang: str) -> str:
        """An agency's name in `lang` (the other language, then its id, when it has none)."""
        rec = self._by_id.get(agency_id)
        pair = (rec.get("name_th") or "", rec.get("name_en") or "") if rec else None
        if pair is None or not any(pair):
            pair = self._listed_names.get(agency_id) or self.names.departments.get(agency_id)
        if not pair:
            return agency_id
        th, en = pair
        return (th or en or agency_id) if lang == "th" else (en or th or agency_id)

    @property
    def names(self) -> Names:
        if self._names is None:
            self._names = registry_names()
        return self._names

    # -- sources ---------------------------------------------------------------------------------
    def source(self, key: str) -> Path | None:
        """A file named in the results' `sources`, resolved next to the results file and checked.

        None when the results name no such source; ReportError when the file is missing or has
        changed since the results were computed.
        """
        try:
            return source_path({**self.doc, "_path": str(self.path)}, key)
        except ResultsError as exc:
            hint = (
                " (or make the report without answers: --criteria-only)"
                if exc.code == "source_missing"
                else ""
            )
            raise ReportError(f"{exc}{hint}", code=exc.code) from None

    @cached_property
    def answers(self) -> AnswerSet | None:
        """The cycle's answers, or None when they are not used or the results name no answers file."""
        if not self.use_answers:
            return None
        answers_path = self.source("answers")
        agencies_path = self.source("agencies")
        if answers_path is None or agencies_path is None:
            return None
        tiers = {a.id: a.tier for a in read_agencies(agencies_path)}
        return read_answers(answers_path, self.framework, tiers)

    @cached_property
    def previous(self) -> Results | None:
        """The previous cycle's results, given or named in the results' sources; None without one."""
        if self._previous is not None:
            return self._previous
        p = self.source("previous") if (self.doc.get("sources") or {}).get("previous") else None
        return read_results(p) if p else None

    def previous_agency(self, agency_id: str) -> dict[str, Any] | None:
        prev = self.previous
        if prev is None:
            return None
        return next(
            (a for a in prev["agencies"] if a["id"] == agency_id and a.get("status") == "scored"), None
        )

    def explanations(self, agency_id: str) -> dict[str, TopicExplanation] | None:
        """Why each topic of the agency has its level and what the next level needs (DECISIONS §16)."""
        answers = self.answers
        if answers is None:
            return None
        return explain_from(
            self.framework, answers, agency_id, self.agency(agency_id).get("parent_id") or None
        )
