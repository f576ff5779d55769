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


def test_the_rebuild_command_carries_the_variables_the_build_reads(monkeypatch):
    """Run as printed in another shell, without the site's REFERATSOG_DATA, the rebuild dropped
    the administrator's own topics (an upgrade review)."""
    reading, analysis = _this_release()
    monkeypatch.setenv("REFERATSOG_DATA", "/srv/mine data")
    monkeypatch.setenv("REFERATSOG_TOPICS", "/srv/emner.txt")
    warning = stamp_warning(_stamp(reading - 1, analysis, "0.0.1"), Path("/srv/indeks"))

    assert ("til «REFERATSOG_DATA='/srv/mine data' REFERATSOG_TOPICS=/srv/emner.txt "
            "referatsog index --index-dir /srv/indeks» har bygget det forfra.") in warning
    monkeypatch.delenv("REFERATSOG_TOPICS")
    warning = stamp_warning(_stamp(reading - 1, analysis, "0.0.1"), Path("/srv/indeks"), "REFERATSOG_INDEX")
    assert "til «REFERATSOG_DATA='/srv/mine data' referatsog index» har bygget" in warning


# --- an older release's `referatsog index` over a newer release's index ---------------------------


def _older_release(monkeypatch) -> None:
    """This process as the release before: it reads documents as a lower READING_VERSION."""
    import indexer.pipeline

    monkeypatch.setattr(indexer.pipeline, "READING_VERSION", indexer.pipeline.READING_VERSION - 1)


def test_an_older_release_refuses_to_rebuild_a_newer_release_s_index(runner, tmp_path, monkeypatch):
    """It rebuilt it («genopbygget: … læser dokumenterne anderledes …»), undoing the upgrade."""
    from conftest import folder_snapshot, run, seeds_in

    corpus = seeds_in(tmp_path / "referater", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    index_dir = tmp_path / "index"
    assert run(runner, "index", "-q", "--index-dir", index_dir, corpus).exit_code == 0
    before = folder_snapshot(index_dir)

    _older_release(monkeypatch)
    result = run(runner, "index", "--index-dir", index_dir, corpus)

    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert message.startswith(f"Fejl: søgeindekset i {index_dir} er bygget af en nyere udgave af Referatsøg")
    assert message.endswith("– kør den nye udgaves «referatsog index», eller brug --full for at bygge det forfra "
                            "med denne; indekset er uændret.")
    assert "\n" not in message and "genopbygget" not in result.output
    assert folder_snapshot(index_dir) == before

    # asked for: --full rebuilds it with this release
    rebuilt = run(runner, "index", "-q", "--full", "--index-dir", index_dir, corpus)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert folder_snapshot(index_dir) != before


def test_the_refusal_names_the_newer_release_from_its_stamp(tmp_path):
    from indexer.pipeline import READING_VERSION
    from indexer.update import NewerIndex

    assert "af en nyere udgave af Referatsøg (0.9.0) end denne" in str(
        NewerIndex(tmp_path, f"r{READING_VERSION + 1}.a1-0.9.0:0123456789abcdef"))
    assert "af en nyere udgave af Referatsøg end denne" in str(NewerIndex(tmp_path, f"r{READING_VERSION + 1}.a1-?:00"))
