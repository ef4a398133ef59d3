/*
 * rows: the rows of one table stored DM_ROWS at a time.
 *
 * Each step of SQLite starts and halts a program and opens its cursors;
 * for a small row (a span: eleven integers) that is a third of what the
 * row costs.  One INSERT of DM_ROWS rows shares it among them.  Values
 * wait here, typed, until a statement's worth is in; dm_rows_flush
 * stores the rest one row a step.  (The keys of statements gained
 * nothing so: a row of 270 bytes costs its copy and its page far more
 * than its step.)
 */
#include <string.h>

#include "internal.h"

/* INSERT INTO TABLE VALUES (?, ...) of N rows of COLS, then TAIL. */
static sqlite3_stmt *prepare_rows(sqlite3 *db, const char *table, int cols, int n, const char *tail)
{
	dm_buf sql = {0};
	dm_buf_printf(&sql, "INSERT INTO %s VALUES ", table);
	for (int r = 0; r < n; r++) {
		dm_buf_puts(&sql, r ? ", (?" : "(?");
		for (int c = 1; c < cols; c++)
			dm_buf_puts(&sql, ", ?");
		dm_buf_putc(&sql, ')');
	}
	dm_buf_puts(&sql, tail ? tail : "");
	sqlite3_stmt *st = NULL;
	if (!sql.failed && sqlite3_prepare_v3(db, sql.data, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		st = NULL;
	}
	dm_buf_free(&sql);
	return st;
}

int dm_rows_prepare(dm_rows *r, sqlite3 *db, const char *table, int cols, const char *tail)
{
	memset(r, 0, sizeof *r);
	r->cols = cols;
	if (cols < 1 || cols > DM_ROW_COLS || !(r->one = prepare_rows(db, table, cols, 1, tail)) ||
	    !(r->many = prepare_rows(db, table, cols, DM_ROWS, tail))) {
		dm_rows_finalize(r);
		return -1;
	}
	return 0;
}

void dm_rows_finalize(dm_rows *r)
{
	sqlite3_finalize(r->one);
	sqlite3_finalize(r->many);
	r->one = r->many = NULL;
	r->n = 0;
}

static dm_row_value *next(dm_rows *r)
{
	return &r->v[r->n][r->at++];
}

void dm_rows_int(dm_rows *r, sqlite3_int64 v)
{
	*next(r) = (dm_row_value){.type = SQLITE_INTEGER, .i = v};
}

void dm_rows_double(dm_rows *r, double v)
{
	*next(r) = (dm_row_value){.type = SQLITE_FLOAT, .f = v};
}

void dm_rows_null(dm_rows *r)
{
	*next(r) = (dm_row_value){.type = SQLITE_NULL};
}

/* Rows FROM .. FROM + N bound to Q (a statement of N rows) and stored. */
static int put(dm_rows *r, sqlite3_stmt *q, size_t from, size_t n)
{
	for (size_t k = 0; k < n; k++)
		for (int c = 0; c < r->cols; c++) {
			const dm_row_value *v = &r->v[from + k][c];
			int i = (int)k * r->cols + c + 1;
			if (v->type == SQLITE_INTEGER)
				sqlite3_bind_int64(q, i, v->i);
			else if (v->type == SQLITE_FLOAT)
				sqlite3_bind_double(q, i, v->f);
			/* else NULL, as dm_step_done left it */
		}
	return dm_step_done(q);
}

int dm_rows_end(dm_rows *r)
{
	r->at = 0;
	if (++r->n < DM_ROWS)
		return 0;
	r->n = 0;
	return put(r, r->many, 0, DM_ROWS);
}

int dm_rows_flush(dm_rows *r)
{
	int rc = 0;
	for (size_t k = 0; k < r->n && !rc; k++)
		rc = put(r, r->one, k, 1);
	r->n = 0;
	return rc;
}

void dm_rows_drop(dm_rows *r)
{
	r->n = 0;
	r->at = 0;
}
