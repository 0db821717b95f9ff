"""The OpenAPI schema lists every route the URL map serves, with the token scheme and the error envelope."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from dgmm.web.api.api import api

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def served_routes() -> set[str]:
    """/api/v1/... paths from Django's URL map, with ninja's <converter:name> written as {name}."""
    out = set()

    def walk(patterns, prefix):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern) and route.startswith("api/v1/"):
                out.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))

    walk(get_resolver().url_patterns, "")
    return out


def test_the_schema_lists_every_served_route(world, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    paths = set(schema["paths"])
    served = served_routes() - {"/api/v1/", "/api/v1/openapi.json", "/api/v1/docs"}
    assert served and served == paths
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert op.get("operationId"), (method, path)
            assert {"401", "404"} <= set(op["responses"]), (method, path)
            if path.startswith("/api/v1/public/"):  # public data: no token (docs/public-data.md)
                assert "security" not in op, (method, path)
            else:
                assert op.get("security") == [{"TokenAuth": []}], (method, path)
    assert {p for p in paths if p.startswith("/api/v1/public/")} == {
        "/api/v1/public/cycles",
        "/api/v1/public/cycles/{cycle}/aggregates",
        "/api/v1/public/cycles/{cycle}/datapackage",
        "/api/v1/public/cycles/{cycle}/tables/{name}",
    }
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_the_answer_routes_document_the_error_envelope(world):
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    put = schema["paths"]["/api/v1/cycles/{cycle}/agencies/{agency}/answers/{code}"]["put"]
    assert {200, 404, 409, 422} <= {int(k) for k in put["responses"]}
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"ok", "error", "errors", "status", "code"}
