"""Copies: the same agenda item indexed from several files (its text, its PDF, its web page).

Passages are grouped by the name `schema.copy_key` hashes (meeting, item, title, decision),
then within a name by the words their texts share (`schema.sketch_similarity`); a group
from one file only is no copies. Built once per generation (`Snapshot.copies`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.searching import Searcher

from search.columns import column_prefixes, column_values
from search.schema import COPY_HASH_SIZE, COPY_KEY, COPY_KEY_SIZE, COPY_SIMILARITY, COPY_SKETCH_SIZE, sketch_similarity


def build_copies(searcher: Searcher) -> dict[int, tuple[int, bytes]]:
    """`Snapshot.copies` from the `copy_key` column: live passages grouped by the key's hash,
    each group split into clusters of alike texts (`_alike`), clusters from two sources or
    more kept."""
    prefixes: list[np.ndarray] = []
    keep: list[np.ndarray] = []
    segments: list[tuple[int, int, Any]] = []
    for leaf, offset in searcher.reader().leaf_readers():
        count = leaf.doc_count_all()
        if not leaf.has_column(COPY_KEY):  # a segment written before the column: no copies known
            prefixes.append(np.zeros((count, COPY_HASH_SIZE), dtype=np.uint8))
            continue
        column = leaf.column_reader(COPY_KEY, translate=False)
        firsts, lengths = column_prefixes(column, count, COPY_HASH_SIZE)
        live = lengths >= COPY_KEY_SIZE  # passages; file records have no key
        if leaf.has_deletions():
            live[np.fromiter(leaf.deleted_docs_set, dtype=np.intp)] = False
        prefixes.append(firsts)
        keep.append(np.flatnonzero(live) + offset)
        segments.append((offset, count, column))
    if not segments:
        return {}
    docs = np.concatenate(keep)
    hashes = np.ascontiguousarray(np.concatenate(prefixes)).view(">u8").ravel()[docs]
    _, inverse, counts = np.unique(hashes, return_inverse=True, return_counts=True)
    copied = docs[counts[inverse] > 1]
    if not len(copied):
        return {}
    keys: dict[int, bytes] = {}  # the whole keys of the copies, a segment's column read at once
    for offset, count, column in segments:
        inside = copied[(copied >= offset) & (copied < offset + count)]
        if len(inside):
            values = column_values(column, count)
            keys.update((int(d), values[int(d) - offset]) for d in inside)
    named: dict[bytes, list[tuple[bytes, bytes, int]]] = {}
    sketch_end = COPY_HASH_SIZE + 1 + COPY_SKETCH_SIZE
    for d, value in keys.items():
        rank = value[COPY_HASH_SIZE:COPY_HASH_SIZE + 1] + value[sketch_end:]  # preference, then path
        named.setdefault(value[:COPY_HASH_SIZE], []).append((rank, value[COPY_HASH_SIZE + 1:sketch_end], d))
    copies: dict[int, tuple[int, bytes]] = {}
    group = 0
    for members in named.values():
        for cluster in _alike(members):
            if len({rank for rank, _d in cluster}) > 1:  # in one file only: not copies of each other
                copies.update((d, (group, rank)) for rank, d in cluster)
            group += 1
    return copies


def _alike(members: list[tuple[bytes, bytes, int]]) -> list[list[tuple[bytes, int]]]:
    """Passages of one name (rank, word sketch, docnum) in clusters of alike texts: each joins
    the first cluster whose best-ranked passage shares `COPY_SIMILARITY` of its words."""
    clusters: list[tuple[bytes, list[tuple[bytes, int]]]] = []
    for rank, sketch, d in sorted(members):
        for first, cluster in clusters:
            if sketch_similarity(first, sketch) >= COPY_SIMILARITY:
                cluster.append((rank, d))
                break
        else:
            clusters.append((sketch, [(rank, d)]))
    return [cluster for _first, cluster in clusters]


def group_copies(copies: dict[int, tuple[int, bytes]]) -> dict[int, tuple[int, ...]]:
    """Each copy group's passages, best-ranked source first (`Snapshot.copies_of`)."""
    groups: dict[int, list[tuple[bytes, int]]] = {}
    for d, (group, rank) in copies.items():
        groups.setdefault(group, []).append((rank, d))
    return {group: tuple(d for _rank, d in sorted(members)) for group, members in groups.items()}
