"""pages -> Document: a report with its identity (地区, 部门, 年度, 预算/决算, 部门/单位) and title.

`load_document(path)` loads the pages (`qa.ingest.load.load_pages`) and reads the identity from the
content (`qa.ingest.identity.identify`: places from a gazetteer, departments normalised with their short
forms); every field can be overridden by the caller. `merge_documents` gives a report published as two
files (narrative + tables) one identity.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from ..errors import InputError
from ..models import Document
from .identity import Identity, RegionPart, identify, make_title, merge_parts
from .load import load_pages

logger = logging.getLogger(__name__)

KINDS = ("预算", "决算")


def load_document(
    path: str | Path,
    *,
    region: str | None = None,
    department: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    title: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Document:
    """Load a report (PDF or text) as a Document with its identity; arguments override what is read.

    doc_id is the first 12 hex digits of the sha256 of the file's bytes (stable across rebuilds and
    renames); content_hash is the full digest; source is the file name. `on_progress(done, total)`
    is called per parsed PDF page.
    Raises InputError for missing/unsupported/empty files and for a `kind` other than 预算 / 决算.
    """
    p = Path(path)
    if kind is not None and kind not in KINDS:
        raise InputError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
    pages, warnings = load_pages(p, on_progress=on_progress)
    try:
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError as e:  # pragma: no cover - load_pages has just read it
        raise InputError(f"{p}: cannot read the file ({e}).") from e
    identity = identify([page.text for page in pages], p.name)
    identity = override(identity, region=region, department=department, year=year, kind=kind)
    doc = Document(
        doc_id=digest[:12],
        source=p.name,
        title=p.stem,
        pages=tuple(pages),
        path=str(p),
        content_hash=digest,
        warnings=tuple(warnings),
    )
    doc = with_identity(doc, identity)
    return replace(doc, title=title) if title else doc


def override(identity: Identity, *, region: str | None = None, department: str | None = None,
             year: int | None = None, kind: str | None = None) -> Identity:
    """The identity with the caller's values in place of what was read (a department re-read for its short forms)."""
    if department is not None:
        from ..lexicon.department_names import parse_department

        named = parse_department(department, year=year or identity.year)
        aliases = tuple(dict.fromkeys((*named.aliases, named.full))) if named else ()
        # the caller's name stands as given (通城县医保局); its full form and short forms still find it
        identity = replace(identity, department=department, department_aliases=tuple(a for a in aliases if a != department))
        if named is not None and named.region is not None and region is None:
            region = named.region.display
    if region is not None:
        identity = replace(identity, region=region, region_path=tuple(p for p in identity.region_path if region.endswith(p.name))
                           if identity.region != region else identity.region_path)
    if year is not None:
        identity = replace(identity, year=int(year))
    if kind is not None:
        identity = replace(identity, kind=kind)
    if any(v is not None for v in (region, department, year, kind)):
        identity = replace(identity, title=make_title(identity.department or identity.region, identity.year,
                                                      identity.kind, identity.scope))
    return identity


def with_identity(doc: Document, identity: Identity) -> Document:
    """The Document with the identity's fields (its warnings added to the document's)."""
    new = tuple(f"identity: {w}" for w in identity.warnings if f"identity: {w}" not in doc.warnings)
    return replace(
        doc,
        region=identity.region,
        department=identity.department,
        year=identity.year,
        kind=identity.kind,
        scope=identity.scope,
        region_path=tuple((r.name, r.level, r.adcode) for r in identity.region_path),
        department_aliases=identity.department_aliases,
        title=identity.title or doc.title,
        warnings=tuple(w for w in doc.warnings if not w.startswith("identity: ")) + new,
    )


def identity_of(doc: Document | dict) -> Identity:
    """The Identity a Document (or a stored document row) carries."""
    get = doc.get if isinstance(doc, dict) else (lambda k, default=None: getattr(doc, k, default))
    return Identity(
        region=get("region"),
        region_path=tuple(RegionPart(*r) for r in get("region_path") or ()),
        department=get("department"),
        department_aliases=tuple(get("department_aliases") or ()),
        year=get("year"),
        kind=get("kind"),
        scope=get("scope"),
        title=get("title") or "",
        warnings=tuple(w[len("identity: "):] for w in get("warnings") or () if w.startswith("identity: ")),
        source=get("source") or "",
    )


def merge_documents(docs: Sequence[Document], held: Sequence[Document | dict] = ()) -> list[Document]:
    """Give a report published as two files one identity: a file with no department (or region) takes it
    from the complete file of the same report among `docs` and `held` (see `merge_parts`)."""
    mine = [identity_of(d) for d in docs]
    if all(i.complete for i in mine):
        return list(docs)
    merged = merge_parts(mine + [identity_of(h) for h in held])[: len(docs)]
    return [d if m == i else with_identity(d, m) for d, i, m in zip(docs, mine, merged)]


__all__ = ["KINDS", "identity_of", "load_document", "merge_documents", "override", "with_identity"]
