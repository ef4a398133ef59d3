#!/usr/bin/env python3
"""Query mixes for bench/serve.sh, read off the archive's own index.

serve_queries.py DB PLAIN MIXED COMMON: MIXED gets 1,000 search paths over
the whole vocabulary, a third with a speaker filter and a third with a date
filter (see serve.sh); PLAIN the unfiltered third; COMMON the 50 most
frequent words.
"""
import random
import sqlite3
import sys
from urllib.parse import quote

db, plain_out, mixed_out, common_out = sys.argv[1:5]
con = sqlite3.connect(db)
con.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, statements_fts, 'col')")
# content words only (speaker names are indexed too), most frequent first
words = [t for (t,) in con.execute(
    "SELECT term FROM temp.v WHERE col = 'content' ORDER BY doc DESC")]
rng = random.Random(7)


def path(q, **filters):
    args = "&".join(f"{k}={quote(v)}" for k, v in filters.items())
    return f"/api/search?q={quote(q)}" + (f"&{args}" if args else "")


def band_word():
    # a frequency band (of 20, by rank), then a word in it
    band = rng.randrange(20)
    size = len(words) // 20
    return words[band * size + rng.randrange(size)]


# statements to take words from, so that most queries find something, as
# a user's usually do: their words, a word pair, a phrase, the speaker
sample = list(con.execute(
    "SELECT s.content, p.name FROM statements s JOIN speaker_forms f ON f.form = s.speaker"
    " JOIN persons p ON p.id = f.person WHERE s.id % 97 = 7 ORDER BY s.id LIMIT 1000"))


def tokens(text):
    return [w.strip(".,").lower() for w in text.split()]


mixed = []
for i in range(1000):
    content, name = sample[i % len(sample)]
    ws = tokens(content)
    kind = i % 5
    if kind == 0:
        q = band_word()  # any word of the vocabulary: many find nothing
    elif kind == 1:
        q = " ".join(rng.sample(ws, 2))
    elif kind == 2:
        k = rng.randrange(len(ws) - 1)
        q = f'"{ws[k]} {ws[k + 1]}"'
    elif kind == 3:
        q = rng.choice(ws)[:4] + "*"
    else:
        q = rng.choice(ws)
    if i % 3 == 0:
        mixed.append(path(q, speaker=name.split()[-1]))
    elif i % 3 == 1:
        mixed.append(path(q, since=f"2023-{rng.randrange(1, 13):02d}-01"))
    else:
        mixed.append(path(q))
with open(plain_out, "w") as f:
    f.write("\n".join(p for p in mixed if "&" not in p) + "\n")
with open(mixed_out, "w") as f:
    f.write("\n".join(mixed) + "\n")
with open(common_out, "w") as f:
    f.write("\n".join(path(w) for w in words[:50]) + "\n")
