"""Read a framework file into the model of `schema.py`, reporting every structural problem.

Rules are kept as source text here; `dgmm.scoring.engine` parses and type-checks them so that a
framework with a bad rule also fails at load time (see `dgmm.load_framework`).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path as FsPath
from typing import Any

import yaml

from dgmm.errors import FrameworkError, Problem, did_you_mean
from dgmm.framework import schema as s
from dgmm.framework.kinds import KINDS, RULE_KINDS
from dgmm.framework.yamlsrc import DuplicateKeyError, Path, load_with_lines, path_text

FORMAT = "dgmm-framework"
FORMAT_VERSION = 1
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CODE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$")
OPTION_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")


class _Reader:
    """Builds schema objects from parsed YAML, collecting problems instead of stopping at the first."""

    def __init__(self, file: str, lines: dict[Path, int]) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []
        self.topic = ""

    # -- helpers -------------------------------------------------------------------------------
    def line(self, path: Path) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 0)

    def problem(self, path: Path, message: str, code: str = "invalid") -> None:
        self.problems.append(Problem(self.file, self.line(path), path_text(path), message, code, self.topic))

    def mapping(self, value: Any, path: Path) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.problem(path, f"expected a mapping, found {_kind(value)}", "wrong_type")
        return {}

    def seq(self, d: dict[str, Any], key: str, path: Path, required: bool = True) -> list[Any]:
        value = d.get(key)
        if value is None:
            if required:
                self.problem((*path, key), f"'{key}' is required (a list)", "missing")
            return []
        if not isinstance(value, list):
            self.problem((*path, key), f"expected a list, found {_kind(value)}", "wrong_type")
            return []
        return value

    def string(self, d: dict[str, Any], key: str, path: Path, required: bool = True) -> str:
        value = d.get(key)
        if value is None:
            if required:
                self.problem((*path, key), f"'{key}' is required", "missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem((*path, key), f"expected text, found {_kind(value)}", "wrong_type")
            return ""
        return str(value)

    def number(self, d: dict[str, Any], key: str, path: Path) -> float | None:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem((*path, key), f"expected a number, found {_kind(value)}", "wrong_type")
            return None
        return float(value)

    def boolean(self, d: dict[str, Any], key: str, path: Path, default: bool) -> bool:
        value = d.get(key, default)
        if not isinstance(value, bool):
            self.problem((*path, key), f"expected true or false, found {value!r}", "wrong_type")
            return default
        return value

    def text(self, d: dict[str, Any], stem: str, path: Path, required: bool = False) -> s.Text:
        th = self.string(d, f"{stem}_th", path, required=False)
        en = self.string(d, f"{stem}_en", path, required=False)
        if required and not (th or en):
            self.problem((*path, f"{stem}_th"), f"'{stem}_th' or '{stem}_en' is required", "missing")
        return s.Text(th, en)

    def rule_source(self, value: Any, path: Path) -> s.RuleSource | None:
        if value is None:
            return None
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(value, str | int | float):
            self.problem(path, f"a rule is a text expression, found {_kind(value)}", "wrong_type")
            return None
        return s.RuleSource(str(value), self.line(path), path_text(path))

    def check_keys(self, d: dict[str, Any], allowed: set[str], path: Path) -> None:
        for key in d:
            if key not in allowed:
                self.problem(
                    (*path, key),
                    f"unknown key '{key}' (expected one of: {', '.join(sorted(allowed))})",
                    "unknown_key",
                )

    # -- the model -----------------------------------------------------------------------------
    def format_header(self, root: dict[str, Any], fmt: str, reads: int = FORMAT_VERSION) -> None:
        """The file's `format` is `fmt` and its `format_version` the one this dgmm reads (`reads`)."""
        if root.get("format") != fmt:
            self.problem(
                ("format",), f"'format' must be '{fmt}', found {root.get('format')!r}", "wrong_format"
            )
        version = root.get("format_version")
        if version != reads:
            self.problem(
                ("format_version",),
                f"this dgmm reads format_version {reads}, found {version!r}",
                "wrong_version",
            )

    def revision(self, root: dict[str, Any]) -> int:
        """The file's `revision`: a whole number from 1 (1 when not given or wrong)."""
        revision = root.get("revision", 1)
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
            self.problem(
                ("revision",), f"revision must be a whole number from 1, found {revision!r}", "wrong_type"
            )
            revision = 1
        return revision

    def framework(self, data: Any, path_name: str, digest: str) -> s.Framework:
        root = self.mapping(data, ())
        self.format_header(root, FORMAT)
        self.check_keys(
            root,
            {
                "format",
                "format_version",
                "id",
                "revision",
                "year",
                "tiers",
                "name_th",
                "name_en",
                "source",
                "scored",
                "level_scale",
                "aggregation",
                "pillars",
                "notes",
                "checks",
            },
            (),
        )
        fid = self.string(root, "id", ())
        if fid and not ID_RE.match(fid):
            self.problem(("id",), f"id {fid!r} must be lowercase letters, digits and '-'", "bad_id")
        revision = self.revision(root)
        year = root.get("year")
        if not isinstance(year, int) or isinstance(year, bool):
            self.problem(
                ("year",), f"year must be a whole number (Buddhist era), found {year!r}", "wrong_type"
            )
            year = 0
        tiers = root.get("tiers")
        if not isinstance(tiers, list) or not tiers:
            self.problem(("tiers",), f"tiers must be a non-empty list of {', '.join(s.TIERS)}", "missing")
            tiers = []
        for i, t in enumerate(tiers):
            if t not in s.TIERS:
                self.problem(
                    ("tiers", i), f"unknown tier {t!r}; expected one of {', '.join(s.TIERS)}", "bad_tier"
                )
        scored = self.boolean(root, "scored", (), True)
        source = root.get("source")
        source_text = ""
        if isinstance(source, dict):
            source_text = ", ".join(f"{k}: {v}" for k, v in source.items())
        elif source is not None:
            source_text = str(source)
        scale = self.level_scale(root.get("level_scale"))
        aggregation = self.aggregation(root.get("aggregation"))
        pillars = tuple(
            self.pillar(p, ("pillars", i), scored) for i, p in enumerate(self.seq(root, "pillars", ()))
        )
        fw = s.Framework(
            id=fid,
            revision=revision,
            year=year,
            tiers=tuple(tiers),
            name=self.text(root, "name", (), True),
            level_scale=scale,
            pillars=pillars,
            aggregation=aggregation,
            scored=scored,
            source=source_text,
            path=path_name,
            notes=self.notes(root.get("notes"), ("notes",)),
            sha256=digest,
            checks=self.checks(root.get("checks")),
        )
        self.topic = ""
        self.check_framework(fw)
        self.check_checks(fw)
        return fw

    def level_scale(self, value: Any) -> tuple[s.Text, ...]:
        path: Path = ("level_scale",)
        if not isinstance(value, list) or len(value) != 5:
            self.problem(path, "level_scale must list exactly 5 levels (1..5)", "bad_scale")
            return tuple(s.Text() for _ in range(5))
        out = []
        for i, item in enumerate(value):
            d = self.mapping(item, (*path, i))
            if d.get("level") != i + 1:
                self.problem(
                    (*path, i, "level"), f"expected level {i + 1}, found {d.get('level')!r}", "bad_scale"
                )
            out.append(self.text(d, "name", (*path, i), True))
        return tuple(out)

    def aggregation(self, value: Any) -> s.Aggregation:
        path: Path = ("aggregation",)
        if value is None:
            return s.Aggregation()
        d = self.mapping(value, path)
        self.check_keys(
            d, {"sub_pillar_level", "pillar_level", "overall_level", "small_group_min", "groups"}, path
        )
        kw: dict[str, Any] = {}
        for key in ("sub_pillar_level", "pillar_level", "overall_level"):
            if key in d:
                if d[key] not in s.AGGREGATES:
                    self.problem(
                        (*path, key),
                        f"expected one of {', '.join(s.AGGREGATES)}, found {d[key]!r}",
                        "bad_aggregate",
                    )
                else:
                    kw[key] = d[key]
        if "small_group_min" in d:
            v = d["small_group_min"]
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                self.problem((*path, "small_group_min"), "expected a whole number from 1", "wrong_type")
            else:
                kw["small_group_min"] = v
        if "groups" in d:
            groups = []
            for i, g in enumerate(self.seq(d, "groups", path)):
                gd = self.mapping(g, (*path, "groups", i))
                mp = self.number(gd, "min_percentile", (*path, "groups", i))
                if mp is None or not 0 <= mp <= 100:
                    self.problem(
                        (*path, "groups", i, "min_percentile"), "expected a percentile 0..100", "bad_group"
                    )
                    mp = 0.0
                groups.append(
                    s.Group(
                        self.string(gd, "id", (*path, "groups", i)),
                        mp,
                        self.text(gd, "name", (*path, "groups", i), True),
                    )
                )
            groups.sort(key=lambda g: -g.min_percentile)
            if groups and groups[-1].min_percentile != 0:
                self.problem(
                    (*path, "groups"), "the lowest group must start at min_percentile 0", "bad_group"
                )
            kw["groups"] = tuple(groups)
        return s.Aggregation(**kw)

    def notes(self, value: Any, path: Path) -> tuple[s.Note, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(path, "notes must be a list", "wrong_type")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                out.append(s.Note(s.Text("", item)))
            elif isinstance(item, dict):
                out.append(
                    s.Note(
                        s.Text(str(item.get("text_th", "")), str(item.get("text_en", ""))),
                        str(item.get("source", "")),
                    )
                )
            else:
                self.problem((*path, i), "a note is text or {text_en, text_th, source}", "wrong_type")
        return tuple(out)

    def checks(self, value: Any) -> tuple[s.Check, ...]:
        """The `checks:` section: consistency checks (conditions compiled by `dgmm.checks`)."""
        path: Path = ("checks",)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(path, f"expected a list of checks, found {_kind(value)}", "wrong_type")
            return ()
        self.topic = ""
        out = []
        for i, item in enumerate(value):
            cp: Path = (*path, i)
            d = self.mapping(item, cp)
            if not d:
                continue
            self.check_keys(
                d, {"id", "severity", "when", "topics", "each", "message_th", "message_en", "notes"}, cp
            )
            cid = self.string(d, "id", cp)
            if cid and not ID_RE.match(cid):
                self.problem(
                    (*cp, "id"), f"check id {cid!r} must be lowercase letters, digits and '-'", "bad_id"
                )
            severity = self.string(d, "severity", cp)
            if severity and severity not in s.SEVERITIES:
                self.problem(
                    (*cp, "severity"),
                    f"unknown severity {severity!r}; expected one of {', '.join(s.SEVERITIES)}",
                    "bad_severity",
                )
            each = self.string(d, "each", cp, required=False)
            if each and each not in s.CHECK_EACH:
                self.problem(
                    (*cp, "each"),
                    f"unknown each {each!r}; expected one of {', '.join(s.CHECK_EACH)}",
                    "bad_each",
                )
            when = self.rule_source(d.get("when"), (*cp, "when"))
            if when is None and "when" not in d:
                self.problem(
                    (*cp, "when"), "'when' is required: the condition that flags the answers", "missing"
                )
            message = self.text(d, "message", cp)
            if not (message.th and message.en):
                self.problem(
                    (*cp, "message_th"),
                    "a check needs its message in Thai and English (message_th, message_en)",
                    "missing",
                )
            topics = d.get("topics") or []
            if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
                self.problem((*cp, "topics"), "expected a list of topic ids", "wrong_type")
                topics = []
            out.append(
                s.Check(
                    id=cid,
                    severity=severity,
                    when=when or s.RuleSource("false", self.line(cp), path_text(cp)),
                    message=message,
                    topics=tuple(topics),
                    each=each,
                    notes=self.notes(d.get("notes"), (*cp, "notes")),
                    line=self.line(cp),
                )
            )
        return tuple(out)

    def check_checks(self, fw: s.Framework) -> None:
        """Check ids are unique; the topics a check names exist."""
        seen: set[str] = set()
        known = {t.id for top in fw.iter_topics() for t in (top, *top.sub_topics)}
        for i, c in enumerate(fw.checks):
            if c.id in seen:
                self.problem(("checks", i, "id"), f"check id {c.id!r} is used twice", "duplicate_check")
            seen.add(c.id)
            for j, tid in enumerate(c.topics):
                if tid not in known:
                    self.problem(
                        ("checks", i, "topics", j),
                        f"unknown topic {tid!r}{did_you_mean(tid, known)}",
                        "unknown_topic",
                    )

    def pillar(self, value: Any, path: Path, scored: bool) -> s.Pillar:
        d = self.mapping(value, path)
        self.check_keys(
            d,
            {
                "id",
                "name_th",
                "name_en",
                "weight",
                "level_names",
                "definition_th",
                "definition_en",
                "advice_th",
                "advice_en",
                "sub_pillars",
                "notes",
            },
            path,
        )
        self.topic = ""
        names = []
        descriptions = []
        ln = d.get("level_names")
        if ln is not None:
            if not isinstance(ln, list) or len(ln) != 5:
                self.problem(
                    (*path, "level_names"), "level_names must list 5 names, level 1 first", "bad_scale"
                )
            else:
                for i, x in enumerate(ln):
                    lp = (*path, "level_names", i)
                    ld = self.mapping(x, lp)
                    self.check_keys(ld, {"name_th", "name_en", "description_th", "description_en"}, lp)
                    names.append(self.text(ld, "name", lp, True))
                    descriptions.append(self.text(ld, "description", lp))
        return s.Pillar(
            id=self.string(d, "id", path),
            name=self.text(d, "name", path, True),
            sub_pillars=tuple(
                self.sub_pillar(x, (*path, "sub_pillars", i), scored)
                for i, x in enumerate(self.seq(d, "sub_pillars", path))
            ),
            level_names=tuple(names),
            weight=self.number(d, "weight", path),
            definition=self.text(d, "definition", path),
            advice=self.text(d, "advice", path),
            level_descriptions=tuple(descriptions) if any(t.th or t.en for t in descriptions) else (),
            notes=self.notes(d.get("notes"), (*path, "notes")),
            line=self.line(path),
        )

    def sub_pillar(self, value: Any, path: Path, scored: bool) -> s.SubPillar:
        d = self.mapping(value, path)
        self.check_keys(
            d,
            {"id", "name_th", "name_en", "in_model", "weight", "advice_th", "advice_en", "topics", "notes"},
            path,
        )
        self.topic = ""
        return s.SubPillar(
            id=self.string(d, "id", path),
            name=self.text(d, "name", path, True),
            topics=tuple(
                self.topic_(x, (*path, "topics", i), scored, False)
                for i, x in enumerate(self.seq(d, "topics", path, required=scored))
            ),
            in_model=self.boolean(d, "in_model", path, True),
            weight=self.number(d, "weight", path),
            advice=self.text(d, "advice", path),
            notes=self.notes(d.get("notes"), (*path, "notes")),
            line=self.line(path),
        )

    def topic_(self, value: Any, path: Path, scored: bool, is_sub: bool) -> s.Topic:
        d = self.mapping(value, path)
        allowed = {
            "id",
            "name_th",
            "name_en",
            "question_codes",
            "from_parent",
            "weight",
            "inputs",
            "rule",
            "levels",
            "notes",
        }
        if not is_sub:
            allowed.add("sub_topics")
        self.check_keys(d, allowed, path)
        tid = self.string(d, "id", path)
        self.topic = tid
        inputs = tuple(
            self.input(x, (*path, "inputs", i), tid) for i, x in enumerate(self.seq(d, "inputs", path, False))
        )
        rule = self.topic_rule(d.get("rule"), (*path, "rule"))
        levels = self.levels(
            d.get("levels"), (*path, "levels"), required=scored and KINDS[rule.kind].has_level
        )
        subs = tuple(
            self.topic_(x, (*path, "sub_topics", i), scored, True)
            for i, x in enumerate(self.seq(d, "sub_topics", path, False))
        )
        self.topic = tid
        qc = d.get("question_codes") or []
        if not isinstance(qc, list):
            self.problem((*path, "question_codes"), "expected a list", "wrong_type")
            qc = []
        return s.Topic(
            id=tid,
            name=self.text(d, "name", path, True),
            inputs=inputs,
            levels=levels,
            rule=rule,
            from_parent=self.boolean(d, "from_parent", path, False),
            weight=self.number(d, "weight", path),
            question_codes=tuple(str(x) for x in qc),
            sub_topics=subs,
            notes=self.notes(d.get("notes"), (*path, "notes")),
            line=self.line(path),
        )

    def topic_rule(self, value: Any, path: Path) -> s.TopicRule:
        if value is None:
            return s.TopicRule(kind="levels", line=self.line(path))
        d = self.mapping(value, path)
        kind = d.get("kind", "levels")
        if kind not in RULE_KINDS:
            self.problem(
                (*path, "kind"),
                f"unknown rule kind {kind!r}; expected one of {', '.join(RULE_KINDS)}",
                "unknown_rule_kind",
            )
            return s.TopicRule(kind="none", line=self.line(path))
        self.check_keys(d, {"kind", "note"} | KINDS[kind].keys, path)
        return KINDS[kind].parse(self, d, path)

    def levels(self, value: Any, path: Path, required: bool) -> dict[int, s.Level]:
        if value is None:
            if required:
                self.problem(path, "'levels' is required: criterion texts for levels 1..5", "missing")
            return {}
        d = self.mapping(value, path)
        out: dict[int, s.Level] = {}
        for key, item in d.items():
            if not isinstance(key, int) or not 1 <= key <= 5:
                self.problem(
                    (*path, key), f"level out of range: {key!r} (expected 1..5)", "level_out_of_range"
                )
                continue
            if item is None:
                out[key] = s.Level(key, s.Text())
                continue
            ld = self.mapping(item, (*path, key))
            self.check_keys(
                ld, {"criterion_th", "criterion_en", "advice_th", "advice_en", "rule", "note"}, (*path, key)
            )
            rule = self.rule_source(ld.get("rule"), (*path, key, "rule"))
            if key == 1 and rule is not None:
                self.problem(
                    (*path, key, "rule"),
                    "level 1 takes no rule: it is the level when no other holds",
                    "rule_on_level_1",
                )
                rule = None
            out[key] = s.Level(
                key, self.text(ld, "criterion", (*path, key)), self.text(ld, "advice", (*path, key)), rule
            )
        return dict(sorted(out.items()))

    def input(self, value: Any, path: Path, topic_id: str) -> s.Input:
        d = self.mapping(value, path)
        self.check_keys(
            d,
            {
                "code",
                "type",
                "answered_by",
                "required",
                "applies_if",
                "label_th",
                "label_en",
                "help_th",
                "help_en",
                "options",
                "rows",
                "columns",
                "min",
                "max",
                "max_length",
                "note",
                "notes",
            },
            path,
        )
        code = self.string(d, "code", path)
        if code and not CODE_RE.match(code):
            self.problem(
                (*path, "code"),
                f"input code {code!r} are letters, digits and '_' in parts joined by '.', "
                "starting with a letter",
                "bad_code",
            )
        typ = self.string(d, "type", path)
        if typ and typ not in s.INPUT_TYPES:
            self.problem(
                (*path, "type"),
                f"unknown input type {typ!r}; expected one of {', '.join(s.INPUT_TYPES)}",
                "unknown_input_type",
            )
        answered_by = d.get("answered_by", "agency")
        if answered_by not in s.ANSWERED_BY:
            self.problem(
                (*path, "answered_by"),
                f"expected one of {', '.join(s.ANSWERED_BY)}, found {answered_by!r}",
                "bad_answered_by",
            )
        options = self.options(d.get("options"), (*path, "options"))
        if typ == "yes_no" and not options:
            options = (s.Option("yes", s.Text("ใช่", "Yes")), s.Option("no", s.Text("ไม่ใช่", "No")))
        if typ == "yes_no" and {o.code for o in options} != {"yes", "no"}:
            self.problem(
                (*path, "options"), "a yes_no input has exactly the options 'yes' and 'no'", "bad_options"
            )
        if typ in ("single_choice", "multiple_choice") and not options:
            self.problem((*path, "options"), f"a {typ} input needs options", "missing")
        if typ not in s.CHOICE_TYPES and d.get("options"):
            self.problem((*path, "options"), f"a {typ} input takes no options", "bad_options")
        rows = self.options(d.get("rows"), (*path, "rows"))
        cols = self.options(d.get("columns"), (*path, "columns"))
        if typ == "matrix" and not (rows and cols):
            self.problem(path, "a matrix input needs rows and columns", "missing")
        lo, hi = self.bound(d, "min", path, typ), self.bound(d, "max", path, typ)
        max_length = self.max_length(d, path, typ)
        inp = s.Input(
            code=code,
            type=typ,
            label=self.text(d, "label", path, True),
            help=self.text(d, "help", path),
            answered_by=str(answered_by),
            required=self.boolean(d, "required", path, True),
            applies_if=self.rule_source(d.get("applies_if"), (*path, "applies_if")),
            options=options,
            rows=rows,
            columns=cols,
            min=lo,
            max=hi,
            max_length=max_length,
            topic_id=topic_id,
            line=self.line(path),
        )
        if lo is not None and hi is not None and lo > hi:
            self.problem((*path, "min"), f"min {lo:g} is above max {hi:g}", "bad_bounds")
        elif typ in s.NUMBER_TYPES and inp.bounds[0] > inp.bounds[1]:
            low, high = inp.bounds
            self.problem(
                (*path, "min"),
                f"the lowest value allowed ({low:g}) is above the highest ({high:g}); state both min and max",
                "bad_bounds",
            )
        return inp

    def bound(self, d: dict[str, Any], key: str, path: Path, typ: str) -> float | None:
        """`min` or `max` of a number input: a finite number within ±BOUND_LIMIT."""
        if key in d and typ not in s.NUMBER_TYPES:
            self.problem((*path, key), f"a {typ} input takes no {key}", "bad_bounds")
            return None
        value = d.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and not abs(value) <= s.BOUND_LIMIT:
            self.problem(
                (*path, key),
                f"expected a number within ±{s.BOUND_LIMIT:.0f}, found one outside it",
                "bad_bounds",
            )
            return None
        return self.number(d, key, path)

    def max_length(self, d: dict[str, Any], path: Path, typ: str) -> int | None:
        """`max_length` of a url, file or text input: a whole number 1..MAX_LENGTH_LIMIT."""
        if "max_length" not in d:
            return None
        value = d["max_length"]
        if typ not in s.STRING_TYPES:
            self.problem(
                (*path, "max_length"),
                f"a {typ} input takes no max_length (only url, file and text)",
                "bad_bounds",
            )
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= s.MAX_LENGTH_LIMIT:
            self.problem(
                (*path, "max_length"),
                f"expected a whole number of characters 1..{s.MAX_LENGTH_LIMIT}, found {_kind(value)}",
                "wrong_type",
            )
        else:
            return value
        return None

    def options(self, value: Any, path: Path) -> tuple[s.Option, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(path, "expected a list of options", "wrong_type")
            return ()
        out: list[s.Option] = []
        seen: set[str] = set()
        for i, item in enumerate(value):
            d = self.mapping(item, (*path, i))
            code = self.string(d, "code", (*path, i))
            if code and not OPTION_RE.match(code):
                self.problem(
                    (*path, i, "code"),
                    f"option code {code!r} may hold letters, digits, '.', '_', '-' only "
                    "(no '|' or ':', which separate answers)",
                    "bad_code",
                )
            if code in seen:
                self.problem((*path, i, "code"), f"option {code!r} is defined twice", "duplicate_option")
            seen.add(code)
            self.check_keys(d, {"code", "label_th", "label_en", "points"}, (*path, i))
            out.append(
                s.Option(code, self.text(d, "label", (*path, i), True), self.number(d, "points", (*path, i)))
            )
        return tuple(out)

    # -- cross checks --------------------------------------------------------------------------
    def check_framework(self, fw: s.Framework) -> None:
        seen_ids: dict[str, str] = {}

        def unique(kind: str, ident: str, line: int) -> None:
            if not ident:
                return
            if ident in seen_ids:
                self.problems.append(
                    Problem(
                        self.file,
                        line,
                        ident,
                        f"{kind} id {ident!r} is already used by a {seen_ids[ident]}",
                        "duplicate_id",
                    )
                )
            seen_ids[ident] = kind

        codes: dict[str, str] = {}
        weights = [p.weight for p in fw.pillars]
        if any(w is not None for w in weights):
            if any(w is None for w in weights):
                self.problems.append(
                    Problem(
                        self.file,
                        self.line(("pillars",)),
                        "pillars",
                        "give every pillar a weight, or none (equal weights)",
                        "weights",
                    )
                )
            elif abs(sum(w or 0 for w in weights) - 100) > 1e-9:
                self.problems.append(
                    Problem(
                        self.file,
                        self.line(("pillars",)),
                        "pillars",
                        f"pillar weights sum to {sum(w or 0 for w in weights):g}, not 100",
                        "weights",
                    )
                )
        for p in fw.pillars:
            unique("pillar", p.id, p.line)
            if fw.scored and not p.sub_pillars:
                self.problems.append(
                    Problem(self.file, p.line, p.id, "a pillar needs sub_pillars", "missing")
                )
            for sp in p.sub_pillars:
                unique("sub-pillar", sp.id, sp.line)
                for t in sp.topics:
                    for topic in (t, *t.sub_topics):
                        unique("topic", topic.id, topic.line)
                        for inp in topic.inputs:
                            if inp.code in codes:
                                self.problems.append(
                                    Problem(
                                        self.file,
                                        inp.line,
                                        inp.code,
                                        f"input code {inp.code!r} is already defined in topic "
                                        f"{codes[inp.code]}",
                                        "duplicate_input",
                                        topic.id,
                                    )
                                )
                            codes[inp.code] = topic.id
                    if KINDS[t.rule.kind].combines_subtopics and not t.sub_topics:
                        self.problems.append(
                            Problem(
                                self.file,
                                t.line,
                                t.id,
                                f"rule kind {t.rule.kind!r} needs sub_topics",
                                "missing",
                                t.id,
                            )
                        )


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


def read_document(path: str | FsPath) -> tuple[Any, dict[Path, int], bytes]:
    """Read one YAML file of the framework family: its data, the line of every value and its bytes.

    Strict: UTF-8 only, plain YAML only (no tags), a key given twice refused. Raises FrameworkError.
    """
    p = FsPath(path)
    name = str(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise FrameworkError(
            [Problem(name, 0, "", f"cannot read the file: {exc.strerror}", "unreadable")]
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FrameworkError(
            [Problem(name, 0, "", f"not UTF-8 text (byte {exc.start})", "not_utf8")]
        ) from None
    try:
        data, lines = load_with_lines(text)
    except DuplicateKeyError as exc:
        raise FrameworkError([Problem(name, exc.line, exc.key, str(exc), "duplicate_key")]) from None
    except yaml.YAMLError as exc:  # report the parser's own position
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else getattr(exc, "line", 0)
        msg = getattr(exc, "problem", None) or str(exc)
        raise FrameworkError([Problem(name, line, "", f"not valid YAML: {msg}", "bad_yaml")]) from None
    return data, lines, raw


def read_framework(path: str | FsPath) -> s.Framework:
    """Read and structurally validate one framework file. Raises FrameworkError with every problem."""
    name = str(path)
    data, lines, raw = read_document(path)
    reader = _Reader(name, lines)
    fw = reader.framework(data, name, hashlib.sha256(raw).hexdigest())
    if reader.problems:
        raise FrameworkError(
            reader.problems, f"{name}: {len(reader.problems)} problem(s) in the framework file"
        )
    return fw
