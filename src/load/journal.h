/*
 * journal: the replay of Optuna's journal log (optuna_journal.c), shared
 * by the journal file and the Redis journal (optuna_redis.c): the same
 * operations, applied by the same code, wherever the lines come from.
 * Not part of the public API.
 */
#ifndef HPREPORT_JOURNAL_H
#define HPREPORT_JOURNAL_H

#include <stddef.h>

#include "hpreport/load.h"

struct hp_journal;

/* A replay naming the log `name` in messages ("NAME:LINE: ..."); both
 * name and opts must outlive it.  Free with hp_journal_free. */
struct hp_journal *hp_journal_new(const char *name, const struct hp_load_opts *opts);

/*
 * Applies log entry `lineno` (one JSON operation, line[0..len)).  `last`
 * says no entry follows: an undecodable last entry is a write in progress
 * and is ignored (with a note), as Optuna ignores it.  Returns 0, 1 when
 * the entry was ignored that way, or -1 with "NAME:LINE: why" in err.
 */
int hp_journal_apply(struct hp_journal *j, const char *line, size_t len,
    size_t lineno, int last, struct hp_err *err);

/* Notes that the rest of the log was ignored, and why. */
void hp_journal_skip(struct hp_journal *j, const char *why);

/* Moves the finished studies (those opts->study wants) to `out`.
 * Returns 0, or -1 with the message; `out` is then as before. */
int hp_journal_finish(struct hp_journal *j, struct hp_studyset *out,
    struct hp_err *err);

void hp_journal_free(struct hp_journal *j);

#endif
