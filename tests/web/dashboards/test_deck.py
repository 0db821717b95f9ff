"""The national results deck from the web: who may download it, what it shows, and that it is rebuilt
when the results change."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from dgmm.web.cycles.actions import PublishCycle, ReopenCycle
from dgmm.web.cycles.models import CycleResult
from tests.web.dashboards.test_results import closed  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.db]


def deck_text(response, tmp_path: Path) -> str:
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF")
    (tmp_path / "deck.pdf").write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(tmp_path / "deck.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_deck_for_staff_once_scored_and_for_everyone_once_published(closed, client, client_for, tmp_path):  # noqa: F811
    url = reverse("dashboards:deck", kwargs={"cycle": "c2566"})
    assert client.get(url).status_code == 404  # closed, not published
    assert client_for("resp_a1").get(url).status_code == 404
    staff = client_for("analyst").get(url + "?lang=en")
    assert staff.status_code == 200 and staff["Content-Type"] == "application/pdf"
    assert "attachment" in staff["Content-Disposition"]
    text = deck_text(staff, tmp_path)
    assert "PCIO A1" in text  # staff see each tier's top agencies
    results = reverse("dashboards:results", kwargs={"cycle": "c2566"})
    assert url in client_for("analyst").get(results).content.decode()  # linked from the results page

    PublishCycle(closed.cycle, closed.users["analyst"]).execute()
    public = client.get(url + "?lang=en")
    assert public.status_code == 200
    text = deck_text(public, tmp_path)
    assert "PCIO A1" not in text and "Dept A" not in text  # aggregates only: no agency named
    assert "Response" in text or "response" in text

    closed.cycle.publish_agency_results = True
    closed.cycle.save()
    assert "PCIO A1" in deck_text(client.get(url + "?lang=en"), tmp_path)


def test_deck_files_go_with_the_results_they_were_made_from(closed, client_for):  # noqa: F811
    url = reverse("dashboards:deck", kwargs={"cycle": "c2566"})
    assert client_for("analyst").get(url + "?lang=th").status_code == 200
    folder = Path(settings.RESULTS_DIR) / "c2566"
    assert list(folder.glob("deck-th-agencies-*.pdf"))
    ReopenCycle(closed.cycle, closed.users["analyst"], "a late answer is corrected").execute()
    assert not CycleResult.objects.filter(cycle=closed.cycle).exists()
    assert not list(folder.glob("deck-*.pdf"))
    assert client_for("analyst").get(url).status_code == 404  # no results, no deck
