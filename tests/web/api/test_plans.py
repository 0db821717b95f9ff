"""The plan routes: an agency's plan items with the projection of their changes, and the projection of a
set of planned answers (the core's), with the plan view's permissions and bounded inputs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dgmm.web.plans.models import PlanItem
from tests.web.api.conftest import assert_envelope
from tests.web.plans.conftest import published  # noqa: F401  (the fixture)
from tests.web.plans.test_plans import core_projection

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def plan_url(agency="pcio-a1", cycle="c2566"):
    return reverse("api:plan-detail", kwargs={"cycle": cycle, "agency": agency})


def projection_url(agency="pcio-a1", cycle="c2566"):
    return reverse("api:plan-projection", kwargs={"cycle": cycle, "agency": agency})


def _save(published, client_for):  # noqa: F811
    r = client_for("resp_a1").post(
        reverse("plans:plan", kwargs={"cycle": "c2566", "agency": "pcio-a1"}),
        {"mode": "changes", "tick": ["N3"], "value-N3": "85", "save": "1", "owner": "Khun Somchai"},
    )
    assert r.status_code == 302
    return PlanItem.objects.get()


def test_the_plan_lists_the_items_and_their_projection(published, client_for, api_as):  # noqa: F811
    item = _save(published, client_for)
    body = api_as("resp_a1").get(plan_url()).json()
    assert (body["cycle"], body["agency"], body["framework"]) == ("c2566", "pcio-a1", "all-types")
    [row] = body["items"]
    assert (row["id"], row["topic"], row["target_level"], row["owner"]) == (
        item.pk,
        "P1.SP1.T2",
        item.target_level,
        "Khun Somchai",
    )
    assert row["status"] == "planned" and row["changes"] == item.changes
    assert body["projection"] == core_projection(published, {"N3": "85"}).as_dict()
    assert body["projection_error"] == ""


def test_an_empty_plan_has_no_projection(published, api_as):  # noqa: F811
    body = api_as("analyst").get(plan_url()).json()
    assert body["items"] == [] and body["projection"] is None


def test_a_projection_is_the_cores(published, api_as):  # noqa: F811
    r = api_as("resp_a1").post(projection_url(), {"changes": {"N3": "85", "C1": "a"}})
    assert r.status_code == 200, r.content
    assert r.json() == core_projection(published, {"N3": "85", "C1": "a"}).as_dict()
    assert not PlanItem.objects.exists()  # nothing saved


def test_who_may_read_and_project(published, client_for, api_as):  # noqa: F811
    _save(published, client_for)
    for name in ("resp_a1", "parent_a", "analyst"):
        assert api_as(name).get(plan_url()).status_code == 200, name
        assert api_as(name).post(projection_url(), {"changes": {"N3": "60"}}).status_code == 200, name
    for name in ("resp_b1", "parent_b"):  # another agency's users, another department
        assert_envelope(api_as(name).get(plan_url()), 404, "not_found")
        assert_envelope(api_as(name).post(projection_url(), {"changes": {"N3": "60"}}), 404, "not_found")
    # without a token the caller is anonymous, who sees no agency's plan
    assert_envelope(api_as(None).get(plan_url()), 404, "not_found")
    assert_envelope(api_as(None).post(projection_url(), {"changes": {"N3": "1"}}), 404)
    assert_envelope(api_as("resp_a1").get(plan_url(cycle="nope")), 404)


def test_projection_inputs_are_bounded_and_checked(published, api_as):  # noqa: F811
    api = api_as("resp_a1")
    too_many = {f"X{i}": "1" for i in range(61)}
    assert_envelope(api.post(projection_url(), {"changes": too_many}), 422, "invalid_request")
    assert_envelope(api.post(projection_url(), {"changes": {}}), 422, "invalid_request")
    assert_envelope(api.post(projection_url(), {"changes": {"N3": "9" * 501}}), 422, "invalid_request")
    assert_envelope(api.post(projection_url(), {"changes": {"N" * 41: "1"}}), 422, "invalid_request")
    assert_envelope(api.post(projection_url(), {"changes": ["N3"]}), 422, "invalid_request")
    body = assert_envelope(api.post(projection_url(), {"changes": {"N3": "lots"}}), 422, "bad_change")
    assert "N3" in body["error"]
    body = assert_envelope(api.post(projection_url(), {"changes": {"S1": "90"}}), 422, "bad_change")
    assert "parent department" in body["error"]  # inherited: not the agency's to change
    body = assert_envelope(api.post(projection_url(), {"changes": {"ZZ9": "1"}}), 422, "bad_change")
    assert "unknown input" in body["error"]


def test_the_routes_are_in_the_openapi_document(world, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    get = paths["/api/v1/cycles/{cycle}/agencies/{agency}/plan"]["get"]
    post = paths["/api/v1/cycles/{cycle}/agencies/{agency}/projection"]["post"]
    assert get["operationId"] == "plan_detail" and post["operationId"] == "plan_projection"
    assert {"200", "401", "404"} <= set(get["responses"]) and {"200", "404", "422"} <= set(post["responses"])
