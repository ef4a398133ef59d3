#!/usr/bin/env python3
"""Per-query latency of dictum's search beside Xapian's, one query at a time.

search.py DB URL XAPIAN_DIR QUERIES... : for each list of /api/search
paths (serve_queries.py's plain and common lists), every query is asked
of the running 'dictum serve' at URL (one kept-alive connection, the
first page of 20) and of a Xapian database of the same statements
(XAPIAN_DIR, made from DB when absent: each statement's content, the same
tokens as FTS5's unicode61 and Porter's stemmer, BM25 with FTS5's k1 1.2
and b 0.75, the top 20, each with its text and a snippet, as dictum's page
gives them; dictum's time includes its HTTP and JSON, on loopback).  Each query is asked of both in turn, three
rounds, the first not reported (caches warm); prints p50, p90, p99 and
the mean in milliseconds per list and engine, and how many queries found
nothing in each (a check that both read the query alike).
"""
import http.client
import json
import os
import sqlite3
import sys
import time
from urllib.parse import parse_qs, urlparse

import xapian


def build(db, xdir):
    con = sqlite3.connect(db)
    w = xapian.WritableDatabase(xdir, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_ALL)
    w.begin_transaction()
    n = 0
    for sid, content in con.execute("SELECT id, content FROM statements ORDER BY id"):
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(content or "")
        doc.set_data(content or "")
        w.replace_document(sid, doc)
        n += 1
        if n % 200000 == 0:
            w.commit_transaction()
            w.begin_transaction()
    w.commit_transaction()
    w.close()
    return n


def xapian_query(qp, q):
    flags = (xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_WILDCARD
             | xapian.QueryParser.FLAG_DEFAULT)
    return qp.parse_query(q, flags)


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p / 100 * len(v)))]


def main():
    db, url, xdir = sys.argv[1:4]
    lists = sys.argv[4:]
    if not os.path.isdir(xdir):
        t = time.time()
        n = build(db, xdir)
        print(f"xapian: indexed {n} statements in {time.time() - t:.1f} s")
    xdb = xapian.Database(xdir)
    enq = xapian.Enquire(xdb)
    enq.set_weighting_scheme(xapian.BM25Weight(1.2, 0, 1, 0.75, 0))
    qp = xapian.QueryParser()
    qp.set_database(xdb)
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_ALL)
    qp.set_default_op(xapian.Query.OP_AND)
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port)
    print(f"{'list':8} {'engine':7} {'queries':>7} {'p50':>7} {'p90':>7} {'p99':>7} {'mean':>7} {'none':>5}  (ms)")
    for path in lists:
        queries = [l.strip() for l in open(path) if l.strip()]
        name = os.path.basename(path).replace("serve-", "").replace(".txt", "")
        ours, theirs = [], []
        none_ours = none_theirs = 0
        for rnd in range(3):
            for qpath in queries:
                q = parse_qs(urlparse(qpath).query).get("q", [""])[0]
                t0 = time.perf_counter()
                conn.request("GET", qpath)
                r = conn.getresponse()
                body = r.read()
                t1 = time.perf_counter()
                xq = xapian_query(qp, q)
                enq.set_query(xq)
                mset = enq.get_mset(0, 20)
                size = mset.size()
                for m in mset:  # the page as dictum gives it: each text, its words marked
                    mset.snippet(m.document.get_data().decode(), 200)
                t2 = time.perf_counter()
                if rnd:
                    ours.append((t1 - t0) * 1000)
                    theirs.append((t2 - t1) * 1000)
                    if rnd == 1:
                        none_ours += r.status != 200 or not json.loads(body).get("results")
                        none_theirs += size == 0
        for engine, v, none in (("dictum", ours, none_ours), ("xapian", theirs, none_theirs)):
            print(f"{name:8} {engine:7} {len(queries):7} {pct(v, 50):7.2f} {pct(v, 90):7.2f} {pct(v, 99):7.2f}"
                  f" {sum(v) / len(v):7.2f} {none:5}")


if __name__ == "__main__":
    main()
