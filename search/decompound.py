"""Danish compounds split into their parts: `boligplacering` → `bolig` + `placering`.

Danish writes compounds as one word, so a search for `placering` would miss
`boligplacering` and `kvote` would miss `flygtningekvote`. At index time the analyzer's
`DecompoundFilter` adds the parts of each compound as extra tokens at the compound's own
position, with a lower weight, so the part finds the compound but ranks it below a passage
that uses the word itself.

A word is split only into parts the lexicon knows, tried longest tail first, with the
linking `s` or `e` between them allowed (`sag|s|behandler`, `flygtning|e|kvote`); a head
that is itself a compound is split again (`integration|s|grund|uddannelse`). Parts are
compared by their Danish stem, so `placering` is known from `placeret` and `placeres`.

The shipped lexicon is two editable files in `search/data/`:

* `compound_lexicon.txt`, learned from the seeds' vocabulary (`learn`, or
  `python -m search.decompound learn PATH...`): every word that occurs at least twice;
* `compound_words.txt`, a small hand-made list of parts common in council language, and
  with a leading `-` the parts never to split off (`-skab`, `-ning`).

Every index adds its own corpus's vocabulary: a first build or a full rebuild counts the
words of everything it indexes (`Vocabulary`) and splits with the shipped lexicon plus
every word seen at least twice. That lexicon is kept in the index's schema, so incremental
runs split new files the same way and queries split unknown compounds by it too (see
`search.index_writer.IndexWriter`). Edit the shipped files, then rebuild (`referatsog index --full`).

>>> split("boligplacering"), split("flygtningekvote"), split("sagsbehandler")
(('bolig', 'placering'), ('flygtning', 'kvote'), ('sag', 'behandler'))
>>> split("integrationsgrunduddannelse"), split("beslutning")
(('integration', 'grund', 'uddannelse'), ())
"""

from __future__ import annotations

import sys
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from indexer.datafiles import content_lines, data_file, malformed
from search import danish

LEXICON_FILE = danish.DATA_DIR / "compound_lexicon.txt"  # generated (`learn`): always the shipped one
WORDS_FILE = data_file("compound_words.txt", danish.DATA_DIR / "compound_words.txt")  # or $REFERATSOG_DATA's

MIN_COMPOUND = 8  # shorter words are not split
# Nor longer ones: the longest Danish compounds in use have some 50 letters
# ("speciallægepraksisplanlægningsstabiliseringsperiode"), and splitting costs the cube of a
# word's length: a made-up word of 500 æøå (1,000 letters folded) took 0.6 s of a web worker.
MAX_COMPOUND = 60
MIN_HEAD = 3  # letters of a first part, without its linking letter ("sag")
MIN_TAIL = 4  # letters of a last part ("cafe")
MIN_STEM = 3  # a part's stem must keep this many letters
MAX_DEPTH = 2  # how often a head may be split again
LINKS = ("s", "e")
LEARN_MIN_COUNT = 2  # how often a word must occur in a corpus to be learned


class Lexicon:
    """Stems of the known parts and the words never to split off; splits words by them.

    Answers are remembered per lexicon (a bounded cache, dropped when pickled), so a full
    build splits each distinct word once. An index keeps its lexicon in its schema (see
    `search.analysis.DecompoundFilter`), so this class is pickled and must stay importable.
    """

    __slots__ = ("stems", "blocked", "_splits", "_hash", "__weakref__")
    CACHE_SIZE = 200_000

    def __init__(self, stems: frozenset[str], blocked: frozenset[str]) -> None:
        self.stems = stems
        self.blocked = blocked
        self._splits: dict[str, tuple[str, ...]] = {}
        self._hash = hash((stems, blocked))  # once: the lexicon is a cache key per highlighted word

    @classmethod
    def from_words(cls, words: Iterable[str]) -> Lexicon:
        """A lexicon of folded words; a leading `-` marks a part never to split off."""
        words = list(words)
        blocked = {w[1:] for w in words if w.startswith("-")}
        known = {danish.stem(w) for w in words if not w.startswith("-") and w.isalpha()}
        return cls(frozenset(known), frozenset(blocked | {danish.stem(w) for w in blocked}))

    def with_words(self, words: Iterable[str]) -> Lexicon:
        """This lexicon plus `words` (e.g. a corpus's vocabulary added to the shipped lexicon)."""
        more = Lexicon.from_words(words)
        return Lexicon(self.stems | more.stems, self.blocked | more.blocked)

    def knows(self, part: str) -> bool:
        """Whether `part` is a known word in some inflection (Snowball stems "aktivitet" and
        "aktiviteter" differently, so a part is also tried with the common endings)."""
        if len(part) < MIN_HEAD or part in self.blocked or danish.is_stop(part):
            return False
        stem = danish.stem(part)
        if len(stem) < MIN_STEM or stem in self.blocked:
            return False
        return any(danish.stem(part + ending) in self.stems for ending in _ENDINGS)

    def may_be_part(self, word: str) -> bool:
        """Whether a folded word may be looked for as a part of compounds the lexicon could not
        split ("garanti" in "kommunegaranti"): a word of `MIN_TAIL` letters or more, not a
        suffix never split off ("tion", "ning": every "integration" ends in one) nor a small word."""
        if len(word) < MIN_TAIL or not word.isalpha() or word in self.blocked or danish.is_stop(word):
            return False
        return danish.stem(word) not in self.blocked

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a folded, lower-case compound (empty when this lexicon cannot split it)."""
        parts = self._splits.get(word)
        if parts is None:
            parts = tuple(_split(word, self, 0)) if MIN_COMPOUND <= len(word) <= MAX_COMPOUND and word.isalpha() else ()
            if len(self._splits) >= self.CACHE_SIZE:
                self._splits.clear()
            self._splits[word] = parts
        return parts

    def __len__(self) -> int:
        return len(self.stems)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and (self.stems, self.blocked) == (other.stems, other.blocked)

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"Lexicon({len(self.stems)} stems, {len(self.blocked)} blocked)"

    def __getstate__(self) -> tuple[frozenset[str], frozenset[str]]:
        return self.stems, self.blocked

    def __setstate__(self, state: tuple[frozenset[str], frozenset[str]]) -> None:
        self.__init__(*state)


_ENDINGS = ("", "er", "en", "e")


def read_words(path: Path) -> list[str]:
    """The words of a lexicon file: one per line, `#` comments, folded to lower-case ASCII spellings."""
    if not path.exists():
        return []
    words = []
    for number, line in content_lines(path):  # `DataFileError`: not UTF-8
        if len(line.split()) != 1:  # «to ord her» matched nothing, said nothing (an administrator review)
            raise malformed(path, number, line, "«ét ord pr. linje» (eller «-ord»)")
        words.append(danish.fold(line))
    return words


_INTERNED: weakref.WeakValueDictionary[int, Lexicon] = weakref.WeakValueDictionary()


def interned(lexicon: Lexicon) -> Lexicon:
    """One object per distinct lexicon in this process.

    Every searcher unpickles its own copy of an index's lexicon; caches keyed by a lexicon
    (`analysis.word_terms`) would compare those copies stem by stem on every lookup (frozenset
    equality is linear), which made highlighting ten times slower. Interned, the keys are
    identical and compare at once; the one full comparison happens here, per copy.
    """
    known = _INTERNED.get(hash(lexicon))
    if known is lexicon:
        return known
    if known is not None and known == lexicon:
        return known
    _INTERNED[hash(lexicon)] = lexicon
    return lexicon


def load_lexicon(*paths: Path) -> Lexicon:
    """The lexicon of the given files (default: the two shipped files)."""
    return Lexicon.from_words(w for path in (paths or (LEXICON_FILE, WORDS_FILE)) for w in read_words(path))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    return load_lexicon()


def split(word: str, lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """The parts of a folded, lower-case compound by `lexicon` (default: the shipped one)."""
    return (lexicon if lexicon is not None else default_lexicon()).split(word)


def _split(word: str, lexicon: Lexicon, depth: int) -> list[str]:
    for cut in range(MIN_HEAD, len(word) - MIN_TAIL + 1):  # longest tail first
        tail = word[cut:]
        if not lexicon.knows(tail):
            continue
        head = word[:cut]
        # The head without its linking letter first ("sag" of "sags"), then as written.
        heads = [head[:-1] for link in LINKS if head.endswith(link) and len(head) > MIN_HEAD] + [head]
        inner = _split(tail, lexicon, depth + 1) if depth < MAX_DEPTH else []  # a known tail may be a compound too
        for candidate in heads:
            if lexicon.knows(candidate):
                return [candidate, tail, *inner]
        if depth < MAX_DEPTH:
            for candidate in heads:
                if len(candidate) >= MIN_COMPOUND and (parts := _split(candidate, lexicon, depth + 1)):
                    return [*parts, tail, *inner]
    return []


class Vocabulary:
    """A corpus's word counts, gathered while it is indexed, and the lexicon words they give.

    Raw tokens are counted as they come (one C-level `Counter.update` per text); folding and
    filtering happen once per distinct word, in `words()`.
    """

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    def add(self, text: str) -> None:
        self._counts.update(danish.tokens(text.lower()))

    def words(self, min_count: int = LEARN_MIN_COUNT) -> list[str]:
        """Folded content words of 3+ letters seen at least `min_count` times, sorted."""
        folded: Counter[str] = Counter()
        for token, count in self._counts.items():
            folded[danish.fold(token)] += count
        # Not the stop words the index searches all the same («ikke»): a content word of no
        # compound, learned as a part since it is indexed (a docs review: the documented command
        # no longer wrote the shipped lexicon).
        return sorted(w for w, n in folded.items()
                      if n >= min_count and len(w) >= MIN_HEAD and w.isalpha() and not danish.is_stop(w)
                      and w not in danish.SEARCHED_SMALL_WORDS)


def learn(texts: Iterable[str], min_count: int = LEARN_MIN_COUNT) -> list[str]:
    """A corpus's vocabulary as lexicon words: folded content words of 3+ letters seen `min_count` times."""
    vocabulary = Vocabulary()
    for text in texts:
        vocabulary.add(text)
    return vocabulary.words(min_count)


def learn_files(paths: Sequence[Path]) -> list[str]:
    """Learn from the passages of every readable file under `paths` (read as the indexer reads them)."""
    from indexer.extract import ExtractError
    from indexer.pipeline import read_document

    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file())
    texts = []
    for file in files:
        try:
            texts.extend(f"{p.title}\n{p.text}" for p in read_document(file.resolve(), file.resolve().parent).passages)
        except ExtractError:
            continue
    return learn(texts)


USAGE = ("Brug: python -m search.decompound learn STI... [--out FIL]\n"
         "Lærer sammensatte ords dele af ordforrådet i mapperne og filerne STI og skriver dem i FIL\n"
         f"(standard: {LEXICON_FILE.name} i search/data/).")


def main(argv: Sequence[str]) -> int:
    """`python -m search.decompound learn PATH... [--out FILE]`: write a learned lexicon.

    Anything else (`--help`, an unknown option, no path, a path that does not exist) prints
    the usage and writes nothing; nor is the lexicon replaced by an empty one."""
    args = list(argv[1:]) if argv and argv[0] == "learn" else []
    out = LEXICON_FILE
    if "--out" in args and args.index("--out") + 1 < len(args):
        at = args.index("--out")
        out = Path(args[at + 1])
        del args[at : at + 2]
    missing = [a for a in args if not a.startswith("-") and not Path(a).exists()]
    if not args or any(a.startswith("-") for a in args) or missing:
        if missing:
            print(f"Fejl: {missing[0]} findes ikke.", file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 0 if args in (["--help"], ["-h"]) or argv in (["--help"], ["-h"]) else 2
    words = learn_files([Path(a) for a in args])
    if not words:
        print(f"Fejl: ingen sammensatte ord lært af {' '.join(args)}; {out} er ikke ændret.", file=sys.stderr)
        return 1
    header = (
        "# Compound lexicon learned from a corpus's vocabulary (words seen at least "
        f"{LEARN_MIN_COUNT} times).\n# Regenerate: python -m search.decompound learn {' '.join(args)}\n"
    )
    out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} ord skrevet til {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
