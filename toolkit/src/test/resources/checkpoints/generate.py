#!/usr/bin/python3
"""Generate tiny seeded ERNIE 3.0 checkpoints and their reference outputs.

The checkpoints are written in the formats that RocketQA-zh users download: PaddleNLP
.pdparams pickles (protocols 2, 3 and 4, fp32 and fp16, with old and new config files)
and one Hugging Face safetensors file. The reference outputs come from an ERNIE forward
pass and a WordPiece tokenizer written here in torch and plain Python, independent of the
Java code under test. Nothing here needs PaddlePaddle: a .pdparams file is a pickled dict
of numpy arrays, which this script writes the same way paddle.save does.

Run from any directory with Debian's interpreter (python3-torch, python3-numpy):
    /usr/bin/python3 toolkit/src/test/resources/checkpoints/generate.py
The output is deterministic for a given numpy version.
"""

import collections
import json
import math
import os
import pickle
import struct
import unicodedata

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240607

# Architecture shared by the three models: a scaled-down ERNIE 3.0 (the real ones have
# 4 to 12 layers, hidden 312 to 768, 12 heads, 2048 positions, 4 token types).
CONFIG = {
    "num_hidden_layers": 2,
    "hidden_size": 32,
    "num_attention_heads": 4,
    "intermediate_size": 64,
    "max_position_embeddings": 64,
    "type_vocab_size": 4,
    "task_type_vocab_size": 3,
    "use_task_id": True,
    "pad_token_id": 0,
    "layer_norm_eps": 1e-12,
    "hidden_act": "gelu",
}

QUERY_MAX_LENGTH = 16
PASSAGE_MAX_LENGTH = 40
PAIR_MAX_LENGTH = 38
ATTENTION_MASK_VALUE = -1e4

QUERIES = [
    "NBA总决赛在哪里举行？",
    "iPhone 15的电池容量是多少🔋",
    "北京大学的校训是什么",
    "长江是中国最长的河流吗？请详细介绍一下长江流经哪些省份和城市",
    "丹佛有哪些好的Café？",
]

PASSAGES = [
    "2023年NBA总决赛在丹佛举行，掘金队获得了总冠军。",
    "Apple发布的iPhone 15电池容量为3349mAh，支持快速充电。",
    "北京大学的校训是“爱国、进步、民主、科学”。",
    "长江全长约6300公里，流经青海、西藏、四川、云南、重庆、湖北、湖南、江西、安徽、江苏和上海，是中国第一长河。",
]

# (query index, passage index). With PAIR_MAX_LENGTH 38, pair (1, 1) loses passage tokens, and
# pair (3, 3) cuts both sides with an odd token budget, where the longest-first rules of PaddleNLP
# and Hugging Face tokenizers differ.
PAIRS = [(0, 0), (0, 1), (1, 1), (2, 2), (2, 0), (3, 3), (4, 0)]

SPECIAL_TOKENS = ["[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]"]
# Sub-words for the Latin and digit runs of the texts, so WordPiece has to split words.
WORD_PIECES = ["nba", "ip", "##hone", "apple", "cafe", "15", "20", "##23", "33", "##49",
               "##ma", "##h", "63", "##00", "##s", "the"]
# Characters of the texts left out of the vocabulary on purpose, so they become [UNK].
LEFT_OUT = {"掘"}


# ---------------------------------------------------------------- tokenizer (BERT rules)

def is_control(ch):
    if ch in ("\t", "\n", "\r"):
        return False
    return unicodedata.category(ch) in ("Cc", "Cf")


def is_whitespace(ch):
    if ch in (" ", "\t", "\n", "\r"):
        return True
    return unicodedata.category(ch) == "Zs"


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_chinese_char(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_tokenize(text, lowercase):
    cleaned = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or is_control(ch):
            continue
        cleaned.append(" " if is_whitespace(ch) else ch)
    spaced = []
    for ch in cleaned:
        if is_chinese_char(ord(ch)):
            spaced.extend([" ", ch, " "])
        else:
            spaced.append(ch)
    words = []
    for word in "".join(spaced).split():
        if lowercase:
            word = word.lower()
            word = "".join(c for c in unicodedata.normalize("NFD", word)
                           if unicodedata.category(c) != "Mn")
        current = []
        for ch in word:
            if is_punctuation(ch):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(ch)
            else:
                current.append(ch)
        if current:
            words.append("".join(current))
    return words


def wordpiece(word, vocab):
    if len(word) > 100:
        return ["[UNK]"]
    pieces = []
    start = 0
    while start < len(word):
        end = len(word)
        piece = None
        while start < end:
            candidate = word[start:end]
            if start > 0:
                candidate = "##" + candidate
            if candidate in vocab:
                piece = candidate
                break
            end -= 1
        if piece is None:
            return ["[UNK]"]
        pieces.append(piece)
        start = end
    return pieces


def tokenize(text, vocab, lowercase=True):
    tokens = []
    for word in basic_tokenize(text, lowercase):
        tokens.extend(wordpiece(word, vocab))
    return tokens


def encode_single(text, vocab, max_length):
    tokens = tokenize(text, vocab)
    truncated = len(tokens) > max_length - 2
    tokens = ["[CLS]"] + tokens[:max_length - 2] + ["[SEP]"]
    ids = [vocab[t] for t in tokens]
    return {"tokens": tokens, "input_ids": ids, "token_type_ids": [0] * len(ids), "truncated": truncated}


def encode_pair(query, passage, vocab, max_length):
    a = tokenize(query, vocab)
    b = tokenize(passage, vocab)
    full_a = len(a)
    full_b = len(b)
    # PaddleNLP's longest_first: remove one token at a time from the longer side, from the
    # second side when both are equally long.
    to_remove = len(a) + len(b) + 3 - max_length
    truncated = to_remove > 0
    for _ in range(max(0, to_remove)):
        if len(a) > len(b):
            a = a[:-1]
        else:
            b = b[:-1]
    tokens = ["[CLS]"] + a + ["[SEP]"] + b + ["[SEP]"]
    types = [0] * (len(a) + 2) + [1] * (len(b) + 1)
    return {"tokens": tokens, "input_ids": [vocab[t] for t in tokens], "token_type_ids": types,
            "truncated": truncated, "query_tokens": len(a), "passage_tokens": len(b),
            "query_tokens_untruncated": full_a, "passage_tokens_untruncated": full_b}


def build_vocab():
    tokens = list(SPECIAL_TOKENS)
    seen = set(tokens)
    for text in QUERIES + PASSAGES:
        for word in basic_tokenize(text, lowercase=True):
            if len(word) == 1 and (is_chinese_char(ord(word)) or is_punctuation(word)):
                if word not in seen and word not in LEFT_OUT:
                    seen.add(word)
                    tokens.append(word)
    for piece in WORD_PIECES:
        if piece not in seen:
            seen.add(piece)
            tokens.append(piece)
    return tokens


# ---------------------------------------------------------------- weights

def make_weights(rng, vocab_size, with_classifier):
    h = CONFIG["hidden_size"]
    f = CONFIG["intermediate_size"]

    def normal(shape, std):
        return (rng.standard_normal(shape) * std).astype(np.float32)

    def ln_weight():
        return (1.0 + rng.standard_normal(h) * 0.1).astype(np.float32)

    w = collections.OrderedDict()
    w["embeddings.word_embeddings.weight"] = normal((vocab_size, h), 0.5)
    w["embeddings.position_embeddings.weight"] = normal((CONFIG["max_position_embeddings"], h), 0.1)
    w["embeddings.token_type_embeddings.weight"] = normal((CONFIG["type_vocab_size"], h), 0.2)
    w["embeddings.task_type_embeddings.weight"] = normal((CONFIG["task_type_vocab_size"], h), 0.2)
    w["embeddings.layer_norm.weight"] = ln_weight()
    w["embeddings.layer_norm.bias"] = normal(h, 0.1)
    for i in range(CONFIG["num_hidden_layers"]):
        p = "encoder.layers.%d." % i
        for proj in ("q_proj", "k_proj", "v_proj", "out_proj"):
            w[p + "self_attn.%s.weight" % proj] = normal((h, h), 1 / math.sqrt(h))
            w[p + "self_attn.%s.bias" % proj] = normal(h, 0.1)
        w[p + "linear1.weight"] = normal((h, f), 1 / math.sqrt(h))
        w[p + "linear1.bias"] = normal(f, 0.1)
        w[p + "linear2.weight"] = normal((f, h), 1 / math.sqrt(f))
        w[p + "linear2.bias"] = normal(h, 0.1)
        w[p + "norm1.weight"] = ln_weight()
        w[p + "norm1.bias"] = normal(h, 0.1)
        w[p + "norm2.weight"] = ln_weight()
        w[p + "norm2.bias"] = normal(h, 0.1)
    w["pooler.dense.weight"] = normal((h, h), 1 / math.sqrt(h))
    w["pooler.dense.bias"] = normal(h, 0.1)
    if with_classifier:
        w["classifier.weight"] = normal((h, 2), 4.0 / math.sqrt(h))
        w["classifier.bias"] = normal(2, 0.1)
    return w


PADDLE_TO_CANONICAL_LAYER = {
    "self_attn.q_proj": "attention.self.query",
    "self_attn.k_proj": "attention.self.key",
    "self_attn.v_proj": "attention.self.value",
    "self_attn.out_proj": "attention.output.dense",
    "norm1": "attention.output.LayerNorm",
    "linear1": "intermediate.dense",
    "linear2": "output.dense",
    "norm2": "output.LayerNorm",
}


def canonical_name(paddle_name):
    """Maps a Paddle ERNIE name to the Hugging Face BERT name the Java side uses."""
    if paddle_name.startswith("embeddings.layer_norm."):
        return paddle_name.replace("embeddings.layer_norm.", "embeddings.LayerNorm.")
    if paddle_name.startswith("encoder.layers."):
        parts = paddle_name.split(".")
        layer = parts[2]
        module = ".".join(parts[3:-1])
        return "encoder.layer.%s.%s.%s" % (layer, PADDLE_TO_CANONICAL_LAYER[module], parts[-1])
    return paddle_name


def is_linear_weight(canonical):
    return canonical.endswith(".weight") and ("dense" in canonical or "attention.self." in canonical
                                             or canonical.startswith("classifier."))


# ---------------------------------------------------------------- reference forward pass

def layer_norm(x, weight, bias, eps):
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * weight + bias


def ernie_forward(w, input_ids, token_type_ids):
    """Returns the last hidden states [B, L, H] in float64; w maps canonical names to arrays."""
    t = {k: torch.from_numpy(v.astype(np.float64)) for k, v in w.items()}
    ids = torch.tensor(input_ids, dtype=torch.long)
    types = torch.tensor(token_type_ids, dtype=torch.long)
    batch, length = ids.shape
    h = CONFIG["hidden_size"]
    heads = CONFIG["num_attention_heads"]
    d = h // heads
    eps = CONFIG["layer_norm_eps"]

    x = (t["embeddings.word_embeddings.weight"][ids]
         + t["embeddings.position_embeddings.weight"][torch.arange(length)][None, :, :]
         + t["embeddings.token_type_embeddings.weight"][types]
         + t["embeddings.task_type_embeddings.weight"][0][None, None, :])
    x = layer_norm(x, t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"], eps)
    mask = (ids == CONFIG["pad_token_id"]).double() * ATTENTION_MASK_VALUE
    mask = mask[:, None, None, :]

    for i in range(CONFIG["num_hidden_layers"]):
        p = "encoder.layer.%d." % i

        def linear(inp, name):
            return inp @ t[p + name + ".weight"] + t[p + name + ".bias"]

        def split(z):
            return z.view(batch, length, heads, d).transpose(1, 2)

        q = split(linear(x, "attention.self.query"))
        k = split(linear(x, "attention.self.key"))
        v = split(linear(x, "attention.self.value"))
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(d) + mask
        context = torch.softmax(scores, dim=-1) @ v
        context = context.transpose(1, 2).reshape(batch, length, h)
        x = layer_norm(x + linear(context, "attention.output.dense"),
                       t[p + "attention.output.LayerNorm.weight"], t[p + "attention.output.LayerNorm.bias"], eps)
        inner = torch.nn.functional.gelu(linear(x, "intermediate.dense"))
        x = layer_norm(x + linear(inner, "output.dense"),
                       t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"], eps)
    return x, t


def pad_batch(encodings):
    length = max(len(e["input_ids"]) for e in encodings)
    pad = CONFIG["pad_token_id"]
    ids = [e["input_ids"] + [pad] * (length - len(e["input_ids"])) for e in encodings]
    types = [e["token_type_ids"] + [0] * (length - len(e["token_type_ids"])) for e in encodings]
    return ids, types


def cls_vectors(w, encodings):
    """[CLS] vectors, one sequence at a time, checked against a padded batch."""
    vectors = []
    for e in encodings:
        hidden, _ = ernie_forward(w, [e["input_ids"]], [e["token_type_ids"]])
        vectors.append(hidden[0, 0])
    single = torch.stack(vectors)
    ids, types = pad_batch(encodings)
    batched, _ = ernie_forward(w, ids, types)
    difference = (batched[:, 0] - single).abs().max().item()
    assert difference < 1e-9, "padding changed [CLS] vectors by %g" % difference
    return single


def cross_scores(w, encodings):
    hidden, t = ernie_forward(w, *pad_batch(encodings))
    pooled = torch.tanh(hidden[:, 0] @ t["pooler.dense.weight"] + t["pooler.dense.bias"])
    logits = pooled @ t["classifier.weight"] + t["classifier.bias"]
    return logits, torch.softmax(logits, dim=-1)[:, 1]


# ---------------------------------------------------------------- writers

class PaddleTensor:
    """Pickles like paddle.save's reduce of a Tensor outside a plain state dict: (tuple, ((name, data),))."""

    def __init__(self, name, array):
        self.name = name
        self.array = array

    def __reduce__(self):
        return (tuple, ((self.name, self.array),))


class Reduce:
    """Pickles as a call of `function(*args)`; used for the malicious fixtures."""

    def __init__(self, function, args):
        self.function = function
        self.args = args

    def __reduce__(self):
        return (self.function, self.args)


class RawArray:
    """Pickles exactly like an ndarray, but with a state we choose, to make invalid arrays."""

    def __init__(self, shape, dtype, data):
        self.state = (1, shape, np.dtype(dtype), False, data)

    def __reduce__(self):
        return (np.core.multiarray._reconstruct, (np.ndarray, (0,), b"b"), self.state)


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def write_text(path, text):
    write_bytes(path, text.encode("utf-8"))


def write_json(path, value):
    write_text(path, json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def paddle_param_names(keys):
    """Paddle's automatic parameter names (embedding_0.w_0, linear_3.b_0, ...), for StructuredToParameterName@@."""
    names = {}
    counters = collections.Counter()
    for key in keys:
        kind = "embedding" if "embeddings" in key and "layer_norm" not in key else (
            "layer_norm" if "norm" in key else "linear")
        module = key.rsplit(".", 1)[0]
        if module not in names:
            names[module] = "%s_%d" % (kind, counters[kind])
            counters[kind] += 1
        suffix = "w_0" if key.endswith("weight") else "b_0"
        names[key] = names[module] + "." + suffix
    return {key: names[key] for key in keys}


def write_safetensors(path, tensors):
    header = {}
    offset = 0
    chunks = []
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        chunks.append(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    write_bytes(path, struct.pack("<Q", len(text)) + text + b"".join(chunks))


def ernie_init_args(vocab_size):
    return {
        "attention_probs_dropout_prob": 0.1,
        "hidden_act": CONFIG["hidden_act"],
        "hidden_dropout_prob": 0.1,
        "hidden_size": CONFIG["hidden_size"],
        "initializer_range": 0.02,
        "intermediate_size": CONFIG["intermediate_size"],
        "max_position_embeddings": CONFIG["max_position_embeddings"],
        "num_attention_heads": CONFIG["num_attention_heads"],
        "num_hidden_layers": CONFIG["num_hidden_layers"],
        "pad_token_id": CONFIG["pad_token_id"],
        "task_type_vocab_size": CONFIG["task_type_vocab_size"],
        "type_vocab_size": CONFIG["type_vocab_size"],
        "use_task_id": CONFIG["use_task_id"],
        "vocab_size": vocab_size,
        "init_class": "ErnieModel",
    }


def samples(canonical_weights):
    """A fingerprint of every tensor: shape, first values and sum, in canonical [in, out] layout."""
    result = collections.OrderedDict()
    for name, array in canonical_weights.items():
        flat = array.astype(np.float32).reshape(-1)
        result[name] = {
            "shape": list(array.shape),
            "first": [float(v) for v in flat[:6]],
            "last": float(flat[-1]),
            "sum": float(flat.astype(np.float64).sum()),
        }
    return result


def to_canonical(paddle_weights):
    return collections.OrderedDict((canonical_name(k), v) for k, v in paddle_weights.items())


def main():
    rng = np.random.default_rng(SEED)
    vocab_tokens = build_vocab()
    vocab = {token: i for i, token in enumerate(vocab_tokens)}
    vocab_size = len(vocab_tokens)

    query_weights = make_weights(rng, vocab_size, with_classifier=False)
    para_weights = make_weights(rng, vocab_size, with_classifier=False)
    cross_weights = make_weights(rng, vocab_size, with_classifier=True)
    # The passage encoder is stored in fp16: its reference outputs use the rounded weights.
    para_weights = collections.OrderedDict((k, v.astype(np.float16)) for k, v in para_weights.items())

    plain_vocab = "".join(token + "\n" for token in vocab_tokens)
    order = rng.permutation(vocab_size)
    tab_vocab = "".join("%s\t%d\n" % (vocab_tokens[i], i) for i in order)

    # Query encoder: protocol 2, fp32, "ernie." prefix, plain dict, old model_config.json.
    keys = ["ernie." + k for k in query_weights]
    state = collections.OrderedDict(("ernie." + k, v) for k, v in query_weights.items())
    plain = dict(state)
    plain["StructuredToParameterName@@"] = paddle_param_names(keys)
    write_bytes(os.path.join(HERE, "query-encoder", "model_state.pdparams"), pickle.dumps(plain, protocol=2))
    write_json(os.path.join(HERE, "query-encoder", "model_config.json"),
               {"init_args": [ernie_init_args(vocab_size)], "init_class": "ErnieModel"})
    write_text(os.path.join(HERE, "query-encoder", "vocab.txt"), plain_vocab)

    # Passage encoder: protocol 4, fp16, no prefix, (name, array) values, PaddleNLP config.json,
    # vocab lines "token<TAB>id" in shuffled order.
    names = paddle_param_names(list(para_weights))
    tuples = {k: PaddleTensor(names[k], v) for k, v in para_weights.items()}
    write_bytes(os.path.join(HERE, "para-encoder", "model_state.pdparams"), pickle.dumps(tuples, protocol=4))
    new_config = {k: v for k, v in ernie_init_args(vocab_size).items() if k != "init_class"}
    new_config.update({"architectures": ["ErnieModel"], "model_type": "ernie", "dtype": "float16",
                       "layer_norm_eps": CONFIG["layer_norm_eps"], "pool_act": "tanh", "task_id": 0,
                       "enable_recompute": False, "fuse": False})
    write_json(os.path.join(HERE, "para-encoder", "config.json"), dict(sorted(new_config.items())))
    write_text(os.path.join(HERE, "para-encoder", "vocab.txt"), tab_vocab)

    # Cross encoder: protocol 3, fp32, OrderedDict, "ernie." backbone prefix and an unprefixed
    # classifier (ErnieForSequenceClassification), model_config.json nested twice.
    ordered = collections.OrderedDict()
    for k, v in cross_weights.items():
        ordered[k if k.startswith("classifier.") else "ernie." + k] = v
    write_bytes(os.path.join(HERE, "cross-encoder", "model_state.pdparams"), pickle.dumps(ordered, protocol=3))
    write_json(os.path.join(HERE, "cross-encoder", "model_config.json"), {
        "init_args": [{"init_args": [ernie_init_args(vocab_size)], "init_class": "ErnieModel"}],
        "init_class": "ErnieForSequenceClassification",
        "num_classes": 2,
    })
    write_text(os.path.join(HERE, "cross-encoder", "vocab.txt"), plain_vocab)

    # The same cross encoder as a Hugging Face ERNIE safetensors file: PyTorch [out, in] layout.
    cross_canonical = to_canonical(cross_weights)
    hf = collections.OrderedDict()
    for name, array in cross_canonical.items():
        hf_name = name if name.startswith("classifier.") else "ernie." + name
        hf[hf_name] = array.T.copy() if is_linear_weight(name) else array
    write_safetensors(os.path.join(HERE, "cross-encoder-hf", "model.safetensors"), hf)
    hf_config = {k: v for k, v in ernie_init_args(vocab_size).items() if k != "init_class"}
    hf_config.update({"architectures": ["ErnieForSequenceClassification"], "model_type": "ernie",
                      "layer_norm_eps": CONFIG["layer_norm_eps"], "id2label": {"0": "LABEL_0", "1": "LABEL_1"},
                      "label2id": {"LABEL_0": 0, "LABEL_1": 1}, "torch_dtype": "float32",
                      "position_embedding_type": "absolute", "classifier_dropout": None})
    write_json(os.path.join(HERE, "cross-encoder-hf", "config.json"), dict(sorted(hf_config.items())))
    write_text(os.path.join(HERE, "cross-encoder-hf", "vocab.txt"), plain_vocab)
    write_json(os.path.join(HERE, "cross-encoder-hf", "tokenizer_config.json"),
               {"do_lower_case": True, "tokenizer_class": "BertTokenizer"})

    write_pickle_cases(rng)

    # Reference outputs.
    query_canonical = to_canonical(query_weights)
    para_canonical = to_canonical({k: v.astype(np.float32) for k, v in para_weights.items()})
    queries = [encode_single(q, vocab, QUERY_MAX_LENGTH) for q in QUERIES]
    passages = [encode_single(p, vocab, PASSAGE_MAX_LENGTH) for p in PASSAGES]
    pairs = [encode_pair(QUERIES[q], PASSAGES[p], vocab, PAIR_MAX_LENGTH) for q, p in PAIRS]
    assert any(e["truncated"] for e in pairs), "no pair is truncated"
    assert any(e["truncated"] for e in queries), "no query is truncated"
    query_vectors = cls_vectors(query_canonical, queries)
    passage_vectors = cls_vectors(para_canonical, passages)
    logits, scores = cross_scores(cross_canonical, pairs)

    expected = collections.OrderedDict()
    expected["generator"] = "generate.py"
    expected["seed"] = SEED
    expected["numpy_version"] = np.__version__
    expected["torch_version"] = torch.__version__
    expected["settings"] = collections.OrderedDict([
        ("config", CONFIG),
        ("vocab_size", vocab_size),
        ("lowercase", True),
        ("strip_accents", True),
        ("task_type_id", 0),
        ("attention_mask", "scores + %g where input_id == pad_token_id" % ATTENTION_MASK_VALUE),
        ("activation", "exact GELU, x * Phi(x) with erf"),
        ("compute_dtype", "float64 on the stored weights (fp16-rounded for the fp16 file)"),
        ("query_max_length", QUERY_MAX_LENGTH),
        ("passage_max_length", PASSAGE_MAX_LENGTH),
        ("pair_max_length", PAIR_MAX_LENGTH),
        ("pair_truncation", "longest_first as PaddleNLP: remove one token at a time from the longer "
                            "side, from the passage when both are equally long"),
        ("max_lengths_count_special_tokens", True),
    ])
    expected["checkpoints"] = collections.OrderedDict([
        ("query-encoder", {"format": "pdparams", "directory": "query-encoder", "weights": "model_state.pdparams",
                           "pickle_protocol": 2, "dtype": "float32", "key_prefix": "ernie.",
                           "value_form": "array", "structured_name_table": True, "container": "dict",
                           "config": "model_config.json", "config_style": "init_args nested once",
                           "vocab": "vocab.txt", "vocab_style": "token per line",
                           "has_pooler": True, "has_classifier": False, "num_labels": 0,
                           "tensors": samples(query_canonical)}),
        ("para-encoder", {"format": "pdparams", "directory": "para-encoder", "weights": "model_state.pdparams",
                          "pickle_protocol": 4, "dtype": "float16", "key_prefix": "",
                          "value_form": "(name, array) tuple", "structured_name_table": False,
                          "container": "dict", "config": "config.json", "config_style": "PaddleNLP config.json",
                          "vocab": "vocab.txt", "vocab_style": "token<TAB>id, shuffled",
                          "has_pooler": True, "has_classifier": False, "num_labels": 0,
                          "tensors": samples(para_canonical)}),
        ("cross-encoder", {"format": "pdparams", "directory": "cross-encoder", "weights": "model_state.pdparams",
                           "pickle_protocol": 3, "dtype": "float32", "key_prefix": "ernie. (classifier unprefixed)",
                           "value_form": "array", "structured_name_table": False, "container": "OrderedDict",
                           "config": "model_config.json", "config_style": "init_args nested twice",
                           "vocab": "vocab.txt", "vocab_style": "token per line",
                           "has_pooler": True, "has_classifier": True, "num_labels": 2,
                           "tensors": samples(cross_canonical)}),
        ("cross-encoder-hf", {"format": "safetensors", "directory": "cross-encoder-hf",
                              "weights": "model.safetensors", "dtype": "float32",
                              "key_prefix": "ernie. (classifier unprefixed)", "layout": "PyTorch [out, in]",
                              "config": "config.json", "config_style": "Hugging Face ERNIE config.json",
                              "vocab": "vocab.txt", "vocab_style": "token per line",
                              "has_pooler": True, "has_classifier": True, "num_labels": 2,
                              "tensors": samples(cross_canonical)}),
    ])
    expected["vocab"] = vocab_tokens
    expected["queries"] = [dict(text=q, **e) for q, e in zip(QUERIES, queries)]
    expected["passages"] = [dict(text=p, **e) for p, e in zip(PASSAGES, passages)]
    expected["query_embeddings"] = {
        "checkpoint": "query-encoder", "inputs": "queries", "max_length": QUERY_MAX_LENGTH,
        "pooling": "[CLS] hidden state of the last layer, not normalised",
        "vectors": [[float(x) for x in row] for row in query_vectors],
    }
    expected["passage_embeddings"] = {
        "checkpoint": "para-encoder", "inputs": "passages", "max_length": PASSAGE_MAX_LENGTH,
        "pooling": "[CLS] hidden state of the last layer, not normalised",
        "vectors": [[float(x) for x in row] for row in passage_vectors],
    }
    expected["cross_scores"] = {
        "checkpoints": ["cross-encoder", "cross-encoder-hf"], "max_length": PAIR_MAX_LENGTH,
        "score": "softmax(classifier(tanh(pooler(CLS))))[1]",
        "pairs": [dict(query=q, passage=p, logits=[float(x) for x in lg], score=float(s), **e)
                  for (q, p), e, lg, s in zip(PAIRS, pairs, logits, scores)],
    }
    expected["float16_samples"] = float16_samples()
    expected["pickle_cases"] = PICKLE_CASES
    write_json(os.path.join(HERE, "expected.json"), expected)


# ---------------------------------------------------------------- pickles for reader edge cases

PICKLE_CASES = collections.OrderedDict()


def write_pickle_cases(rng):
    directory = os.path.join(HERE, "pickles")

    # Byte orders and widths numpy writes, and a Fortran-ordered array.
    base = rng.standard_normal((3, 4)).astype(np.float32)
    cases = collections.OrderedDict([
        ("little_f4", base.astype("<f4")),
        ("big_f4", base.astype(">f4")),
        ("little_f8", base.astype("<f8") / 3.0),
        ("big_f2", base.astype(">f2")),
        ("fortran_f4", np.asfortranarray(base)),
    ])
    write_bytes(os.path.join(directory, "dtypes.pdparams"), pickle.dumps(dict(cases), protocol=3))
    PICKLE_CASES["dtypes.pdparams"] = collections.OrderedDict(
        (k, {"shape": list(v.shape), "values": [float(x) for x in np.asarray(v, dtype=np.float64).reshape(-1)]})
        for k, v in cases.items())

    # paddle.save splits arrays over 2**30 bytes into key@@.0, key@@.1 ... under protocols 2 and 3.
    whole = rng.standard_normal((6, 4)).astype(np.float32)
    flat = whole.reshape(-1)
    split = {"embeddings.word_embeddings.weight@@.0": flat[:10], "embeddings.word_embeddings.weight@@.1": flat[10:],
             "UnpackBigParamInfor@@": {"embeddings.word_embeddings.weight": {
                 "OriginShape": (6, 4),
                 "slices": ["embeddings.word_embeddings.weight@@.0", "embeddings.word_embeddings.weight@@.1"]}}}
    write_bytes(os.path.join(directory, "split.pdparams"), pickle.dumps(split, protocol=2))
    PICKLE_CASES["split.pdparams"] = {"embeddings.word_embeddings.weight": {
        "shape": [6, 4], "values": [float(x) for x in flat]}}

    # An array whose data has 40 bytes where its shape (3, 5) of float32 needs 60.
    bad = {"embeddings.word_embeddings.weight": np.zeros((4, 2), dtype=np.float32),
           "encoder.layers.0.norm1.weight": RawArray((3, 5), "<f4", b"\0" * 40)}
    write_bytes(os.path.join(directory, "shape-mismatch.pdparams"), pickle.dumps(bad, protocol=4))
    PICKLE_CASES["shape-mismatch.pdparams"] = {"tensor": "encoder.layers.0.norm1.weight", "shape": [3, 5],
                                                "data_bytes": 40, "expected_bytes": 60}

    # Pickles that call functions; a loader must reject them before calling anything.
    marker = "/tmp/rqa-unpickler-ran-this"
    write_bytes(os.path.join(directory, "os-system.pkl"),
                b"cos\nsystem\n(S'touch " + marker.encode() + b"'\ntR.")
    write_bytes(os.path.join(directory, "builtins-eval.pkl"),
                pickle.dumps(Reduce(eval, ("__import__('os').system('touch %s')" % marker,)), protocol=4))
    mixed = {"embeddings.layer_norm.weight": np.ones(4, dtype=np.float32),
             "embeddings.layer_norm.bias": Reduce(os.system, ("touch %s" % marker,))}
    write_bytes(os.path.join(directory, "posix-system-after-array.pdparams"), pickle.dumps(mixed, protocol=2))
    PICKLE_CASES["os-system.pkl"] = {"global": "os.system", "marker_file": marker}
    PICKLE_CASES["builtins-eval.pkl"] = {"global": "builtins.eval", "marker_file": marker}
    PICKLE_CASES["posix-system-after-array.pdparams"] = {"global": "posix.system", "marker_file": marker}


def float16_samples():
    """Bit patterns of fp16 values across the range (subnormal, normal, max, inf, NaN) and their float32 value."""
    bits = [0x0000, 0x8000, 0x0001, 0x03FF, 0x0400, 0x3555, 0x3C00, 0xBC00, 0x3C01, 0x7BFF, 0xFBFF,
            0x7C00, 0xFC00, 0x7E00, 0x1234, 0xC8A0]
    result = []
    for b in bits:
        value = np.frombuffer(struct.pack("<H", b), dtype="<f2")[0].astype(np.float32)
        text = "NaN" if np.isnan(value) else ("Infinity" if value == np.inf else
                                              ("-Infinity" if value == -np.inf else float(value)))
        result.append({"bits": b, "value": text})
    return result


if __name__ == "__main__":
    main()
