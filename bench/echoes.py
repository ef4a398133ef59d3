#!/usr/bin/env python3
"""Synthetic archive for the linking and serving benchmarks (bench/echoes.sh,
bench/serve.sh).

make DB N: a dictum database (schema made by `dictum ingest`) with N
statements in documents of ten, by speakers whose names come in
transliteration variants, with planted echoes: groups of two to four
statements, each in another document, that repeat a base statement with
one word changed per sentence, a sentence's words reordered, or a word
dropped.  The planted groups go to DB.truth (one line of statement ids a
group).  Words are invented ("kato", "tovise"...), drawn from a
Zipf-Mandelbrot law over 60,000 of them (weight 1/(rank + 100): the most
common takes 0.16% of words, as the most common content words of news do),
so unplanted statements share words but seldom half a sentence.

articles DIR N: N text articles of ten attributed statements each, in the
archive's words and by its speakers (a batch to ingest into it).

score DB: precision and recall of the planted pairs in DB's echoes table.
"""
import random
import sqlite3
import sys

SEED = 20261123


def vocabulary(n, rng):
    syl = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(syl) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def world(seed):
    """The vocabulary, a sentence maker and the speakers (forms, role) of
    the synthetic news, from SEED."""
    rng = random.Random(SEED)
    vocab = vocabulary(60000, rng)
    rng.shuffle(vocab)  # frequency unrelated to spelling
    weights = [1.0 / (i + 100) for i in range(len(vocab))]
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)

    def words(k):
        return rng.choices(vocab, cum_weights=cum, k=k)

    def sentence():
        return words(rng.randint(8, 14))

    def render(sents):
        return " ".join(" ".join(s).capitalize() + "." for s in sents)

    # speakers: 20,000 people, a fifth of them also written with e for a
    first = ["Amin", "Elnar", "Sabina", "Rauf", "Leyla", "Tomas", "Ines", "Oskar", "Vilma", "Karin"]
    people = []
    for i in range(20000):
        sur = vocab[(i * 7919) % len(vocab)].capitalize() + "ov"
        name = f"{first[i % len(first)]} {sur}"
        forms = [name]
        if i % 5 == 0 and "a" in sur:
            forms.append(f"{first[i % len(first)]} {sur.replace('a', 'e', 1)}")
        people.append((forms, f"minister of {vocab[(i * 31) % len(vocab)]}"))
    if seed != SEED:
        rng.seed(seed)
    return rng, words, sentence, render, people


def make(db, n):
    rng, words, sentence, render, people = world(SEED)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    planted = []
    rows = []  # (doc, content, speaker)
    n_groups = n // 50  # 2% of statements open a planted group
    stmt = 0
    while stmt < n:
        if len(planted) < n_groups and rng.random() < 0.02 * 1.1:
            base = [sentence() for _ in range(rng.randint(1, 3))]
            group = [render(base)]
            for _ in range(rng.randint(1, 3)):
                v = [list(s) for s in base]
                edit = rng.randrange(3)
                for s in v:
                    if edit == 0:  # one word changed in each sentence
                        s[rng.randrange(len(s))] = words(1)[0]
                    elif edit == 1:  # words of the sentence reordered
                        rng.shuffle(s)
                    else:  # a word dropped
                        del s[rng.randrange(len(s))]
                group.append(render(v))
            planted.append([stmt + i for i in range(len(group))])
            rows.extend(group)
            stmt += len(group)
        else:
            rows.append(render([sentence() for _ in range(rng.randint(1, 3))]))
            stmt += 1
    rows = rows[:n]
    planted = [g for g in planted if g[-1] < n]
    # documents of ten statements; the members of a planted group must be
    # in different documents, so documents take statements in an order
    # that spreads every group: statement i goes to document i % n_docs
    n_docs = (n + 9) // 10
    cur = con.cursor()
    cur.execute("BEGIN")
    start = cur.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0] + 1
    doc_text = [[] for _ in range(n_docs)]
    for i, c in enumerate(rows):
        doc_text[i % n_docs].append(c)
    for d in range(n_docs):
        text = "\n\n".join(doc_text[d])
        day = 1 + d % 28
        month = 1 + (d // 28) % 12
        cur.execute(
            "INSERT INTO documents(id, hash, source, date, outlet, raw, text) VALUES (?,?,?,?,?,?,?)",
            (start + d, rng.randbytes(16), f"synthetic#{d}", f"2023-{month:02d}-{day:02d}",
             f"Outlet {d % 40}", text, text),
        )
    first_stmt = cur.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0] + 1
    seq = [0] * n_docs
    at = [(0, 0)] * n_docs  # where the next statement starts: bytes, code points
    for i, c in enumerate(rows):
        d = i % n_docs
        forms, role = people[(i * 13) % len(people)]
        speaker = forms[i % len(forms)]
        # schema 6: kind and speaker type as codes (0 direct, 1 person),
        # the content's place as integers (raw and text are the same here)
        cur.execute(
            "INSERT INTO statements(id, doc_id, seq, kind, content, speaker, speaker_type)"
            " VALUES (?,?,?,?,?,?,?)",
            (first_stmt + i, start + d, seq[d], 0, c, speaker, 1),
        )
        b, cp = at[d]
        nb, ncp = len(c.encode()), len(c)
        cur.execute("INSERT INTO spans VALUES (?,0,0,?,?,?,?,?,?,?,?)",
                    (first_stmt + i, b, b + nb, cp, cp + ncp, b, b + nb, cp, cp + ncp))
        at[d] = (b + nb + 2, cp + ncp + 2)
        seq[d] += 1
        if seq[d] == 1:
            cur.execute("INSERT INTO roles(doc_id, speaker, title) VALUES (?,?,?)", (start + d, speaker, role))
    # the full-text index, as dictum keeps it (store.c: indexed in bulk,
    # fts_state the highest id indexed), so that search works too
    cur.execute("INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')")
    cur.execute("UPDATE fts_state SET indexed = (SELECT max(id) FROM statements)")
    con.commit()
    with open(db + ".truth", "w") as f:
        for g in planted:
            f.write(" ".join(str(first_stmt + i) for i in g) + "\n")
    print(f"{n} statements in {n_docs} documents, {len(planted)} planted groups "
          f"({sum(len(g) * (len(g) - 1) // 2 for g in planted)} pairs)")


def pairs(groups):
    out = set()
    for g in groups:
        g = sorted(g)
        for i in range(len(g)):
            for j in range(i + 1, len(g)):
                out.add((g[i], g[j]))
    return out


def score(db):
    truth = [list(map(int, line.split())) for line in open(db + ".truth")]
    con = sqlite3.connect(db)
    clusters = {}
    for stmt, cluster in con.execute("SELECT statement, cluster FROM echoes"):
        clusters.setdefault(cluster, []).append(stmt)
    want, got = pairs(truth), pairs(clusters.values())
    hit = len(want & got)
    print(f"planted pairs {len(want)}, found pairs {len(got)}, right {hit}: "
          f"recall {hit / max(len(want), 1):.4f}, precision {hit / max(len(got), 1):.4f}; "
          f"biggest cluster {max((len(c) for c in clusters.values()), default=0)}")


def articles(out, n):
    """N news articles as text files in OUT, ten statements each by the
    archive's speakers in its words, quoted and attributed as reporters
    write them: what a batch added to the archive looks like."""
    import os
    rng, words, sentence, render, people = world(SEED + n)
    os.makedirs(out, exist_ok=True)
    for a in range(n):
        paras = [render([sentence()]).rstrip(".")]
        for k in range(10):
            forms, role = people[rng.randrange(len(people))]
            quote = render([sentence() for _ in range(rng.randint(1, 3))])
            paras.append(f'"{quote}" said {forms[0]}, the {role}.')
        with open(os.path.join(out, f"article{a:05d}.txt"), "w") as f:
            f.write("\n\n".join(paras) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "articles":
        articles(sys.argv[2], int(sys.argv[3]))
    else:
        score(sys.argv[2])
