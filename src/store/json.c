/*
 * The rows of the store as JSON, one shape for every program that reads
 * the archive: 'dictum quotes --json' and its kin, and the web API.
 */
#include <stdio.h>

#include "dictum_archive.h"
#include "export/export.h"

/* A stored statement: where it is, who it was linked to, then the
 * statement as every program shows it. */
void dm_row_json(const dm_row *r, dm_buf *b)
{
	dm_buf_printf(b, "{\"id\":%lld,\"document\":%lld", r->id, r->doc_id);
	dm_json_field(b, "source", r->source);
	dm_json_field(b, "title", r->title);
	dm_json_field(b, "date", r->date);
	dm_json_field(b, "outlet", r->outlet);
	dm_json_field(b, "url", r->url);
	dm_json_field(b, "speaker_id", r->person_id);
	dm_json_field(b, "speaker_name", r->person);
	dm_buf_printf(b, ",\"roles\":%s", r->roles ? r->roles : "[]");
	dm_statement_view v = {r->kind, r->speaker_type, r->content, r->speaker, r->speaker_mention,
	                       r->cue,  r->venue,        r->via,     {{0}},      0};
	for (int i = 0; i < r->n_spans && i < DM_MAX_PARTS + 2; i++)
		v.places[v.n_places++] =
		    (dm_place){r->spans[i].role, (uint32_t)r->spans[i].raw_cp_start, (uint32_t)r->spans[i].raw_cp_end};
	dm_statement_view_json(&v, b);
	if (r->snippet) {
		dm_json_field(b, "snippet", r->snippet);
		dm_buf_printf(b, ",\"rank\":%.4f", r->rank);
	}
	dm_buf_putc(b, '}');
}

void dm_echo_json(const dm_row *r, dm_buf *b)
{
	dm_row_json(r, b);
	b->len--; /* the row's closing brace */
	dm_buf_printf(b, ",\"similarity\":%.3f,\"copy_of\":", r->similarity);
	if (r->copy_of)
		dm_buf_printf(b, "%lld,\"syndicated\":%s}", r->copy_of, r->syndicated ? "true" : "false");
	else
		dm_buf_puts(b, "null,\"syndicated\":false}");
}

static void csv_field(dm_buf *b, const char *s, int last)
{
	if (s) {
		dm_buf_putc(b, '"');
		for (; *s; s++) {
			if (*s == '"')
				dm_buf_putc(b, '"');
			dm_buf_putc(b, *s);
		}
		dm_buf_putc(b, '"');
	}
	dm_buf_putc(b, last ? '\n' : ',');
}

void dm_row_csv(const dm_row *r, dm_buf *b)
{
	char id[32];
	snprintf(id, sizeof id, "%lld", r->id);
	const char *f[] = {id,
	                   r->source,
	                   r->url,
	                   r->date,
	                   r->outlet,
	                   r->title,
	                   r->speaker,
	                   dm_speaker_type_name(r->speaker_type),
	                   r->speaker_mention,
	                   r->cue,
	                   dm_kind_name(r->kind),
	                   r->venue,
	                   r->via,
	                   r->content};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		csv_field(b, f[i], i + 1 == sizeof f / sizeof *f);
}

void dm_speaker_json(const dm_speaker_row *r, dm_buf *b)
{
	dm_buf_putc(b, '{');
	dm_json_field(b, "id", r->id);
	dm_json_field(b, "name", r->name);
	dm_json_field(b, "type", r->type);
	dm_buf_printf(b, ",\"forms\":%s,\"roles\":%s", r->forms ? r->forms : "[]", r->roles ? r->roles : "[]");
	dm_buf_printf(b, ",\"statements\":%lld,\"documents\":%lld", r->statements, r->documents);
	dm_json_field(b, "first", r->first);
	dm_json_field(b, "last", r->last);
	dm_buf_putc(b, '}');
}

void dm_form_json(const dm_form_row *r, dm_buf *b)
{
	dm_buf_putc(b, '{');
	dm_json_field(b, "form", r->form);
	dm_json_field(b, "type", r->type);
	dm_json_field(b, "reason", r->reason);
	dm_buf_printf(b, ",\"statements\":%lld,\"documents\":%s,\"titles\":%s}", r->statements, r->documents,
	              r->titles);
}
