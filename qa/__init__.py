"""disclosure-qa: offline question answering over Chinese budget/final-account disclosures.

The public surface. Importing `qa` loads nothing heavy (no torch, faiss or gradio).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ConfigError, IndexNotFoundError, IndexVersionError, InputError, ModelUnavailableError, QAError
from .models import Answer, Chunk, Citation, Document, Fact, Figure, Page, Table

__version__ = "0.1.0"

__all__ = [
    "Answer", "Chunk", "Citation", "Document", "Fact", "Figure", "Page", "Table",
    "QAError", "InputError", "IndexNotFoundError", "IndexVersionError", "ConfigError", "ModelUnavailableError",
    "__version__",
]
