"""Retrieval: scope a question to the reports it names, then rank chunks by keyword and dense search,
fused with reciprocal rank fusion (RRF).

Three rankers, each over the same chunks: BM25 over jieba words, BM25 over character bigrams (robust
to words jieba splits differently), and dense cosine similarity (e5). FINDINGS.md measured each alone
and the fusion; scoping to the named report matters more than any of them.
"""
from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Sequence

import numpy as np

from ..ingest.document import identity_of
from ..ingest.identity import with_current_short_forms
from ..errors import IndexDamagedError
from ..models import Chunk
from ..store.generations import rebuild_hint
from ..store.index import Index
from ..text.tokens import bigram_tokens, word_tokens
from .forms import HeldForms
from .joins import Joins
from .listed_units import unit_listed
from .named import joined_names
from .query import (Query, compared_before, parse_question, restore_quoted, rows_against_year_before, said_in_full,
                    stash_quoted)
from .scope import HeldReport, find_scope
from .sparse import best_of_all, scores_in_scope, top_k

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .embed import Embedder


MODES = ("hybrid", "bm25", "words", "bigrams", "dense")  # bm25 = words + bigrams
RRF_K = 60
#: weight of each ranker in the fusion (see `qa eval`: dense alone is the weakest on these reports)
WEIGHTS = {"words": 1.0, "bigrams": 1.0, "dense": 1.0}
#: how many candidates each ranker contributes to the fusion
CANDIDATES = 50
#: from this many rows in scope a search ranks the bigrams in a second thread while the words are ranked
PARALLEL_ROWS = 500_000
#: below this many scoped chunks, dense scores are computed exactly from the stored vectors
EXACT_DENSE_MAX = 100_000
#: filter combinations whose reports are remembered (a caller usually keeps one filter for many questions)
FILTERS_KEPT = 32


@dataclass(frozen=True)
class Hit:
    """A ranked chunk. `score` is the fused RRF score; `ranks` the 1-based rank per ranker (None: not ranked)."""

    row: int
    chunk: Chunk
    score: float
    ranks: dict[str, int | None] = field(default_factory=dict)
    dense: float | None = None  # cosine similarity with the question, when computed


@dataclass(frozen=True)
class Scope:
    """The documents a question may be answered from, or why there are none."""

    doc_ids: tuple[str, ...]
    reason: str = ""  # set when doc_ids is empty
    note: str = ""  # said with the answer (the department is held for several regions …)

    @property
    def empty(self) -> bool:
        return not self.doc_ids


#: a short bracketed aside and the two characters before it: how a name with brackets is found (出国（境）, 维修(护))
_BRACKETED_NAME = re.compile(r"[\u4e00-\u9fff]{2}[（(][\u4e00-\u9fff]{1,4}[)）]")
_FULL_WIDTH_BRACKETS = str.maketrans("()", "（）")


class Retriever:
    """Searches one opened index. Holds no state between questions beyond the index, the model and what it reads
    from the index once (the held reports, their forms, the reports each filter passes)."""

    def __init__(self, index: Index, embedder: "Embedder | None" = None) -> None:
        self.index = index
        self.embedder = embedder
        self._filtered: dict[tuple, frozenset[str]] = {}  # filters -> doc_ids of the reports they pass

    # -- understanding and scoping
    @cached_property
    def held(self) -> list[HeldReport]:
        """The indexed reports' identities, as the question's scope is matched against them."""
        return [HeldReport.of(d["doc_id"], with_current_short_forms(identity_of(d))) for d in self.index.documents]

    @cached_property
    def joins(self) -> Joins:
        """The other spellings of the held reports' names and the lexicon's written with a conjunction (商品与服务支出
        for 商品和服务支出), read once."""
        return Joins((*self.index.joined_subjects(), *joined_names()))

    def as_printed(self, question: str, doc_ids: Sequence[str]) -> str:
        """The question with each bracketed name (出国(境), 维修（护）) written with the brackets the reports in
        `doc_ids` print it with, when they print it one way only: a subject is matched as its report prints it."""
        if not doc_ids or not _BRACKETED_NAME.search(question):
            return question
        printed: dict[str, set[str]] = {}
        for subject in self.index.bracketed_subjects(doc_ids):
            for m in _BRACKETED_NAME.finditer(subject):
                printed.setdefault(m.group(0).translate(_FULL_WIDTH_BRACKETS), set()).add(m.group(0))

        def written(m: re.Match[str]) -> str:
            forms = printed.get(m.group(0).translate(_FULL_WIDTH_BRACKETS), set())
            return next(iter(forms)) if len(forms) == 1 else m.group(0)
        return _BRACKETED_NAME.sub(written, question)

    @cached_property
    def held_forms(self) -> HeldForms:
        """The held reports' department and region forms, gathered once for every question asked."""
        return HeldForms.of(self.held)

    def _passing(self, filters: dict[str, list[str]]) -> frozenset[str] | None:
        """doc_ids of the reports that pass `filters` (None: no filter), remembered per filter combination."""
        if not filters:
            return None
        key = tuple((k, tuple(v)) for k, v in filters.items())
        passing = self._filtered.get(key)
        if passing is None:  # (read once, kept in a local: callers on other threads may clear the dict)
            passing = frozenset(r.doc_id for r in self.held if _passes(r, filters))
            if len(self._filtered) >= FILTERS_KEPT:
                self._filtered.clear()
            self._filtered[key] = passing
        return passing

    def parse(self, question: str, *, region: str | Sequence[str] | None = None,
              department: str | Sequence[str] | None = None, year: int | Sequence[int] | None = None,
              kind: str | Sequence[str] | None = None) -> Query:
        """The question's scope (the reports it names, among those the filters allow) and topic.

        Filters (a value or a list of values, None = any) narrow the reports before the question is
        read; the question's own region / department / year / kind words then pick among them."""
        filters = _filters(region=region, department=department, year=year, kind=kind)
        within = self._passing(filters)
        question = said_in_full(question)  # 超编 -> 在职人数超过编制数 (questions.json said_for)
        # a quoted name (“2019年度聘请专家人员经费”) is read for its scope only when nothing outside it names one
        found = find_scope(question, self.held_forms, within)
        stashed, quoted = stash_quoted(question)
        if quoted:
            inside = find_scope(stashed, self.held_forms, within)
            if (len(inside.departments), len(inside.regions)) == (len(found.departments), len(found.regions)):
                found = inside
            else:
                quoted = []
        topic_of = question  # (the question as the topic is read from: a unit's name written out in full)
        held = [r for r in self.held if within is None or r.doc_id in within] if not found.doc_ids else []
        listed = unit_listed(question, found, held, self.index)
        if listed is not None:  # 平潭综合实验区信访局在职多少人: a unit printed in another department's report
            written, name, holders = listed
            unit_stashed, unit_quoted = stash_quoted(written.replace(name, f"“{name}”", 1))
            inside = find_scope(unit_stashed, self.held_forms, frozenset(holders))
            if inside.doc_ids:
                found, topic_of, quoted = replace(inside, message=f"{name}没有单独的报告，按列出该单位的部门报告回答"), \
                    written, unit_quoted
        chosen = _describe(filters)
        if not self.held:
            found = replace(found, doc_ids=(), message="索引中还没有报告。")
        elif within is not None and not within:
            found = replace(found, doc_ids=(), message=f"所选范围（{chosen}）内没有报告。")
        elif not found.doc_ids and chosen:
            found = replace(found, message=f"所选范围（{chosen}）内没有与问题相符的报告。{found.message or ''}")
        rest = parse_question(found.rest if found.named else topic_of, find_places=False)
        rest = replace(rest, topic=restore_quoted(rest.topic, quoted))
        whole = parse_question(question, find_places=False)
        named_years = {int(s.value[:4]) for s in found.years if s.value[:4].isdigit()}
        if not whole.compare_years and rows_against_year_before(whole.operation, whole.year, named_years):
            # 2019年…比2018年减少的项级科目: rows against their own 上年 (search.query), of the 2019 report alone
            own = tuple(d for d in found.doc_ids if self.index.documents_by_id[d].get("year") == whole.year)
            found = replace(found, doc_ids=own or found.doc_ids)
        return replace(
            rest,
            text=question,
            region=found.regions[0].value if len(found.regions) == 1 else None,
            regions=tuple(dict.fromkeys(s.value for s in found.regions)),
            departments=tuple(dict.fromkeys(s.value for s in found.departments)),
            year=_year_asked(question, whole.year, found.years) if found.years and not found.each_own else None,
            compare_years=whole.compare_years,
            form=whole.form,
            figure_kind=whole.figure_kind,
            unit=whole.unit,
            asks_actual=whole.asks_actual,
            operation=whole.operation,
            kind=found.kinds[0].value if found.kinds and not found.each_own else None,
            doc_ids=found.doc_ids,
            scope_message=found.message or "",
            previous_year=found.previous_year,
            parts=whole.parts,
            named_as=tuple((s.value, s.text) for s in found.departments if "、" not in s.value),
        )

    def scope(self, query: Query) -> Scope:
        if not self.index.documents:
            return Scope((), "索引中还没有报告。")
        if not query.doc_ids:
            return Scope((), query.scope_message or "问题所指的报告不在索引中。")
        return Scope(query.doc_ids, note=query.scope_message)

    # -- ranking
    def _bm25(self, bm, tokens: list[str], rows: np.ndarray, k: int) -> list[int]:
        if bm is None or not len(rows):
            return []
        vocab = bm.vocab_dict
        ids = [vocab[t] for t in tokens if t in vocab]
        if not ids:
            return []
        n_docs = int(bm.scores["num_docs"])
        if len(rows) == n_docs and rows[0] == 0 and rows[-1] == n_docs - 1:  # every chunk: pruned, same ranking
            return [int(r) for r in best_of_all(bm, ids, k)[0]]
        scores = scores_in_scope(bm, ids, rows)  # only the rows in scope are scored
        order = top_k(scores, k)
        return [int(rows[i]) for i in order if scores[i] > 0]

    def _dense(self, text: str, rows: np.ndarray, k: int) -> tuple[list[int], dict[int, float]]:
        if self.embedder is None or not len(rows):
            return [], {}
        q = self.embedder.encode_query(text)
        index = self.index
        dim = index.distinct_vectors.shape[1]
        if dim != len(q):  # vectors of another model, or a damaged file: one line, not a numpy error
            path = index.path / "vectors.npy"
            raise IndexDamagedError(f"{path} holds vectors of dimension {dim}; the model gives "
                                    f"{len(q)}. {rebuild_hint(index.root)}")
        if len(rows) <= EXACT_DENSE_MAX:
            sims = index.vectors[rows] @ q
        elif index.faiss is None and len(rows) == index.n_chunks:  # every row: the best distinct vectors' rows
            return _rows_of_best(_scores_of_distinct(index.distinct_vectors, q), index.rows_of_vector, k)
        elif index.faiss is None:  # exact: each distinct vector scored once, then read off per row
            sims = _scores_of_distinct(index.distinct_vectors, q)[index.vector_ids[rows]]
        else:
            return self._dense_ivf(q, rows, k)
        order = top_k(sims, k)
        return [int(rows[i]) for i in order], {int(rows[i]): float(sims[i]) for i in order}

    def _dense_ivf(self, q: np.ndarray, rows: np.ndarray, k: int) -> tuple[list[int], dict[int, float]]:
        """Candidates from the IVF index, re-scored exactly from vectors.npy, then the rows holding them."""
        index = self.index
        n = len(index.distinct_vectors)
        allowed = None
        if len(rows) < index.n_chunks:
            allowed = np.zeros(index.n_chunks, dtype=bool)
            allowed[rows] = True
        holders, starts = index.rows_of_vector
        want = k
        while True:  # widen the approximate search until enough in-scope hits come back
            found = index.faiss.search(q[None, :].astype(np.float32), min(want * 20, n))[1][0]
            found = np.sort(found[found >= 0])
            sims = np.asarray(index.distinct_vectors[found]) @ q
            got: list[tuple[int, float]] = []
            for i in np.argsort(-sims, kind="stable"):
                v = int(found[i])
                for row in holders[starts[v] : starts[v + 1]]:
                    if allowed is None or allowed[row]:
                        got.append((int(row), float(sims[i])))
                if len(got) >= k:
                    break
            if len(got) >= k or want * 20 >= n:
                return [r for r, _ in got[:k]], dict(got[:k])
            want *= 4

    def search(
        self,
        query: Query | str,
        *,
        top_k: int = 8,
        mode: str = "hybrid",
        doc_ids: Sequence[str] | None = None,
    ) -> list[Hit]:
        """Rank chunks for `query` within `doc_ids` (default: the question's scope; all if unscoped)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
        if top_k <= 0:
            raise ValueError(f"top_k must be greater than 0; got {top_k}")
        if isinstance(query, str):
            query = self.parse(query)
        if doc_ids is None:
            scope = self.scope(query)
            doc_ids = scope.doc_ids if not scope.empty else ()
        rows = self.index.rows_of(doc_ids)
        if not len(rows):
            return []
        text = query.search_text or query.text
        k = max(CANDIDATES, top_k)
        rankings: dict[str, list[int]] = {}
        dense_scores: dict[int, float] = {}
        bigrams = None
        if mode in ("hybrid", "bm25", "bigrams"):  # over many rows, beside the words' ranking on the other core
            args = (self.index.bm25_bigrams, bigram_tokens(text), rows, k)
            bigrams = _pool().submit(self._bm25, *args) if len(rows) >= PARALLEL_ROWS and mode != "bigrams" else None
            if bigrams is None:
                rankings["bigrams"] = self._bm25(*args)
        if mode in ("hybrid", "bm25", "words"):
            rankings["words"] = self._bm25(self.index.bm25_words, word_tokens(text), rows, k)
        if mode in ("hybrid", "dense"):
            rankings["dense"], dense_scores = self._dense(text, rows, k)
        if bigrams is not None:
            rankings["bigrams"] = bigrams.result()
        rankings = {name: rankings[name] for name in ("words", "bigrams", "dense") if name in rankings}
        fused: dict[int, float] = {}
        for name, ranking in rankings.items():
            for rank, row in enumerate(ranking, 1):
                fused[row] = fused.get(row, 0.0) + WEIGHTS[name] / (RRF_K + rank)
        best = sorted(fused, key=lambda r: (-fused[r], r))[:top_k]
        chunks = self.index.chunks(best)
        positions = {name: {row: i + 1 for i, row in enumerate(rk)} for name, rk in rankings.items()}
        return [
            Hit(row=r, chunk=c, score=fused[r], ranks={n: p.get(r) for n, p in positions.items()}, dense=dense_scores.get(r))
            for r, c in zip(best, chunks)
        ]


@lru_cache(maxsize=1)
def _pool() -> ThreadPoolExecutor:
    """One worker thread, shared by every retriever of the process: the bigram ranking of a search over many rows
    (numpy releases the GIL for the postings' arithmetic)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-bm25")


def _rows_of_best(sims: np.ndarray, holders: tuple[np.ndarray, np.ndarray], k: int) -> tuple[list[int], dict[int, float]]:
    """The k best rows when every row is searched, from the scores of the distinct vectors: the rows holding the
    best vectors, in row order within a vector (what ranking every row gives, rows sharing a vector being equal)."""
    rows, starts = holders
    got: list[tuple[int, float]] = []
    for v in top_k(sims, k):  # each distinct vector is held by one row at least
        got += [(int(r), float(sims[v])) for r in rows[starts[v] : starts[v + 1]]]
        if len(got) >= k:
            break
    return [r for r, _ in got[:k]], dict(got[:k])


def _scores_of_distinct(vectors: np.ndarray, q: np.ndarray, block: int = 65_536) -> np.ndarray:
    """q's inner product with every row of a (memory-mapped) vectors file, a block at a time."""
    return np.concatenate([np.asarray(vectors[i : i + block]) @ q for i in range(0, len(vectors), block)])


def _filters(**given) -> dict[str, list[str]]:
    """The caller's filters, each as its list of values (a value, or a list; None and [] are no filter)."""
    out = {}
    for key, wanted in given.items():
        values = wanted if isinstance(wanted, (list, tuple, set)) else [] if wanted is None else [wanted]
        if values:
            out[key] = [str(v) for v in values]
    return out


def _passes(report: HeldReport, filters: dict[str, list[str]]) -> bool:
    """Whether a report passes every filter (see `_filters`)."""
    for key, values in filters.items():
        have = getattr(report, key)
        if key == "department":
            if not set(values) & {report.department or "", *report.department_aliases}:
                return False
        elif key == "region":
            if not any(have and (have == v or have.endswith(v) or v.endswith(have)) for v in values):
                return False
        elif str(have) not in values:
            return False
    return True


def _describe(filters: dict[str, list[str]]) -> str:
    """The filters in words (地区：通城县、武汉市黄陂区；年度：2023), '' when there are none."""
    labels = {"region": "地区", "department": "部门", "year": "年度", "kind": "类型"}
    return "；".join(f"{labels[key]}：{'、'.join(values)}" for key, values in filters.items())


def _year_asked(question: str, full_year: int | None, spans) -> int | None:
    """The year a question asks: the first it names, a two-digit one (26年) too, which only the scope reads; a
    year named as what is compared against (比2016年) is not it."""
    first = next((s for s in spans if re.fullmatch(r"\d{4}", s.value)), None)
    if first is not None and first.value not in first.text and not compared_before(question, first.start):
        return int(first.value)
    return full_year or _first_year(spans)


def _first_year(spans) -> int | None:
    """The first year of the scope's year spans (a two-digit one, 24年, reads 2024)."""
    for span in spans:
        m = re.match(r"\d{4}", span.value)
        if m:
            return int(m.group(0))
    return None
