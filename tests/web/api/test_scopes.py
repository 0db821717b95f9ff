"""Every API route has the pages' scope: a user of agency A gets 404 for agency B, wherever B appears."""

from __future__ import annotations

import pytest

from dgmm.web.api.api import api
from dgmm.web.cycles.actions import CloseCycle, PublishCycle, SaveAnswer
from dgmm.web.cycles.models import Answer
from tests.web.api.conftest import assert_envelope
from tests.web.conftest import COMPLETE
from tests.web.submitted import submit_everyone

pytestmark = [pytest.mark.django_db, pytest.mark.db]

V1 = "/api/v1"
# Every route, with how a user of pcio-a1 (or its parent department) is kept away from pcio-b1.
AGENCY_ROUTES = {
    ("GET", "/api/v1/cycles/{cycle}/agencies/{agency}"),
    ("GET", "/api/v1/agencies/{agency}"),
    ("GET", "/api/v1/cycles/{cycle}/agencies/{agency}/answers"),
    ("GET", "/api/v1/cycles/{cycle}/agencies/{agency}/answers/{code}"),
    ("PUT", "/api/v1/cycles/{cycle}/agencies/{agency}/answers/{code}"),
    ("GET", "/api/v1/cycles/{cycle}/results/{agency}"),
    ("GET", "/api/v1/cycles/{cycle}/agencies/{agency}/plan"),
    ("POST", "/api/v1/cycles/{cycle}/agencies/{agency}/projection"),
}
LIST_ROUTES = {  # lists that leave B out
    ("GET", "/api/v1/cycles/{cycle}/agencies"),
    ("GET", "/api/v1/agencies"),
    ("GET", "/api/v1/cycles/{cycle}/results"),
    ("GET", "/api/v1/tokens"),
}
CYCLE_ROUTES = {  # a cycle the user does not take part in is 404
    ("GET", "/api/v1/cycles"),
    ("GET", "/api/v1/cycles/{cycle}"),
    ("GET", "/api/v1/cycles/{cycle}/questionnaire/{tier}"),
}
PUBLIC_ROUTES = {  # anyone's, published cycles only (tests/web/api/test_public.py)
    ("GET", "/api/v1/public/cycles"),
    ("GET", "/api/v1/public/cycles/{cycle}/aggregates"),
    ("GET", "/api/v1/public/cycles/{cycle}/datapackage"),
    ("GET", "/api/v1/public/cycles/{cycle}/tables/{name}"),
}
OTHER_ROUTES = {  # the caller's own things, or staff-only
    ("GET", "/api/v1/me"),
    ("POST", "/api/v1/tokens"),
    ("DELETE", "/api/v1/tokens/{token_id}"),
}


def schema_routes() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema(path_prefix="/api/v1/")["paths"]
    return {(m.upper(), p) for p, ops in paths.items() for m in ops}


def test_every_route_of_the_schema_has_a_scope_test():
    assert schema_routes() == AGENCY_ROUTES | LIST_ROUTES | CYCLE_ROUTES | OTHER_ROUTES | PUBLIC_ROUTES


def fill(world, agency, user):
    p = world.participation(agency)
    values = {k: v for k, v in COMPLETE.items() if not (agency.parent_id and k == "S1")}
    for code, raw in values.items():
        SaveAnswer(p, world.users[user], code, raw, 0).execute()


def close_and_publish(world, submit=False):
    """Answers closed and published; with `submit`, every agency submitted first (so each is scored and
    has a plan view)."""
    fill(world, world.pcio_a1, "resp_a1")
    fill(world, world.pcio_b1, "resp_b1")
    fill(world, world.dept_a, "resp_dept_a")
    if submit:
        submit_everyone(world.cycle)
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    PublishCycle(world.cycle, world.users["analyst"]).execute()


def agency_urls(world, agency):
    c = world.cycle.code
    return [
        ("GET", f"{V1}/cycles/{c}/agencies/{agency.code}", None),
        ("GET", f"{V1}/agencies/{agency.code}", None),
        ("GET", f"{V1}/cycles/{c}/agencies/{agency.code}/answers", None),
        ("GET", f"{V1}/cycles/{c}/agencies/{agency.code}/answers/C1", None),
        ("PUT", f"{V1}/cycles/{c}/agencies/{agency.code}/answers/C1", {"value": "a", "version": 1}),
        ("GET", f"{V1}/cycles/{c}/results/{agency.code}", None),
        ("GET", f"{V1}/cycles/{c}/agencies/{agency.code}/plan", None),
        ("POST", f"{V1}/cycles/{c}/agencies/{agency.code}/projection", {"changes": {"N3": "85"}}),
    ]


@pytest.mark.parametrize("user", ["resp_a1", "parent_a"])
def test_agency_b_is_404_on_every_agency_route(world, api_as, user):
    close_and_publish(world, submit=True)
    client = api_as(user)
    before = set(Answer.objects.values_list("pk", "version"))
    urls = agency_urls(world, world.pcio_b1)
    assert {(m, u) for m, u, _b in urls} and len(urls) == len(AGENCY_ROUTES)
    for method, url, body in urls:
        assert_envelope(client.call(method, url, body), 404, "not_found")
    assert set(Answer.objects.values_list("pk", "version")) == before


def test_own_agency_is_reachable_on_every_agency_route(world, api_as):
    close_and_publish(world, submit=True)
    client = api_as("resp_a1")
    for method, url, body in agency_urls(world, world.pcio_a1):
        if method == "PUT":
            continue  # the cycle is closed now; saving is tested on an open cycle
        assert client.call(method, url, body).status_code == 200, url


def test_lists_leave_other_agencies_out(world, api_as, token_of):
    close_and_publish(world)
    token_of("resp_b1")
    c = world.cycle.code
    seen = {}
    for user in ("resp_a1", "parent_a", "analyst"):
        client = api_as(user)
        seen[user] = {
            "participations": {p["agency"]["id"] for p in client.get(f"{V1}/cycles/{c}/agencies").json()},
            "agencies": {a["id"] for a in client.get(f"{V1}/agencies").json()},
            "ranking": {a["id"] for t in client.get(f"{V1}/cycles/{c}/results").json() for a in t["ranking"]},
            "tokens": {t["username"] for t in client.get(f"{V1}/tokens").json()},
        }
    assert seen["resp_a1"] == {
        "participations": {"pcio-a1"},
        "agencies": {"pcio-a1"},
        "ranking": {"pcio-a1"},
        "tokens": {"resp_a1"},
    }
    assert seen["parent_a"]["participations"] == {"dept-a", "pcio-a1", "pcio-a2"}
    assert seen["parent_a"]["agencies"] == {"dept-a", "pcio-a1", "pcio-a2"}
    assert seen["analyst"]["participations"] == {"dept-a", "dept-b", "pcio-a1", "pcio-a2", "pcio-b1"}
    assert {"pcio-b1", "pcio-a1"} <= seen["analyst"]["ranking"]
    assert seen["analyst"]["tokens"] >= {"resp_a1", "resp_b1", "parent_a", "analyst"}


def test_a_cycle_without_the_agency_is_404(world, api_as):
    from datetime import timedelta

    from django.utils import timezone

    from dgmm.web.cycles.models import Cycle, CycleFramework, CycleStatus, Participation

    now = timezone.now()
    other = Cycle.objects.create(
        code="other",
        year=2567,
        name_th="อื่น",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=3),
        status=CycleStatus.OPEN,
    )
    CycleFramework.objects.create(
        cycle=other, tier="pcio", framework=world.cycle.frameworks.first().framework
    )
    Participation.objects.create(cycle=other, agency=world.pcio_b1)
    a1, b1 = api_as("resp_a1"), api_as("resp_b1")
    for url in (f"{V1}/cycles/other", f"{V1}/cycles/other/questionnaire/pcio"):
        assert_envelope(a1.get(url), 404, "not_found")
        assert b1.get(url).status_code == 200
    assert "other" not in {c["code"] for c in a1.get(f"{V1}/cycles").json()}
    assert "other" in {c["code"] for c in b1.get(f"{V1}/cycles").json()}


def test_anonymous_calls_see_only_published_cycles(world, api_as):
    anon = api_as(None)
    assert anon.get(f"{V1}/cycles").json() == []
    assert anon.get(f"{V1}/me").json()["is_authenticated"] is False
    assert_envelope(anon.get(f"{V1}/cycles/{world.cycle.code}"), 404, "not_found")
    close_and_publish(world)
    assert [c["code"] for c in anon.get(f"{V1}/cycles").json()] == [world.cycle.code]
    assert anon.get(f"{V1}/cycles/{world.cycle.code}/results").status_code == 200
    assert_envelope(
        anon.get(f"{V1}/cycles/{world.cycle.code}/results/pcio-a1"), 404
    )  # agency results unpublished


def test_tokens_of_others_cannot_be_revoked(world, api_as, token_of):
    from dgmm.web.api.models import ApiToken

    token_of("resp_b1")
    b_token = ApiToken.objects.get(user=world.users["resp_b1"])
    assert_envelope(api_as("resp_a1").call("DELETE", f"{V1}/tokens/{b_token.pk}"), 404, "not_found")
    b_token.refresh_from_db()
    assert b_token.revoked_at is None
    assert api_as("analyst").call("DELETE", f"{V1}/tokens/{b_token.pk}").status_code == 204
    b_token.refresh_from_db()
    assert b_token.revoked_at is not None
