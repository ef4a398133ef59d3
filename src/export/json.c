#include <string.h>

#include "export.h"

void dm_json_str_or_null(dm_buf *out, const char *s)
{
	if (s)
		dm_buf_json_string(out, s, strlen(s));
	else
		dm_buf_puts(out, "null");
}

void dm_json_str_array(dm_buf *out, const char *const *v, int n)
{
	dm_buf_putc(out, '[');
	for (int i = 0; i < n; i++) {
		if (i)
			dm_buf_putc(out, ',');
		dm_json_str_or_null(out, v[i]);
	}
	dm_buf_putc(out, ']');
}

void dm_export_comments(const dm_document *d, dm_buf *out)
{
	dm_buf_putc(out, '[');
	for (size_t i = 0; i < d->n_comments; i++) {
		dm_buf_puts(out, i ? ",{" : "{");
		dm_json_field(out, "text", d->comments[i].text);
		dm_json_field(out, "author", d->comments[i].author);
		dm_json_field(out, "date", d->comments[i].date);
		dm_buf_putc(out, '}');
	}
	dm_buf_putc(out, ']');
}

void dm_export_via(const dm_statement *s, dm_buf *out)
{
	dm_json_str_array(out, s->via, s->n_via);
}

void dm_json_field(dm_buf *out, const char *name, const char *value)
{
	if (out->len && out->data[out->len - 1] != '{')
		dm_buf_putc(out, ',');
	dm_buf_json_string(out, name, strlen(name));
	dm_buf_putc(out, ':');
	dm_json_str_or_null(out, value);
}

/* The places of V with role ROLE, as a JSON array of [start, end]. */
static void places_json(const dm_statement_view *v, dm_span_role role, dm_buf *out)
{
	dm_buf_putc(out, '[');
	int n = 0;
	for (int i = 0; i < v->n_places; i++) {
		if (v->places[i].role != role)
			continue;
		dm_buf_puts(out, n++ ? ",[" : "[");
		dm_buf_u32(out, v->places[i].start);
		dm_buf_putc(out, ',');
		dm_buf_u32(out, v->places[i].end);
		dm_buf_putc(out, ']');
	}
	dm_buf_putc(out, ']');
}

void dm_statement_view_json(const dm_statement_view *v, dm_buf *out)
{
	dm_json_field(out, "kind", dm_kind_name(v->kind));
	dm_json_field(out, "content", v->content);
	dm_json_field(out, "speaker", v->speaker);
	dm_json_field(out, "speaker_mention", v->speaker_mention);
	dm_json_field(out, "speaker_type", dm_speaker_type_name(v->speaker_type));
	dm_json_field(out, "cue", v->cue);
	dm_json_field(out, "venue", v->venue);
	dm_buf_puts(out, ",\"via\":"); /* a JSON array already */
	dm_buf_puts(out, v->via ? v->via : "[]");
	dm_buf_puts(out, ",\"offsets\":{\"content\":");
	places_json(v, DM_SPAN_CONTENT, out);
	dm_buf_puts(out, ",\"source\":");
	places_json(v, DM_SPAN_SOURCE, out);
	dm_buf_puts(out, ",\"cue\":");
	places_json(v, DM_SPAN_CUE, out);
	dm_buf_putc(out, '}');
}

static void add_place(const dm_document *d, dm_statement_view *v, dm_span_role role, dm_span sp)
{
	if (sp.end > sp.start)
		v->places[v->n_places++] = (dm_place){role, dm_cp_offset(d, sp.start), dm_cp_offset(d, sp.end)};
}

static void statement_json(const dm_document *d, const dm_statement *s, dm_buf *via, dm_buf *out)
{
	dm_statement_view v = {s->kind,
	                       s->speaker_type,
	                       s->content_text,
	                       s->speaker,
	                       s->speaker_mention,
	                       s->cue_text,
	                       s->venue,
	                       NULL,
	                       {{0}},
	                       0};
	dm_buf_reset(via);
	dm_export_via(s, via);
	v.via = via->data;
	for (int i = 0; i < s->n_content; i++)
		add_place(d, &v, DM_SPAN_CONTENT, s->content[i]);
	add_place(d, &v, DM_SPAN_SOURCE, s->source);
	add_place(d, &v, DM_SPAN_CUE, s->cue);
	dm_buf_putc(out, '{');
	dm_statement_view_json(&v, out);
	dm_buf_putc(out, '}');
}

void dm_export_json(const dm_document *d, dm_buf *out)
{
	dm_export_json_stream(d, out, NULL, NULL);
}

void dm_export_json_stream(const dm_document *d, dm_buf *out, dm_flush_fn flush, void *ctx)
{
	dm_buf_putc(out, '{');
	dm_json_field(out, "source", d->source);
	dm_json_field(out, "title", d->title);
	dm_json_field(out, "date", d->date);
	dm_buf_puts(out, ",\"authors\":");
	dm_json_str_array(out, d->authors, d->n_authors);
	dm_json_field(out, "outlet", d->outlet);
	dm_json_field(out, "url", d->url);
	dm_json_field(out, "language", d->language);
	dm_json_field(out, "fetched", d->fetched);
	dm_buf_puts(out, ",\"roles\":[");
	for (size_t i = 0; i < d->n_roles; i++) {
		dm_buf_puts(out, i ? ",{" : "{");
		dm_json_field(out, "speaker", d->roles[i].speaker);
		dm_json_field(out, "title", d->roles[i].title);
		dm_buf_putc(out, '}');
	}
	dm_buf_puts(out, "],\"text\":\"");
	for (size_t at = 0, k; at < d->text_len; at += k) { /* a long text a part at a time */
		k = d->text_len - at < ((size_t)64 << 10) ? d->text_len - at : (size_t)64 << 10;
		dm_buf_json_chars(out, d->text + at, k);
		dm_export_flush(out, flush, ctx);
	}
	dm_buf_putc(out, '"');
	dm_buf_puts(out, ",\"statements\":[");
	dm_buf via = {0};
	for (size_t i = 0; i < d->n_statements; i++) {
		if (i)
			dm_buf_putc(out, ',');
		statement_json(d, &d->statements[i], &via, out);
		dm_export_flush(out, flush, ctx);
	}
	dm_buf_free(&via);
	dm_buf_puts(out, "],\"comments\":");
	dm_export_comments(d, out);
	dm_buf_putc(out, '}');
}
