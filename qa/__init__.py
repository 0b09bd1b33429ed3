"""disclosure-qa: offline question answering over Chinese budget/final-account disclosures.

    >>> import qa
    >>> qa.build_index(["reports/"])          # PDF or extracted text; unchanged files are skipped
    >>> a = qa.ask("青山区2023年城乡医疗救助执行率")
    >>> a.text, a.figures, a.citations

Importing `qa` loads nothing heavy (no torch, faiss or gradio); the model loads on first use.
"""
from __future__ import annotations

from typing import Any

from .errors import (
    ConfigError,
    DiskFullError,
    GoldFormatError,
    IndexDamagedError,
    IndexNotFoundError,
    IndexVersionError,
    InputError,
    ModelUnavailableError,
    QAError,
)
from .models import Answer, Chunk, Citation, Document, Fact, Figure, Page, Table

__version__ = "0.1.0"

_API = ("ask", "build_index", "inspect", "open_index", "remove_from_index", "reports")

__all__ = [
    *_API,
    "Answer", "Chunk", "Citation", "Document", "Fact", "Figure", "Page", "Table",
    "QAError", "InputError", "IndexNotFoundError", "IndexVersionError", "ConfigError", "ModelUnavailableError",
    "GoldFormatError", "IndexDamagedError", "DiskFullError", "__version__",
]


def __getattr__(name: str) -> Any:
    if name in _API:  # imported on first use, so `import qa` stays light
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'qa' has no attribute {name!r}")
