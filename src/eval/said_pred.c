/*
 * dictum's statements as the scorers read them from `dictum extract
 * --format jsonl` (said.h): the same fields of dm_statement that
 * src/export/json.c prints, and offsets.content from the same
 * dm_cp_offset() mapping, its empty spans left out as the export does.
 */
#include <stdlib.h>
#include <string.h>

#include "said.h"
#include "util/vec.h"

int dm_said_preds_add(dm_said_preds *p, const dm_document *d)
{
	for (size_t i = 0; i < d->n_statements; i++) {
		const dm_statement *s = &d->statements[i];
		if (dm_reserve(&p->v, &p->cap, p->n, sizeof *p->v))
			return -1;
		dm_said_range *r = dm_arena_alloc(&p->arena, ((size_t)s->n_content + 1) * sizeof *r);
		if (!r)
			return -1;
		size_t n = 0;
		for (int k = 0; k < s->n_content; k++)
			if (s->content[k].end > s->content[k].start)
				r[n++] = (dm_said_range){dm_cp_offset(d, s->content[k].start),
				                         dm_cp_offset(d, s->content[k].end)};
		p->v[p->n++] = (dm_said_pred){.content = s->content_text,
		                              .speaker = s->speaker,
		                              .headline = s->kind == DM_HEADLINE,
		                              .at = r,
		                              .n_at = dm_said_ranges_merge(r, n)};
	}
	return 0;
}

void dm_said_preds_free(dm_said_preds *p)
{
	free(p->v);
	dm_arena_free(&p->arena);
	memset(p, 0, sizeof *p);
}
