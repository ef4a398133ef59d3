/* A database file of the test's own, removed with its WAL files after
 * each test: cmocka setup and teardown for the store's tests. */
#ifndef DM_TEST_SCRATCH_DB_H
#define DM_TEST_SCRATCH_DB_H

#include <stdio.h>
#include <unistd.h>

static char db[64];

static int setup(void **state)
{
	(void)state;
	snprintf(db, sizeof db, "/tmp/dictum-test-%d.db", (int)getpid());
	unlink(db);
	return 0;
}

/* PATH and its WAL files, gone. */
static void remove_db(const char *path)
{
	char p[300];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

static int teardown(void **state)
{
	(void)state;
	remove_db(db);
	return 0;
}

#endif
