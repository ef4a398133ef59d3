#include <string.h>

#include "export.h"

void dm_json_str_or_null(dm_buf *out, const char *s)
{
	if (s)
		dm_buf_json_string(out, s, strlen(s));
	else
		dm_buf_puts(out, "null");
}

static void spans(const dm_document *d, dm_buf *out, const dm_span *sp, int n)
{
	dm_buf_putc(out, '[');
	for (int i = 0; i < n; i++) {
		if (sp[i].end <= sp[i].start)
			continue;
		if (out->data[out->len - 1] != '[')
			dm_buf_putc(out, ',');
		dm_buf_putc(out, '[');
		dm_buf_u32(out, dm_cp_offset(d, sp[i].start));
		dm_buf_putc(out, ',');
		dm_buf_u32(out, dm_cp_offset(d, sp[i].end));
		dm_buf_putc(out, ']');
	}
	dm_buf_putc(out, ']');
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

void dm_export_via(const dm_statement *s, dm_buf *out)
{
	dm_json_str_array(out, s->via, s->n_via);
}

void dm_export_offsets(const dm_document *d, const dm_statement *s, dm_buf *out)
{
	dm_buf_puts(out, "{\"content\":");
	spans(d, out, s->content, s->n_content);
	dm_buf_puts(out, ",\"source\":");
	spans(d, out, &s->source, 1);
	dm_buf_puts(out, ",\"cue\":");
	spans(d, out, &s->cue, 1);
	dm_buf_putc(out, '}');
}

void dm_json_field(dm_buf *out, const char *name, const char *value)
{
	if (out->len && out->data[out->len - 1] != '{')
		dm_buf_putc(out, ',');
	dm_buf_json_string(out, name, strlen(name));
	dm_buf_putc(out, ':');
	dm_json_str_or_null(out, value);
}

void dm_export_statement_json(const dm_document *d, const dm_statement *s, dm_buf *out)
{
	dm_buf_putc(out, '{');
	dm_json_field(out, "kind", dm_kind_name(s->kind));
	dm_json_field(out, "content", s->content_text);
	dm_json_field(out, "speaker", s->speaker);
	dm_json_field(out, "speaker_mention", s->speaker_mention);
	dm_json_field(out, "speaker_type", dm_speaker_type_name(s->speaker_type));
	dm_json_field(out, "cue", s->cue_text);
	dm_json_field(out, "venue", s->venue);
	dm_buf_puts(out, ",\"via\":");
	dm_export_via(s, out);
	dm_buf_puts(out, ",\"offsets\":");
	dm_export_offsets(d, s, out);
	dm_buf_putc(out, '}');
}

void dm_export_json(const dm_document *d, dm_buf *out)
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
	dm_buf_puts(out, "],\"text\":");
	dm_buf_json_string(out, d->text, d->text_len);
	dm_buf_puts(out, ",\"statements\":[");
	for (size_t i = 0; i < d->n_statements; i++) {
		if (i)
			dm_buf_putc(out, ',');
		dm_export_statement_json(d, &d->statements[i], out);
	}
	dm_buf_puts(out, "]}");
}
