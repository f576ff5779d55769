"""Whether a source file lies in the corpus folder the site serves source files from.

One rule for the passage page's source view (`webui.passage_views`) and `serve`'s startup
check of `--corpus` (`webui.first_build.corpus_warning`), so the warning names exactly the
folders whose links would answer 404.
"""

from __future__ import annotations

from pathlib import Path


def inside_corpus(path: Path, corpus: Path) -> bool:
    """Whether `path` is a regular file inside the folder `corpus`, links resolved (a link
    leading out of the corpus is outside); False for a path that does not exist or cannot be read."""
    try:
        resolved = path.resolve(strict=True)
        folder = corpus.expanduser().resolve()
    except (OSError, RuntimeError):  # gone, unreadable, or a ring of links
        return False
    return resolved.is_file() and resolved.is_relative_to(folder)
