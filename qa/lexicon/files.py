"""Reading the lexicon's data files (`data/*.json`)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """A data file of the lexicon, parsed once per process (`departments.json`, …)."""
    return json.loads(resources.files("qa.lexicon").joinpath("data", name).read_text(encoding="utf-8"))
