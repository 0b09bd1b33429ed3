"""The domain vocabulary as data (`data/*.json`), read by fact extraction and question parsing alike."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """A data file of the lexicon, parsed once per process (`terms.json`, …)."""
    return json.loads(resources.files(__name__).joinpath("data", name).read_text(encoding="utf-8"))


def terms() -> dict[str, Any]:
    """Subjects, measures and question words (`data/terms.json`)."""
    return load_json("terms.json")
