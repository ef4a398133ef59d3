/*
 * A thread's sums of groups of rows.  The taggers score each token with
 * a few features that are the word's alone (its form, stem, shape, word
 * lists, tags): the same for every token of the word, and the same sum
 * of rows whichever sentence it is in.  A word of the cue tagger's
 * vocabulary is scored thousands of times in a run, so the sum is kept
 * under a key the caller makes of what the group depends on, and one
 * look-up here stands for several in the model.
 *
 * The table is direct-mapped, 16,384 groups of 32 bytes (512 KB) a
 * thread: a group that is not there is summed anew and takes its slot.
 * A key is mixed with the model's serial, so a group summed with one
 * model is never read for another.  Like the model's own features, a
 * group is known by its 64-bit key alone.
 */
#include <stdlib.h>
#include <string.h>

#include "learn.h"
#include "util/perthread.h"

enum { SLOT_BITS = 14 };

typedef struct group {
	uint64_t key; /* 0: empty */
	float sum[DM_GROUP_LANES];
} group;
_Static_assert(sizeof(group) == 32, "two groups a cache line");

struct dm_groups {
	group *slots;  /* mask + 1 */
	uint32_t mask; /* 0: one slot, when no table could be made */
};

static void drop(void *p)
{
	dm_groups *g = p;
	if (g)
		free(g->slots);
	free(g);
}

static dm_perthread kept = DM_PERTHREAD(drop);

/* When no table can be had, a table of one group. */
static _Thread_local group one;
static _Thread_local dm_groups none;

dm_groups *dm_groups_thread(void)
{
	dm_groups *g = dm_perthread_get(&kept);
	if (g)
		return g;
	g = calloc(1, sizeof *g);
	if (g) {
		g->slots = calloc((size_t)1 << SLOT_BITS, sizeof *g->slots);
		g->mask = (1u << SLOT_BITS) - 1;
	}
	if (!g || !g->slots || dm_perthread_set(&kept, g)) {
		drop(g);
		none.slots = &one;
		return &none;
	}
	return g;
}

/* KEY's slot, and in *K the key it is kept under there: mixed with the
 * model's serial, never 0.  The slot is from the key's high bits. */
static group *slot_of(dm_groups *g, const dm_model *m, uint64_t key, uint64_t *k)
{
	*k = dm_mix64(key + dm_model_serial(m) * 0x9e3779b97f4a7c15ull) | 1;
	return &g->slots[(uint32_t)(*k >> 32) & g->mask];
}

const float *dm_group_get(dm_groups *g, const dm_model *m, uint64_t key)
{
	uint64_t k;
	group *s = slot_of(g, m, key, &k);
	return s->key == k ? s->sum : NULL;
}

const float *dm_group_put(dm_groups *g, const dm_model *m, uint64_t key, const uint64_t *f, size_t n)
{
	uint64_t k;
	group *s = slot_of(g, m, key, &k);
	float acc[DM_MODEL_LANES] = {0};
	dm_model_add(m, f, n, acc);
	memcpy(s->sum, acc, sizeof s->sum);
	s->key = k;
	return s->sum;
}
