"""Request and response shapes of the JSON API (they make the OpenAPI schema)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field


class ErrorItem(Schema):
    field: str = ""
    message: str
    code: str
    row: int | None = None
    column: str | None = None
    file: str | None = None


class Error(Schema):
    """The one error envelope of the web application."""

    ok: Literal[False] = False
    error: str
    errors: list[ErrorItem] = []
    status: int
    code: str


class Me(Schema):
    username: str | None
    role: str | None
    agency_id: str | None
    is_authenticated: bool


class CycleOut(Schema):
    code: str
    year: int
    name_th: str
    name_en: str
    status: str
    opens_at: datetime
    closes_at: datetime
    frameworks: dict[str, str]  # tier -> framework reference
    has_results: bool


class AgencyOut(Schema):
    id: str
    name_th: str
    name_en: str
    tier: str
    parent_id: str | None
    ministry: str | None
    province: str | None


class ParticipationOut(Schema):
    agency: AgencyOut
    status: str
    submitted_at: datetime | None
    can_edit: bool


class AnswerOut(Schema):
    input: str
    source: str
    value: str | None
    version: int
    updated_at: datetime


class AnswerIn(Schema):
    """``value`` in the long format (docs/framework-format.md); null clears the answer.

    ``version`` is the version last read (0 when there was no answer): a stale one is refused with 409.
    """

    value: str | None
    version: int
    source: Literal["agency", "analyst"] = "agency"


class AnswerSaved(Schema):
    ok: Literal[True] = True
    input: str
    source: str
    value: str | None
    version: int
    changed: bool


class TokenIn(Schema):
    """``username`` defaults to the caller; ``days`` to 90 (at most 365)."""

    username: str | None = Field(None, max_length=150)  # as accounts.User.username
    name: str = Field("", max_length=100)  # as api.ApiToken.name
    days: int | None = None


class TokenOut(Schema):
    id: int
    prefix: str
    name: str
    username: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str  # shown once; only its hash is kept


class TierResults(Schema):
    tier: str
    framework: str
    generated_at: datetime
    cohort: dict[str, Any]
    ranking: list[dict[str, Any]]


class AgencyResults(Schema):
    cycle: str
    tier: str
    framework: str
    agency: dict[str, Any]
    comparators: dict[str, Any]


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


class PublicCycle(Schema):
    code: str
    year: int
    name_th: str
    name_en: str
    published_at: datetime | None
    agency_results: bool = Field(description="whether each agency's results are published")
    open_data: str = Field(description="the address of the cycle's open data files (datapackage.json etc.)")


class PublicAggregates(Schema):
    """The public aggregates of a published cycle (docs/public-data.md); ``tiers`` as documented there."""

    format: Literal["dgmm-public-aggregates"]
    format_version: int
    cycle: dict[str, Any] | None
    agency_results: bool
    response: dict[str, Any]
    tiers: list[dict[str, Any]]


class PublicTable(Schema):
    """One table of a cycle's data package: Table Schema fields and the rows as objects."""

    name: str
    title: str
    title_th: str
    fields: list[dict[str, Any]]
    primary_key: list[str]
    rows: list[dict[str, Any]]


# -- improvement plans (dgmm.web.plans) ----------------------------------------------------------------
PLAN_CHANGES_MAX = 60  # as dgmm.web.plans.planner.MAX_CHANGES: answer changes one projection may carry
PLAN_VALUE_MAX = 500  # as dgmm.web.plans.planner.VALUE_MAX: characters of one planned value
INPUT_CODE_MAX = 40


class PlanItemOut(Schema):
    id: int
    topic: str
    level_now: int | None
    target_level: int
    actions_th: str
    actions_en: str
    changes: dict[str, Any]  # input code -> planned value, as a projection's "changes"
    pmqa_items: list[str]
    responsible_unit: str
    owner: str
    due_date: date | None
    status: Literal["planned", "in_progress", "done", "dropped"]
    updated_at: datetime


class NodeOut(Schema):
    id: str
    kind: Literal["topic", "sub_pillar", "pillar", "overall"]
    score: float | None
    level: int | None
    projected_score: float | None
    projected_level: int | None


class ProjectionOut(Schema):
    """An agency's results now and with the planned changes (``dgmm.whatif.Projection``)."""

    agency: str
    changes: dict[str, Any]
    scored: bool
    overall: NodeOut
    group: str | None
    rank: int | None
    projected_group: str | None
    projected_rank: int | None
    cohort: int
    nodes: list[NodeOut]


class PlanOut(Schema):
    cycle: str
    agency: str
    framework: str
    items: list[PlanItemOut]
    projection: ProjectionOut | None  # the items' changes (dropped ones left out) made together
    projection_error: str = ""  # why the stored changes could not be projected


class ProjectionIn(Schema):
    """Planned answers as text, written as in an answers file ({input code: value}); an empty text
    removes the answer."""

    changes: dict[
        Annotated[str, Field(min_length=1, max_length=INPUT_CODE_MAX)],
        Annotated[str, Field(max_length=PLAN_VALUE_MAX)],
    ] = Field(..., min_length=1, max_length=PLAN_CHANGES_MAX)
