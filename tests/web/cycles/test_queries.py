"""Query counts of the busiest pages stay fixed, whatever the number of questions (no per-input queries)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.cycles.test_submission import CHILD, fill

pytestmark = [pytest.mark.django_db, pytest.mark.db]


@pytest.mark.parametrize(
    ("name", "extra", "user", "post", "most"),
    [
        ("cycles:participation", {}, "resp_a1", None, 8),
        ("cycles:topic", {"topic_id": "P1.SP1.T3"}, "resp_a1", None, 10),
        ("cycles:topic", {"topic_id": "P1.SP1.T4"}, "resp_a1", None, 13),  # + the topic's review comments
        ("cycles:submit", {}, "resp_a1", None, 12),
        ("cycles:autosave", {}, "resp_a1", {"code": "N1", "in-N1": "13", "v-N1": "1"}, 13),
        ("review:detail", {}, "analyst", None, 11),
    ],
)
def test_query_counts(world, client_for, django_assert_max_num_queries, name, extra, user, post, most):
    fill(world, world.pcio_a1, "resp_a1", CHILD)
    client = client_for(user)
    url = reverse(name, kwargs={"cycle": "c2566", "agency": "pcio-a1", **extra})
    with django_assert_max_num_queries(most):
        response = client.post(url, post) if post else client.get(url)
    assert response.status_code == 200
