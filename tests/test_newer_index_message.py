"""A site still running the old release after the new release's `referatsog index` rebuilt its
index: it told the administrator to rebuild the (newest) index, not to restart the site
(an upgrade review)."""

from __future__ import annotations

from pathlib import Path

import pytest

from webui.first_build import stamp_warning


def _this_release() -> tuple[int, int]:
    from indexer.pipeline import READING_VERSION
    from search.analysis import ANALYSIS_VERSION

    return READING_VERSION, ANALYSIS_VERSION


def _stamp(reading: int, analysis: int, release: str = "9.9.9") -> str:
    return f"r{reading}.a{analysis}-{release}:0123456789abcdef"


@pytest.mark.parametrize("newer", [(1, 0), (0, 1)], ids=["reading", "analysis"])
def test_an_index_built_by_a_newer_release_asks_for_a_restart_not_a_rebuild(newer):
    reading, analysis = _this_release()
    warning = stamp_warning(_stamp(reading + newer[0], analysis + newer[1]), Path("/srv/indeks"))

    assert warning.startswith("Advarsel: søgeindekset er bygget af en nyere udgave af Referatsøg")
    assert "genstart «referatsog serve» med den nye udgave" in warning
    assert "referatsog index" not in warning and "\n" not in warning


def test_an_index_built_by_an_older_release_still_asks_for_a_rebuild():
    reading, analysis = _this_release()
    warning = stamp_warning(_stamp(reading - 1, analysis, "0.0.1"), Path("/srv/indeks"))

    assert "læser dokumenterne anderledes" in warning
    assert "«referatsog index --index-dir /srv/indeks» har bygget det forfra" in warning
    assert "nyere udgave" not in stamp_warning(None, Path("/srv/indeks"))  # built before stamps: older


def _index_stamped(monkeypatch, stamp: str) -> None:
    from search.index import SearchIndex

    stats = SearchIndex.stats
    monkeypatch.setattr(SearchIndex, "stats", lambda self, *a, **k: {**stats(self, *a, **k), "build_stamp": stamp})


def test_healthz_says_the_index_is_newer_than_the_running_release(client, monkeypatch):
    reading, analysis = _this_release()
    assert client.get("/healthz").json["index_newer_than_this_release"] is False

    _index_stamped(monkeypatch, _stamp(reading + 1, analysis))
    body = client.get("/healthz").json
    assert body["built_by_this_release"] is False and body["index_newer_than_this_release"] is True
    assert client.get("/api/status").json["index_newer_than_this_release"] is True

    _index_stamped(monkeypatch, _stamp(reading - 1, analysis, "0.0.1"))
    body = client.get("/healthz").json
    assert body["built_by_this_release"] is False and body["index_newer_than_this_release"] is False
