"""First names in Denmark: the evidence that a case handler's field names a person, not a unit
(`indexer.conventions.handler_name`). A data file an administrator may edit (README, «Editable
data files»).

Its own module, imported when a name is first looked up: `indexer.conventions` is imported by
every command before it checks `$REFERATSOG_DATA`, and a variable naming no folder must be said
in one line, not as a traceback at import.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from indexer.datafiles import content_lines, data_file, malformed

# The shipped list, or the one in $REFERATSOG_DATA (`indexer.datafiles.data_file`).
FIRST_NAMES_FILE = data_file("first_names.txt", Path(__file__).resolve().parent / "data" / "first_names.txt")
_FIRST_NAME = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names in Denmark (data file, editable), folded to lower case.

    A file that cannot be read is a `DataFileError`, which `update_index` reads before any
    document (`indexer.datafiles.check_for_index`): not a fault of the document being read.

    >>> {"kirsten", "anne", "karim"} <= first_names(), "myndighed" in first_names()
    (True, False)
    """
    names = set()
    for number, line in content_lines(FIRST_NAMES_FILE):
        if not _FIRST_NAME.fullmatch(line):  # «Anne Marie»: a name's first word alone decides
            raise malformed(FIRST_NAMES_FILE, number, line, "«ét fornavn pr. linje» (som «Kirsten»)")
        names.add(line.casefold())
    return frozenset(names)
