/*
 * brat standoff, as PolNeAR writes it: T lines for Source, Cue and Content
 * (discontinuous parts joined by ';'), then an E line joining them.  A
 * statement without a cue (a continued quotation) is anchored on its
 * content, since brat events need a trigger.
 */
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

void dm_export_brat(const dm_document *d, dm_buf *out)
{
	int t = 1, e = 1;
	for (size_t i = 0; i < d->n_statements; i++) {
		const dm_statement *s = &d->statements[i];
		int tc = 0, ts = 0, tx = 0;
		if (span_line(d, out, t, "Content", s->content, s->n_content))
			tx = t++;
		if (span_line(d, out, t, "Source", &s->source, 1))
			ts = t++;
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
	}
}
