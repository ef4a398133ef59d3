/*
 * The rows of the store as JSON, one shape for every program that reads
 * the archive: 'dictum quotes --json' and its kin, and the web API.
 */
#include "export/export.h"
#include "store.h"

/* A stored statement: the extract contract plus where it is. */
void dm_row_json(const dm_row *r, dm_buf *b)
{
	dm_buf_printf(b, "{\"id\":%lld,\"document\":%lld", r->id, r->doc_id);
	dm_json_field(b, "source", r->source);
	dm_json_field(b, "title", r->title);
	dm_json_field(b, "date", r->date);
	dm_json_field(b, "outlet", r->outlet);
	dm_json_field(b, "kind", r->kind);
	dm_json_field(b, "content", r->content);
	dm_json_field(b, "speaker", r->speaker);
	dm_json_field(b, "speaker_id", r->person_id);
	dm_json_field(b, "speaker_name", r->person);
	dm_json_field(b, "speaker_mention", r->speaker_mention);
	dm_json_field(b, "speaker_type", r->speaker_type);
	dm_json_field(b, "cue", r->cue);
	dm_json_field(b, "venue", r->venue);
	dm_buf_printf(b, ",\"roles\":%s,\"via\":%s,\"offsets\":%s", r->roles ? r->roles : "[]", r->via, r->offsets);
	if (r->snippet) {
		dm_json_field(b, "snippet", r->snippet);
		dm_buf_printf(b, ",\"rank\":%.4f", r->rank);
	}
	dm_buf_putc(b, '}');
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
