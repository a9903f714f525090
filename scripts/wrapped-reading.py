#!/usr/bin/env python3
"""How much of a reading survives hard wrapping: each article of the given
folders is written as is and cut at a fixed width (as a PDF's text layer,
wire copy or mail would be), both are analysed, and the name mentions and
claim rows are compared.

usage: scripts/wrapped-reading.py BINARY [--width 72] FOLDER...
e.g.   scripts/wrapped-reading.py target/release/corroborate \
           ../shared/data/ecbplus-dev/{2,6,14,22}_ecbplus
"""
import argparse, collections, json, os, subprocess, tempfile, textwrap


def mentions(path):
    a = json.load(open(path, encoding="utf-8"))
    name = {s["id"]: os.path.basename(s["path"]) for s in a["sources"]}
    out = collections.Counter()
    for e in a["entities"]:
        if e["kind"] in ("person", "organization", "place"):
            for m in e["mentions"]:
                out[(name[m["source"]], e["name"], " ".join(m["text"].split()))] += 1
    return out, len(a["claims"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--width", type=int, default=72)
    args = ap.parse_args()
    work = tempfile.mkdtemp()
    for kind in ("plain", "wrapped"):
        os.makedirs(f"{work}/{kind}")
    for folder in args.folders:
        for f in sorted(os.listdir(folder)):
            if not f.endswith(".txt"):
                continue
            text = open(os.path.join(folder, f), encoding="utf-8").read()
            open(f"{work}/plain/{f}", "w", encoding="utf-8").write(text)
            # One paragraph per line in the source: each cut at the width,
            # a blank line between paragraphs.
            paras = [textwrap.fill(p, args.width) for p in text.split("\n") if p.strip()]
            open(f"{work}/wrapped/{f}", "w", encoding="utf-8").write("\n\n".join(paras) + "\n")
    read = {}
    for kind in ("plain", "wrapped"):
        out = f"{work}/{kind}.json"
        subprocess.run([args.binary, "analyze", f"{work}/{kind}", "--json", out], check=True, capture_output=True)
        read[kind] = mentions(out)
    (p, pc), (w, wc) = read["plain"], read["wrapped"]
    same = sum((p & w).values())
    print(f"name mentions: {sum(p.values())} as written, {sum(w.values())} wrapped at {args.width}, "
          f"{same} the same ({same / max(1, sum(p.values())):.1%}); claim rows {pc} as written, {wc} wrapped")


if __name__ == "__main__":
    main()
