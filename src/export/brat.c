/*
 * brat standoff, as PolNeAR writes it: T lines for Source, Cue and Content
 * (discontinuous parts joined by ';'), then an E line joining them.  A
 * statement without a cue (a continued quotation) is anchored on its
 * content, since brat events need a trigger.  Statements that share a
 * source mention ("he said A and added B") share its T line, as PolNeAR
 * does: one span of text, one annotation.
 */
#include <stdlib.h>

#include "export.h"

static int span_line(const dm_document *d, dm_buf *out, int id, const char *type, const dm_span *sp, int n)
{
	int any = 0;
	for (int i = 0; i < n; i++)
		any |= sp[i].end > sp[i].start;
	if (!any)
		return 0;
	dm_buf_printf(out, "T%d\t%s ", id, type);
	int first = 1;
	for (int i = 0; i < n; i++) {
		if (sp[i].end <= sp[i].start)
			continue;
		dm_buf_printf(out, "%s%u %u", first ? "" : ";", dm_cp_offset(d, sp[i].start),
		              dm_cp_offset(d, sp[i].end));
		first = 0;
	}
	dm_buf_putc(out, '\t');
	first = 1;
	for (int i = 0; i < n; i++) {
		if (sp[i].end <= sp[i].start)
			continue;
		if (!first)
			dm_buf_putc(out, ' ');
		/* brat's text column is one line */
		for (uint32_t k = sp[i].start; k < sp[i].end; k++)
			dm_buf_putc(out, d->raw[k] == '\n' || d->raw[k] == '\t' ? ' ' : d->raw[k]);
		first = 0;
	}
	dm_buf_putc(out, '\n');
	return 1;
}

/* The T lines of the sources written so far, by span: open addressing
 * over a power of two at least twice the statements, so never full. */
typedef struct source_ids {
	struct {
		dm_span span;
		int id;
	} * slot;
	size_t mask;
} source_ids;

static int *source_slot(source_ids *m, const dm_span *s)
{
	if (!m->slot)
		return NULL;
	size_t h = ((size_t)s->start * 0x9E3779B1u ^ s->end) & m->mask;
	while (m->slot[h].id && (m->slot[h].span.start != s->start || m->slot[h].span.end != s->end))
		h = (h + 1) & m->mask;
	m->slot[h].span = *s;
	return &m->slot[h].id;
}

void dm_export_brat(const dm_document *d, dm_buf *out)
{
	dm_export_brat_stream(d, out, NULL, NULL);
}

void dm_export_brat_stream(const dm_document *d, dm_buf *out, dm_flush_fn flush, void *ctx)
{
	int t = 1, e = 1;
	size_t n = 2;
	while (n < 2 * d->n_statements)
		n *= 2;
	/* Out of memory, each statement writes its own source: still brat. */
	source_ids sources = {calloc(n, sizeof *sources.slot), n - 1};
	for (size_t i = 0; i < d->n_statements; i++) {
		const dm_statement *s = &d->statements[i];
		int tc = 0, ts = 0, tx = 0;
		if (span_line(d, out, t, "Content", s->content, s->n_content))
			tx = t++;
		int *seen = s->source.end > s->source.start ? source_slot(&sources, &s->source) : NULL;
		if (seen && *seen)
			ts = *seen;
		else if (span_line(d, out, t, "Source", &s->source, 1))
			ts = t++;
		if (seen)
			*seen = ts;
		if (span_line(d, out, t, "Cue", &s->cue, 1))
			tc = t++;
		int anchor = tc ? tc : tx;
		if (!anchor)
			continue;
		dm_buf_printf(out, "E%d\tAttribution:T%d", e++, anchor);
		if (tc)
			dm_buf_printf(out, " Cue:T%d", tc);
		if (ts)
			dm_buf_printf(out, " Source:T%d", ts);
		if (tx)
			dm_buf_printf(out, " Content:T%d", tx);
		dm_buf_putc(out, '\n');
		dm_export_flush(out, flush, ctx);
	}
	free(sources.slot);
}
