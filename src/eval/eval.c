#include "eval.h"

#include <stdarg.h>
#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/vec.h"

static const char *const type_names[] = {"Cue", "Source", "Content"};

static int type_of(const char *s, size_t n)
{
	for (int t = 0; t < EV_TYPES; t++)
		if (strlen(type_names[t]) == n && !memcmp(s, type_names[t], n))
			return t;
	return -1;
}

static int push_span(dm_ev_doc *d, const dm_ev_span *sp)
{
	if (dm_reserve(&d->spans, &d->cap_spans, d->n_spans, sizeof *d->spans))
		return -1;
	d->spans[d->n_spans++] = *sp;
	return 0;
}

static int push_attr(dm_ev_doc *d, dm_ev_attr a)
{
	if (dm_reserve(&d->attrs, &d->cap_attrs, d->n_attrs, sizeof *d->attrs))
		return -1;
	d->attrs[d->n_attrs++] = a;
	return 0;
}

/* T ids in a file are not dense; map id -> span index through a table. */
typedef struct idmap {
	struct {
		long id;
		int idx;
	} * v;
	size_t n, cap;
} idmap;

static int map_put(idmap *m, long id, int idx)
{
	if (dm_reserve(&m->v, &m->cap, m->n, sizeof *m->v))
		return -1;
	m->v[m->n].id = id;
	m->v[m->n++].idx = idx;
	return 0;
}

static int map_get(const idmap *m, long id)
{
	for (size_t i = m->n; i-- > 0;)
		if (m->v[i].id == id)
			return m->v[i].idx;
	return -1;
}

/* A whole number at P, read no further than END (the buffer need not end
 * in NUL); *AFTER is where it stops; -1 when there are no digits. */
static long number(const char *p, const char *end, const char **after)
{
	long n = -1;
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		n = n < 0 ? *p - '0' : n < 100000000 ? n * 10 + (*p - '0') : n;
	*after = p;
	return n;
}

int dm_ev_parse(const char *ann, size_t len, dm_ev_doc *out, size_t *bad_line)
{
	memset(out, 0, sizeof *out);
	idmap m = {0};
	size_t line = 0;
	const char *p = ann, *end = ann + len;
	int rc = 0;
	while (p < end && rc == 0) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		line++;
		/* Only "T12\t" and "E3\t" start annotations: a span's text may run
		 * over lines of its own, and those can start with a 'T'. */
		int numbered = p + 1 < eol && p[1] >= '0' && p[1] <= '9';
		if (*p == 'T' && numbered) {
			const char *q;
			long id = number(p + 1, eol, &q);
			const char *tab = q;
			const char *sp = tab < eol ? memchr(tab, ' ', (size_t)(eol - tab)) : NULL;
			if (tab == eol || *tab != '\t' || !sp) {
				rc = -1;
				break;
			}
			int type = type_of(tab + 1, (size_t)(sp - tab - 1));
			if (type >= 0) {
				dm_ev_span s = {.type = (uint8_t)type};
				const char *r = sp + 1;
				while (r < eol && *r != '\t') {
					long a = number(r, eol, &q);
					if (q == eol || *q != ' ') {
						rc = -1;
						break;
					}
					long b = number(q + 1, eol, &q);
					if (s.n < DM_EVAL_PARTS && a >= 0 && b >= a) {
						s.s[s.n] = (uint32_t)a;
						s.e[s.n++] = (uint32_t)b;
					}
					r = q < eol && *q == ';' ? q + 1 : q;
					if (q < eol && *q != ';' && *q != '\t') {
						rc = -1;
						break;
					}
				}
				if (rc == 0 && (map_put(&m, id, (int)out->n_spans) || push_span(out, &s)))
					rc = -1;
			}
		} else if (*p == 'E' && numbered) {
			/* E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 */
			dm_ev_attr a = {-1, -1, -1};
			const char *r = memchr(p, '\t', (size_t)(eol - p));
			int anchor = 1;
			while (r && r < eol) {
				r++;
				const char *colon = memchr(r, ':', (size_t)(eol - r));
				if (!colon)
					break;
				const char *q;
				long id = colon + 2 <= eol ? number(colon + 2, eol, &q) : (q = eol, -1);
				int idx = map_get(&m, id);
				if (!anchor && idx >= 0) {
					int type = type_of(r, (size_t)(colon - r));
					if (type == EV_CUE)
						a.cue = idx;
					else if (type == EV_SOURCE)
						a.source = idx;
					else if (type == EV_CONTENT)
						a.content = idx;
				}
				anchor = 0;
				r = q < eol ? memchr(q, ' ', (size_t)(eol - q)) : NULL;
			}
			if (a.content >= 0 && push_attr(out, a))
				rc = -1;
		}
		p = eol + 1;
	}
	free(m.v);
	if (rc) {
		dm_ev_doc_free(out);
		if (bad_line)
			*bad_line = line;
	}
	return rc;
}

void dm_ev_doc_free(dm_ev_doc *d)
{
	free(d->spans);
	free(d->attrs);
	memset(d, 0, sizeof *d);
}

/* ---- scoring ---- */

typedef struct cptext {
	int32_t *cp;
	size_t n;
} cptext;

static int is_trim(int32_t c)
{
	if (dm_is_space(c))
		return 1;
	if (c < 0x80)
		return c != '%' && c != '$' && !((c | 32) >= 'a' && (c | 32) <= 'z') && !(c >= '0' && c <= '9');
	return !dm_is_letter(c) && !dm_is_digit(c);
}

static dm_ev_span trimmed(const cptext *t, const dm_ev_span *s)
{
	dm_ev_span r = {.type = s->type};
	for (int i = 0; i < s->n; i++) {
		uint32_t a = s->s[i], b = s->e[i] < t->n ? s->e[i] : (uint32_t)t->n;
		while (a < b && is_trim(t->cp[a]))
			a++;
		while (b > a && is_trim(t->cp[b - 1]))
			b--;
		if (a < b) {
			r.s[r.n] = a;
			r.e[r.n++] = b;
		}
	}
	return r;
}

static int exact(const cptext *t, const dm_ev_span *x, const dm_ev_span *y)
{
	dm_ev_span a = trimmed(t, x), b = trimmed(t, y);
	if (a.n != b.n)
		return 0;
	for (int i = 0; i < a.n; i++)
		if (a.s[i] != b.s[i] || a.e[i] != b.e[i])
			return 0;
	return 1;
}

static long overlap(const dm_ev_span *x, const dm_ev_span *y)
{
	long n = 0;
	for (int i = 0; i < x->n; i++)
		for (int j = 0; j < y->n; j++) {
			uint32_t a = x->s[i] > y->s[j] ? x->s[i] : y->s[j];
			uint32_t b = x->e[i] < y->e[j] ? x->e[i] : y->e[j];
			if (a < b)
				n += b - a;
		}
	return n;
}

/* How well does predicted span P match gold span G: 0 none, else larger
 * is better. */
static long fit(const cptext *t, const dm_ev_span *g, const dm_ev_span *p, int by_exact)
{
	if (g->type != p->type)
		return 0;
	if (by_exact)
		return exact(t, g, p);
	return overlap(g, p);
}

/* One-to-one matching of gold to predicted items, each gold taking the
 * best-fitting free prediction.  MATCH(i, j) gives the fit. */
typedef long (*fit_fn)(const void *ctx, size_t g, size_t p);

static long match(size_t ng, size_t np, fit_fn f, const void *ctx, char *taken)
{
	long tp = 0;
	memset(taken, 0, np);
	for (size_t g = 0; g < ng; g++) {
		long best = 0;
		size_t bi = 0;
		for (size_t p = 0; p < np; p++) {
			if (taken[p])
				continue;
			long v = f(ctx, g, p);
			if (v > best) {
				best = v;
				bi = p;
			}
		}
		if (best > 0) {
			taken[bi] = 1;
			tp++;
		}
	}
	return tp;
}

typedef struct span_ctx {
	const cptext *t;
	const dm_ev_span *g, *p;
	int by_exact;
} span_ctx;

static long span_fit(const void *c, size_t g, size_t p)
{
	const span_ctx *x = c;
	return fit(x->t, &x->g[g], &x->p[p], x->by_exact);
}

typedef struct attr_ctx {
	const cptext *t;
	const dm_ev_doc *g, *p;
	int by_exact;
} attr_ctx;

static long part_fit(const attr_ctx *x, int gi, int pi)
{
	if (gi < 0 || pi < 0)
		return gi < 0 && pi < 0 ? 1 : 0;
	return fit(x->t, &x->g->spans[gi], &x->p->spans[pi], x->by_exact);
}

static long attr_fit(const void *c, size_t g, size_t p)
{
	const attr_ctx *x = c;
	const dm_ev_attr *a = &x->g->attrs[g], *b = &x->p->attrs[p];
	long content = part_fit(x, a->content, b->content);
	if (!content || !part_fit(x, a->cue, b->cue) || !part_fit(x, a->source, b->source))
		return 0;
	return content;
}

static int has_quote(const cptext *t, const dm_ev_span *s)
{
	for (int i = 0; i < s->n; i++)
		for (uint32_t k = s->s[i]; k < s->e[i] && k < t->n; k++) {
			int32_t c = t->cp[k];
			if (c == '"' || c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB || c == 0x201E)
				return 1;
		}
	return 0;
}

void dm_ev_score(dm_eval *ev, const char *text, size_t len, const dm_ev_doc *gold, const dm_ev_doc *pred)
{
	cptext t = {malloc((len + 1) * sizeof(int32_t)), 0};
	if (!t.cp)
		return;
	for (size_t i = 0; i < len;)
		t.cp[t.n++] = dm_utf8_next(text, len, &i);
	size_t most = pred->n_spans > pred->n_attrs ? pred->n_spans : pred->n_attrs;
	char *taken = malloc(most + 1);
	ev->documents++;
	for (int by_exact = 0; by_exact <= 1 && taken; by_exact++) {
		dm_ev_count *c = by_exact ? ev->exact : ev->overlap;
		for (int type = 0; type < EV_TYPES; type++) {
			/* spans of one type at a time */
			dm_ev_span *g = malloc((gold->n_spans + 1) * sizeof *g),
			           *p = malloc((pred->n_spans + 1) * sizeof *p);
			size_t ng = 0, np = 0;
			for (size_t i = 0; g && i < gold->n_spans; i++)
				if (gold->spans[i].type == type)
					g[ng++] = gold->spans[i];
			for (size_t i = 0; p && i < pred->n_spans; i++)
				if (pred->spans[i].type == type)
					p[np++] = pred->spans[i];
			span_ctx sc = {&t, g, p, by_exact};
			if (g && p)
				c[type].tp += match(ng, np, span_fit, &sc, taken);
			c[type].gold += (long)ng;
			c[type].pred += (long)np;
			if (type == EV_CONTENT && !by_exact && g && p) {
				/* recall split by quotation marks in the gold content */
				for (size_t i = 0; i < ng; i++) {
					long hit = 0;
					for (size_t j = 0; j < np && !hit; j++)
						hit = overlap(&g[i], &p[j]) > 0;
					dm_ev_count *k = has_quote(&t, &g[i]) ? &ev->quoted : &ev->unquoted;
					k->gold++;
					k->tp += hit;
				}
			}
			free(g);
			free(p);
		}
		attr_ctx ac = {&t, gold, pred, by_exact};
		c[EV_TYPES].tp += match(gold->n_attrs, pred->n_attrs, attr_fit, &ac, taken);
		c[EV_TYPES].gold += (long)gold->n_attrs;
		c[EV_TYPES].pred += (long)pred->n_attrs;
	}
	free(taken);
	free(t.cp);
}

static void prf(FILE *f, const dm_ev_count *c)
{
	double p = c->pred ? (double)c->tp / (double)c->pred : 0, r = c->gold ? (double)c->tp / (double)c->gold : 0;
	double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
	fprintf(f, "  %5.3f %5.3f %5.3f", p, r, f1);
}

void dm_ev_report(const dm_eval *ev, FILE *f)
{
	fprintf(f, "%ld documents\n\n", ev->documents);
	fprintf(f, "%-12s %-19s  %-19s  %s\n", "", "  exact", "  overlap", "gold / predicted");
	fprintf(f, "%-12s   P     R     F1      P     R     F1\n", "");
	const char *names[] = {"Cue", "Source", "Content", "Attribution"};
	for (int i = 0; i <= EV_TYPES; i++) {
		fprintf(f, "%-12s", names[i]);
		prf(f, &ev->exact[i]);
		prf(f, &ev->overlap[i]);
		fprintf(f, "   %ld / %ld\n", ev->overlap[i].gold, ev->overlap[i].pred);
	}
	double rq = ev->quoted.gold ? (double)ev->quoted.tp / (double)ev->quoted.gold : 0;
	double ru = ev->unquoted.gold ? (double)ev->unquoted.tp / (double)ev->unquoted.gold : 0;
	fprintf(f, "\nContent recall (overlap): with quotation marks %.3f (%ld), without %.3f (%ld)\n", rq,
	        ev->quoted.gold, ru, ev->unquoted.gold);
}

void dm_ev_fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || !errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}
