"""CHANGELOG.md keeps up with the releases: the version pyproject.toml declares (what
`referatsog --version` reports and the index's build stamp holds) has its dated notes, and the
releases are listed newest first under «Unreleased», each saying how to upgrade."""

from __future__ import annotations

import datetime
import re
import tomllib

from tests.conftest import ROOT

# «## [0.5.0] - 2026-12-05», as Keep a Changelog writes a release's heading.
_RELEASE_RE = re.compile(r"^## \[(\d+)\.(\d+)\.(\d+)\] - (\d{4}-\d{2}-\d{2})$")


def _declared_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def _headings() -> list[str]:
    return [line.rstrip() for line in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("## ")]


def _releases() -> list[tuple[tuple[int, int, int], datetime.date]]:
    """Each release heading's version and date, in the file's order (a malformed one fails)."""
    releases = []
    for heading in _headings()[1:]:
        match = _RELEASE_RE.match(heading)
        assert match, f"not a release heading «## [X.Y.Z] - YYYY-MM-DD»: {heading!r}"
        major, minor, patch, day = match.groups()
        releases.append(((int(major), int(minor), int(patch)), datetime.date.fromisoformat(day)))
    return releases


def test_the_declared_version_has_dated_release_notes():
    """Bumping pyproject.toml's version without writing its notes fails here."""
    version = _declared_version()
    dated = [heading for heading in _headings() if re.fullmatch(
        rf"## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}", heading)]
    assert dated, f"CHANGELOG.md has no «## [{version}] - YYYY-MM-DD» section for pyproject's version"


def test_unreleased_comes_first_then_releases_newest_first():
    assert _headings()[0] == "## [Unreleased]"
    releases = _releases()
    versions = [version for version, _ in releases]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions), versions
    days = [day for _, day in releases]
    assert days == sorted(days, reverse=True), "a newer release is dated before an older one"
    # The newest release is the one the package declares: none is listed ahead of it.
    assert ".".join(map(str, versions[0])) == _declared_version()


def test_every_release_says_how_to_upgrade():
    """Each release tells the administrator what to do and what the next run does by itself."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[2:]  # the releases, not «Unreleased»
    without = [section.splitlines()[0] for section in sections if "### Upgrading" not in section]
    assert not without, f"no «### Upgrading» paragraph under {without}"
