"""Passages encoded by an int8 ONNX copy of the model in onnxruntime (`precision="int8"`).

The copy is made offline, once, from the model folder the embedder already loaded:
1. the BERT is exported with `torch.onnx.export`, its attention in the eager form, which
2. onnxruntime's BERT optimizer fuses (Attention, SkipLayerNormalization, BiasGelu, EmbedLayerNormalization);
3. the weights are quantised per channel to int8 with `onnxruntime.quantization.quantize_dynamic` (activations
   quantised on the fly), except each layer's FFN output projection (`output/dense`), which stays fp32: its input,
   the GELU output, has the outliers per-tensor activation quantisation handles worst.
It is written to `<model>/onnx/v<EXPORT_VERSION>-model_qint8.onnx` atomically. Encoding tokenises with the
folder's own `tokenizer.json`, runs the graph, mean-pools over the attention mask and L2-normalises, as the
sentence-transformers model does.

`benchmarks/quant.py` measures each step against torch fp32 (benchmarks/README.md, issue 13): fusing makes it
faster, keeping the 12 FFN output projections fp32 raises the passages' cosine to fp32 from >= 0.99 to >= 0.997.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)

FILE_NAME = "model_qint8.onnx"
#: bump when the export or the quantisation recipe changes, so an old copy is not used
EXPORT_VERSION = 2


def int8_path(model_dir: Path) -> Path:
    return Path(model_dir) / "onnx" / f"v{EXPORT_VERSION}-{FILE_NAME}"


def export_int8(model: "SentenceTransformer", model_dir: Path) -> Path:
    """Write the int8 ONNX copy of `model` (loaded from `model_dir`) beside it, once; return its path."""
    target = int8_path(model_dir)
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    logger.info("Exporting an int8 ONNX copy of the embedding model to %s (once)", target)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
    try:
        fp32 = _export_fp32(model, work / "model.onnx")
        fused = _fuse(model, fp32, work / "fused.onnx")
        quantize(fused, work / FILE_NAME)
        os.replace(work / FILE_NAME, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _export_fp32(model: "SentenceTransformer", out: Path) -> Path:
    """The BERT as an ONNX graph: (input_ids, attention_mask) -> the last hidden state, attention in eager form
    (the fused-attention pattern onnxruntime's optimizer recognises; the SDPA form is not fused)."""
    import torch

    bert = model[0].auto_model.eval()

    class _Hidden(torch.nn.Module):  # the graph's one output: the last hidden state
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    sample = model.tokenizer(["passage: 机关运行经费", "passage: 一般公共预算财政拨款支出"], padding=True, return_tensors="pt")
    axes = {0: "batch", 1: "tokens"}
    attn = getattr(bert.config, "_attn_implementation", None)
    bert.config._attn_implementation = "eager"
    try:
        with torch.no_grad():
            torch.onnx.export(_Hidden(bert), (sample["input_ids"], sample["attention_mask"]), str(out),
                              input_names=["input_ids", "attention_mask"], output_names=["hidden"],
                              dynamic_axes={"input_ids": axes, "attention_mask": axes, "hidden": axes},
                              opset_version=17, dynamo=False)
    finally:  # the loaded model still encodes queries: leave it as it was
        bert.config._attn_implementation = attn
    return out


def _fuse(model: "SentenceTransformer", source: Path, out: Path) -> Path:
    from onnxruntime.transformers.optimizer import optimize_model

    config = model[0].auto_model.config
    fused = optimize_model(str(source), model_type="bert", num_heads=config.num_attention_heads,
                           hidden_size=config.hidden_size, opt_level=1)
    fused.save_model_to_file(str(out))
    return out


def quantize(source: Path, out: Path, keep_fp32: Callable[[str], bool] | None = None) -> Path:
    """Weights per channel to int8, activations on the fly; MatMuls that `keep_fp32(name)` stay fp32 (default:
    each layer's FFN output projection)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep = keep_fp32 or ffn_output
    names = [n.name for n in onnx.load(str(source), load_external_data=False).graph.node if n.op_type == "MatMul"]
    quantize_dynamic(str(source), str(out), weight_type=QuantType.QInt8, per_channel=True,
                     nodes_to_exclude=[n for n in names if keep(n)],
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})  # fused ops carry no type
    return out


def ffn_output(node_name: str) -> bool:
    """A layer's FFN output projection (`…/layer.N/output/dense/MatMul`), not the attention output's."""
    return node_name.endswith("/output/dense/MatMul") and "/attention/" not in node_name


_ENCODER_MODULES = ("Transformer", "Pooling", "Normalize")  # what Int8Encoder.encode reproduces, in order


def folder_spec(model_dir: Path) -> tuple[int, dict[str, str]] | None:
    """(dimension, prompts) of a sentence-transformers folder, read from its files — so a process that holds the
    int8 copy encodes without importing torch (8.7 s of start-up) — or None when the folder is not the shape
    `Int8Encoder` reproduces (a Transformer, mean pooling, L2 normalisation) or its files cannot be read."""
    folder = Path(model_dir)
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        kinds = tuple(str(m["type"]).rsplit(".", 1)[-1] for m in modules)
        pooling = next(m for m in modules if str(m["type"]).endswith("Pooling"))
        config = json.loads((folder / pooling["path"] / "config.json").read_text(encoding="utf-8"))
        st_config = folder / "config_sentence_transformers.json"
        prompts = json.loads(st_config.read_text(encoding="utf-8")).get("prompts") if st_config.is_file() else None
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return None
    mean = config.get("pooling_mode") == "mean" or config.get("pooling_mode_mean_tokens") is True
    dim = config.get("embedding_dimension", config.get("word_embedding_dimension"))
    if kinds != _ENCODER_MODULES or not mean or not isinstance(dim, int):
        return None
    return dim, dict(prompts or {})


class Int8Encoder:
    """Encodes texts with the int8 ONNX copy: (n, dim) float32, L2-normalised."""

    def __init__(self, onnx_file: Path, tokenizer_file: Path, max_tokens: int = 512, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(os.cpu_count() or 1, 8)
        self.session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()

    #: a batch holds up to batch_size x this many tokens, padding included: many short table rows at once, few
    #: long passages (over the shared PDFs' chunks, 12% faster than batch_size texts a batch)
    TOKENS_PER_TEXT = 32

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(list(texts))
        order = np.argsort([-len(e.ids) for e in encoded], kind="stable")  # similar lengths batch together
        budget = batch_size * self.TOKENS_PER_TEXT
        out: np.ndarray | None = None
        start = 0
        while start < len(order):
            width = len(encoded[order[start]].ids)  # the longest of the batch: lengths fall from here
            part = order[start : start + max(1, budget // width)]
            start += len(part)
            ids = np.zeros((len(part), width), np.int64)
            mask = np.zeros((len(part), width), np.int64)
            for row, i in enumerate(part):
                n = len(encoded[i].ids)
                ids[row, :n], mask[row, :n] = encoded[i].ids, 1
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            m = mask[..., None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            if out is None:
                out = np.zeros((len(texts), pooled.shape[1]), np.float32)
            out[part] = pooled
        return out if out is not None else np.zeros((0, 0), np.float32)
